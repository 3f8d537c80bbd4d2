package io.slabtrace.cli.collect;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tracefs instance of this process, {@code instances/slabtrace-<pid>}: its own ring buffer, event enables and
 * {@code tracing_on} (kernel/trace/trace.c {@code instance_mkdir}), so recording never writes the global buffer's
 * settings and another tracer (perf, trace-cmd, a hand-made session, another collect) neither sees nor changes it.
 * {@link #remove()} is an {@code rmdir} of it, which frees its buffers ({@code instance_rmdir}); it fails with
 * EBUSY while one of its files is open, so every reader is closed first.
 */
final class TracefsInstance {
    static final String PREFIX = "slabtrace-";
    private static final Pattern OURS = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)");

    private final Path tracefs;
    private final Path dir;
    private final boolean mountedByUs;

    private TracefsInstance(Path tracefs, Path dir, boolean mountedByUs) {
        this.tracefs = tracefs;
        this.dir = dir;
        this.mountedByUs = mountedByUs;
    }

    /** Makes this process's instance in {@code tracefs} (whose mount is ours to undo when {@code mountedByUs}). */
    static TracefsInstance create(Path tracefs, boolean mountedByUs) throws IOException {
        Path instances = tracefs.resolve("instances");
        if (!Files.isDirectory(instances)) throw new IOException(instances + " is missing: this kernel has no tracefs instances (Linux 3.10 or later)");
        Path dir = instances.resolve(PREFIX + ProcessHandle.current().pid());
        Files.createDirectory(dir); // EEXIST: a run with our pid left it; the stale-instance check names it
        return new TracefsInstance(tracefs, dir, mountedByUs);
    }

    /** Where tracefs is, and whether this run mounted it there (and must unmount it). */
    record Mount(Path tracefs, boolean mountedByUs) {
    }

    /** Finds tracefs, mounting it when nobody has. */
    static Mount mount() throws IOException {
        for (String candidate : new String[] {"/sys/kernel/tracing", "/sys/kernel/debug/tracing"}) {
            Path p = Path.of(candidate);
            if (Files.isDirectory(p.resolve("instances"))) return new Mount(p, false);
        }
        Path p = Path.of("/sys/kernel/tracing");
        run("mount", "-t", "tracefs", "nodev", p.toString());
        if (!Files.isDirectory(p.resolve("instances"))) {
            throw new IOException("tracefs is not available (mount -t tracefs nodev " + p + " failed; is this a Linux kernel with CONFIG_TRACING?)");
        }
        return new Mount(p, true);
    }

    Path path() {
        return dir;
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    String read(String name) throws IOException {
        return Files.readString(dir.resolve(name), StandardCharsets.ISO_8859_1);
    }

    /**
     * A file read with one large read: {@code events/header_page} and {@code header_event} answer only a read at
     * offset 0 (kernel/trace/trace_events.c {@code show_header_page_file}: {@code if (*ppos) return 0}), so a reader
     * that starts small (Files.readAllBytes on a file of size 0 reads one byte first) gets one byte of them.
     */
    byte[] readWhole(String name) throws IOException {
        try (FileChannel ch = FileChannel.open(dir.resolve(name), StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(1 << 16);
            while (b.hasRemaining() && ch.read(b) > 0) {
                // a second read returns 0 for these files; seq_file ones continue where the first stopped
            }
            return Arrays.copyOf(b.array(), b.position());
        }
    }

    /** Writes a setting of this instance only: never a file of the global buffer. */
    void write(String name, String value) throws IOException {
        Files.writeString(dir.resolve(name), value);
    }

    /** Removes the instance and undoes a mount this run made. Never throws; returns what could not be done, or null. */
    String remove() {
        String problem = null;
        for (int attempt = 0; Files.isDirectory(dir); attempt++) {
            try {
                Files.delete(dir); // rmdir: the kernel frees the instance's buffers
            } catch (IOException e) {
                if (attempt == 50) { // EBUSY while a reader still holds a file: it is being closed, wait for it
                    problem = "could not remove " + dir + " (" + e.getMessage() + "); remove it with rmdir " + dir;
                    break;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        if (mountedByUs) {
            try {
                run("umount", tracefs.toString());
            } catch (IOException e) {
                // left mounted: harmless, and said nowhere else
            }
        }
        return problem;
    }

    /**
     * Instances a collect left behind when it was killed (SIGKILL, power loss): named {@code slabtrace-<pid>} for a
     * pid no process has now, or one that started after the instance was made (the pid was reused). Each holds its
     * ring buffer (megabytes per CPU) until removed.
     */
    static List<Path> stale(Path tracefs) {
        List<Path> out = new ArrayList<>();
        try (var entries = Files.list(tracefs.resolve("instances"))) {
            for (Path p : (Iterable<Path>) entries::iterator) {
                Matcher m = OURS.matcher(p.getFileName().toString());
                if (m.matches() && !madeBy(Long.parseLong(m.group(1)), p)) out.add(p);
            }
        } catch (IOException | NumberFormatException e) {
            // no instances directory: nothing stale
        }
        out.sort(null);
        return out;
    }

    /** Whether {@code pid} is alive and old enough to have made {@code instance} (tracefs stamps a directory when made). */
    private static boolean madeBy(long pid, Path instance) {
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        if (p.isEmpty()) return false;
        Optional<Instant> started = p.get().info().startInstant();
        try {
            Instant made = Files.getLastModifiedTime(instance).toInstant();
            return started.isEmpty() || !started.get().isAfter(made.plusSeconds(1)); // start times are rounded to clock ticks
        } catch (IOException e) {
            return true; // gone meanwhile: not ours to remove
        }
    }

    /**
     * The system's own {@code mount}/{@code umount}, by absolute path: run as root with fixed arguments
     * (never a shell, nothing from the command line), and not looked up in a PATH someone else may write to.
     */
    private static void run(String command, String... args) throws IOException {
        String exe = "/bin/" + command; // fails to start when missing, which is reported like a failed mount
        for (String d : new String[] {"/usr/bin", "/bin", "/usr/sbin", "/sbin"}) {
            if (Files.isExecutable(Path.of(d, command))) {
                exe = Path.of(d, command).toString();
                break;
            }
        }
        List<String> cmd = new ArrayList<>(List.of(exe));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() != 0) throw new IOException(String.join(" ", cmd) + " failed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command, e);
        }
    }
}
