package io.slabtrace.cli.collect;

import io.slabtrace.parser.Decimal;
import io.slabtrace.parser.HostFacts;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/** Facts about this host for {@code meta.json}; each is null where the file does not exist. */
final class HostInfo {
    private HostInfo() {
    }

    static String read(String path) {
        try {
            return Files.readString(Path.of(path)).strip();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static Integer count(String path) {
        String list = read(path);
        return list == null || list.isEmpty() ? null : HostFacts.listed(list);
    }

    static Integer number(String path) {
        String v = read(path);
        try {
            return v == null ? null : Integer.valueOf(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String hostName() {
        String h = read("/proc/sys/kernel/hostname");
        if (h != null) return h;
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return null;
        }
    }

    /** What {@code uname -snrm} prints (trace.dat's UNAME option): system, host, release, machine. */
    static String uname() {
        String[] parts = {read("/proc/sys/kernel/ostype"), hostName(), read("/proc/sys/kernel/osrelease"), read("/proc/sys/kernel/arch")};
        StringBuilder b = new StringBuilder();
        for (String p : parts) {
            if (p == null) continue;
            if (b.length() > 0) b.append(' ');
            b.append(p);
        }
        return b.toString();
    }

    private static volatile int pageSize;

    /**
     * The kernel's page size, from this process's own mappings ({@code KernelPageSize:} in smaps), read once: smaps is
     * a few hundred KiB that cost several times a whole tick, and the page size never changes while the host runs.
     */
    static int pageSize() {
        if (pageSize == 0) pageSize = kernelPageSize();
        return pageSize;
    }

    private static int kernelPageSize() {
        String smaps = read("/proc/self/smaps");
        if (smaps != null) {
            for (String line : smaps.split("\n")) {
                if (!line.startsWith("KernelPageSize:")) continue;
                long kib = Decimal.parse(line.replaceAll("\\D", ""), 1 << 20);
                if (kib > 0) return (int) kib * 1024;
            }
        }
        return 4096;
    }

    /** CPU time this process has used, in milliseconds ({@code utime + stime} of /proc/self/stat). */
    static double cpuMillis() {
        String stat = read("/proc/self/stat");
        if (stat == null) return Double.NaN;
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14 and 15 of proc(5)
        return ticks * 1000.0 / 100; // USER_HZ
    }
}
