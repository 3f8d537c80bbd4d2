package io.slabtrace.cli.collect;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Records the kmem allocation events through tracefs into a compressed file, and puts tracefs back
 * as it found it: which events were on, the buffer size, whether tracing was on, whether it was
 * mounted at all. {@link #stop()} is safe to call more than once and from any exit path.
 */
final class KmemTracer {
    private static final String[] EVENTS = {"kmalloc", "kfree", "kmem_cache_alloc", "kmem_cache_free"};
    /** Ring buffer per CPU: 64 MiB in all, but no less than 4 MiB and no more than 16 MiB per CPU. */
    static int bufferKbPerCpu(int cpus) {
        return Math.max(4096, Math.min(16384, 65536 / Math.max(1, cpus)));
    }

    /**
     * How many ring buffers {@code buffer_size_kb} sizes: tracefs has one per possible CPU
     * ({@code per_cpu/cpuN}), which a cgroup's CPU limit does not shrink as it does the JVM's count.
     */
    static int ringBuffers(Path tracefs) {
        try (var entries = Files.list(tracefs.resolve("per_cpu"))) {
            long n = entries.filter(p -> p.getFileName().toString().matches("cpu\\d+")).count();
            if (n > 0) return (int) n;
        } catch (IOException e) {
            // an older or trimmed tracefs: fall back to the CPUs this process may use
        }
        return Runtime.getRuntime().availableProcessors();
    }

    private final Path tracefs;
    private final boolean mountedByUs;
    private final Map<Path, String> previous = new LinkedHashMap<>();
    private final Thread pump;
    private volatile boolean stopping;
    private final OutputStream out;
    private boolean stopped;
    private long lost = -1;

    private KmemTracer(Path tracefs, boolean mountedByUs, FileChannel output) throws IOException {
        this.tracefs = tracefs;
        this.mountedByUs = mountedByUs;
        this.out = new FastGzip(Channels.newOutputStream(output));
        for (String e : EVENTS) remember(tracefs.resolve("events/kmem/" + e + "/enable"));
        remember(tracefs.resolve("buffer_size_kb"));
        remember(tracefs.resolve("tracing_on"));
        write(tracefs.resolve("buffer_size_kb"), Integer.toString(bufferKbPerCpu(ringBuffers(tracefs))));
        Files.writeString(tracefs.resolve("trace"), ""); // clear the ring buffer and its overrun counters
        for (String e : EVENTS) write(tracefs.resolve("events/kmem/" + e + "/enable"), "1");
        write(tracefs.resolve("tracing_on"), "1");
        pump = new Thread(this::pump, "kmem-trace-pipe");
        pump.setDaemon(true);
        pump.start();
    }

    /**
     * Finds tracefs (mounting it when nobody has) and starts recording into {@code output}, a file
     * created exclusively in the collection before tracefs is touched.
     */
    static KmemTracer start(FileChannel output) throws IOException {
        for (String candidate : new String[] {"/sys/kernel/tracing", "/sys/kernel/debug/tracing"}) {
            Path p = Path.of(candidate);
            if (Files.isRegularFile(p.resolve("trace_pipe"))) return new KmemTracer(p, false, output);
        }
        Path p = Path.of("/sys/kernel/tracing");
        try {
            Process m = new ProcessBuilder(system("mount"), "-t", "tracefs", "nodev", p.toString()).redirectErrorStream(true).start();
            if (m.waitFor() != 0 || !Files.isRegularFile(p.resolve("trace_pipe"))) {
                throw new IOException("tracefs is not available (mount -t tracefs nodev " + p + " failed; is this a Linux kernel with CONFIG_TRACING?)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while mounting tracefs", e);
        }
        return new KmemTracer(p, true, output);
    }

    /**
     * The system's own {@code mount}/{@code umount}, by absolute path: run as root with fixed arguments
     * (never a shell, nothing from the command line), and not looked up in a PATH someone else may write to.
     */
    private static String system(String command) {
        for (String dir : new String[] {"/usr/bin", "/bin", "/usr/sbin", "/sbin"}) {
            Path p = Path.of(dir, command);
            if (Files.isExecutable(p)) return p.toString();
        }
        return "/bin/" + command; // fails to start, which is reported like a failed mount
    }

    private void remember(Path f) throws IOException {
        previous.put(f, Files.readString(f).strip());
    }

    private static void write(Path f, String v) throws IOException {
        Files.writeString(f, v);
    }

    private void pump() {
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(tracefs.resolve("trace_pipe"))) {
            int n;
            while (!stopping && (n = in.read(buf)) > 0) {
                synchronized (out) {
                    out.write(buf, 0, n);
                }
            }
        } catch (IOException e) {
            // the pipe closed under us at stop
        }
    }

    /** Makes what was recorded so far readable even if the process dies next (a gzip sync flush). */
    void flush() throws IOException {
        synchronized (out) {
            out.flush();
        }
    }

    /** Events the ring buffer overwrote before they were read (sum of the per-CPU "overrun" counters), or -1. */
    long lostEvents() {
        return lost;
    }

    /** Disables the events, restores every setting, unmounts what it mounted. Never throws. */
    synchronized void stop() {
        if (stopped) return;
        stopped = true;
        stopping = true;
        try {
            for (String e : EVENTS) write(tracefs.resolve("events/kmem/" + e + "/enable"), "0");
            lost = overruns();
            Files.writeString(tracefs.resolve("trace_marker"), "slabtrace: stop\n"); // wakes the reader of trace_pipe
            pump.join(2000);
        } catch (IOException | InterruptedException e) {
            // restore below regardless
        }
        for (Map.Entry<Path, String> p : previous.entrySet()) {
            try {
                write(p.getKey(), p.getValue());
            } catch (IOException e) {
                // best effort: the rest still gets restored
            }
        }
        try {
            synchronized (out) {
                out.close();
            }
        } catch (IOException e) {
            // the file keeps what was flushed
        }
        if (mountedByUs) {
            try {
                new ProcessBuilder(system("umount"), tracefs.toString()).start().waitFor();
            } catch (IOException | InterruptedException e) {
                // left mounted
            }
        }
    }

    private long overruns() {
        long total = 0;
        try (var cpus = Files.list(tracefs.resolve("per_cpu"))) {
            for (Path cpu : (Iterable<Path>) cpus::iterator) {
                for (String line : Files.readAllLines(cpu.resolve("stats"))) {
                    if (line.startsWith("overrun:")) total += Long.parseLong(line.substring(8).strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return total;
    }

    /** The reader must keep up with the kernel's event rate: the fastest deflate level, synced on flush. */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream os) throws IOException {
            super(os, 1 << 16, true);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }

    /** The state a tracefs setting had before recording, for tests and the note in meta.json. */
    Map<Path, String> previousState() {
        return Map.copyOf(previous);
    }
}
