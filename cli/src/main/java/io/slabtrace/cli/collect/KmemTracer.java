package io.slabtrace.cli.collect;

import io.slabtrace.parser.ringbuffer.PageLayout;
import io.slabtrace.parser.ringbuffer.TraceFormatException;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Records the kmem allocation events in a tracefs instance of its own ({@link TracefsInstance}): one reader per
 * CPU copies the ring buffer's pages to a file of that CPU ({@link CpuPages}); at stop, tracing is turned off in
 * the instance, every buffer is read to empty, the instance is removed, and the pages become a trace.dat
 * ({@link TraceDatWriter}) that trace-cmd and this project's readers read. The global tracefs settings are
 * never written. {@link #stop()} is safe to call more than once and from any exit path.
 */
final class KmemTracer {
    static final String[] EVENTS = {"kmalloc", "kfree", "kmem_cache_alloc", "kmem_cache_free"};
    /** How long stop() waits for one CPU's buffer to be read to empty (16 MiB take well under a second). */
    private static final long DRAIN_MS = 30_000;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

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

    /** What the recording lost and cost, known once it stopped. */
    record Outcome(Map<Integer, Long> lostPerCpu, long pages, long bytes, String problem) {
        long lost() {
            return lostPerCpu.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final Path tracefs;
    private final TracefsInstance instance;
    private final CollectionFiles files;
    private final List<FileChannel> cpuFiles;
    private final List<CpuPages> readers;
    private final TraceDatWriter.Metadata startMeta;
    private volatile long stopNanos;
    private boolean stopped;
    private Outcome outcome;

    private KmemTracer(Path tracefs, TracefsInstance instance, CollectionFiles files, List<FileChannel> cpuFiles, List<CpuPages> readers,
                       TraceDatWriter.Metadata startMeta) {
        this.tracefs = tracefs;
        this.instance = instance;
        this.files = files;
        this.cpuFiles = cpuFiles;
        this.readers = readers;
        this.startMeta = startMeta;
    }

    /**
     * Finds tracefs (mounting it when nobody has), makes this run's instance and starts recording into the
     * collection's per-CPU files. Instances a killed run left are named on {@code err}.
     */
    static KmemTracer start(CollectionFiles files, PrintWriter err) throws IOException {
        TracefsInstance.Mount mount = TracefsInstance.mount();
        for (Path stale : TracefsInstance.stale(mount.tracefs())) {
            err.println("slabtrace: warning: " + stale + " was left by a slabtrace run that is gone, and keeps its ring buffer; "
                    + "remove it with: slabtrace collect --remove-stale-instances");
        }
        err.flush();
        TracefsInstance instance = TracefsInstance.create(mount.tracefs(), mount.mountedByUs());
        List<FileChannel> cpuFiles = new ArrayList<>();
        List<CpuPages> readers = new ArrayList<>();
        try {
            int cpus = ringBuffers(instance.path());
            instance.write("buffer_size_kb", Integer.toString(bufferKbPerCpu(cpus)));
            // the instance's own clock: CLOCK_MONOTONIC, which this JVM reads too (System.nanoTime), so replay can put
            // each snapshot's wall-clock time on the trace's time line (meta.json's trace_clock_offset_seconds)
            instance.write("trace_clock", "mono");
            TraceDatWriter.Metadata meta = startMeta(mount.tracefs(), instance);
            PageLayout layout;
            try {
                layout = PageLayout.fromHeaderPage(new String(meta.headerPage(), StandardCharsets.ISO_8859_1), meta.pageSize(), meta.order(), 8);
            } catch (TraceFormatException e) {
                throw new IOException(instance.file("events/header_page") + ": " + e.getMessage());
            }
            for (int cpu = 0; cpu < cpus; cpu++) {
                FileChannel f = files.createCpuData(cpu);
                cpuFiles.add(f);
                readers.add(new CpuPages(cpu, instance, f, layout));
            }
            KmemTracer t = new KmemTracer(mount.tracefs(), instance, files, cpuFiles, readers, meta);
            for (CpuPages r : readers) r.start();
            for (String e : EVENTS) instance.write("events/kmem/" + e + "/enable", "1");
            instance.write("tracing_on", "1");
            return t;
        } catch (IOException | RuntimeException e) {
            for (CpuPages r : readers) {
                try {
                    r.drain(0);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
            }
            instance.remove();
            discardCpuFiles(files, cpuFiles);
            throw e;
        }
    }

    /**
     * Wall-clock seconds minus CLOCK_MONOTONIC seconds, now: a trace event at monotonic time t happened at wall time
     * t + offset. Read between two monotonic reads, the closest of a few tries (the JVM's clocks are vDSO calls).
     */
    static double monotonicOffsetSeconds() {
        long best = Long.MAX_VALUE;
        double offset = 0;
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            java.time.Instant wall = java.time.Instant.now();
            long t1 = System.nanoTime();
            if (t1 - t0 < best) {
                best = t1 - t0;
                offset = wall.getEpochSecond() + wall.getNano() / 1e9 - (t0 + (t1 - t0) / 2) / 1e9;
            }
        }
        return offset;
    }

    /**
     * What the trace.dat needs from the instance while it exists: header_page and header_event, the kmem and ftrace
     * event formats, the clock, the page (sub-buffer) size.
     */
    private static TraceDatWriter.Metadata startMeta(Path tracefs, TracefsInstance instance) throws IOException {
        int pageSize = HostInfo.pageSize();
        if (Files.isRegularFile(instance.file("buffer_subbuf_size_kb"))) { // Linux 6.8: sub-buffers may be larger than a page
            pageSize = Integer.parseInt(instance.read("buffer_subbuf_size_kb").strip()) * 1024;
        }
        byte[] headerPage = instance.readWhole("events/header_page");
        byte[] headerEvent = instance.readWhole("events/header_event");
        List<byte[]> kmem = new ArrayList<>();
        for (String e : EVENTS) kmem.add(Files.readAllBytes(instance.file("events/kmem/" + e + "/format")));
        List<byte[]> ftrace = new ArrayList<>();
        Path ftraceDir = instance.file("events/ftrace");
        if (!Files.isDirectory(ftraceDir)) ftraceDir = tracefs.resolve("events/ftrace");
        try (var events = Files.list(ftraceDir)) {
            for (Path e : (Iterable<Path>) events.sorted()::iterator) {
                Path format = e.resolve("format");
                if (Files.isRegularFile(format)) ftrace.add(Files.readAllBytes(format));
            }
        } catch (IOException e) {
            // no ftrace formats: trace-cmd reads kmem events without them
        }
        Map<String, List<byte[]>> systems = new LinkedHashMap<>();
        systems.put("kmem", kmem);
        return new TraceDatWriter.Metadata(ByteOrder.nativeOrder(), 8, pageSize, headerPage, headerEvent, ftrace, systems, new byte[0],
                new byte[0], new byte[0], instance.read("trace_clock"), HostInfo.uname());
    }

    /** The trace reader's CPU time so far (the per-CPU readers, and stop's writing of the trace.dat), in nanoseconds. */
    long cpuNanos() {
        long n = stopNanos;
        for (CpuPages r : readers) n += r.cpuNanos();
        return n;
    }

    /** Lost events per CPU and what went wrong at stop; null before stop. */
    synchronized Outcome outcome() {
        return outcome;
    }

    /**
     * Turns tracing off in the instance, reads every buffer to empty, removes the instance (and a mount this run
     * made), then writes the trace.dat. Never throws: a failure is the outcome's problem.
     */
    synchronized void stop() {
        if (stopped) return;
        stopped = true;
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        List<String> problems = new ArrayList<>();
        boolean pagesComplete = true;
        try {
            instance.write("tracing_on", "0"); // recording ends here; what is in the buffers is read below
        } catch (IOException e) {
            problems.add(instance.file("tracing_on") + ": " + e.getMessage());
        }
        for (CpuPages r : readers) {
            try {
                if (!r.drain(DRAIN_MS)) problems.add("cpu" + r.cpu + ": its buffer was not read to empty within " + DRAIN_MS / 1000 + " s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (r.failure() != null) {
                pagesComplete = false;
                problems.add(files.path() + ": cpu" + r.cpu + "'s pages: " + r.failure().getMessage() + "; no trace.dat was written");
            }
        }
        Map<Integer, Long> lost = new TreeMap<>();
        List<String> stats = new ArrayList<>();
        long pages = 0, bytes = 0;
        for (CpuPages r : readers) {
            CpuStats s = CpuStats.read(instance, r.cpu);
            stats.add(s.text());
            // the same loss seen twice: by the page headers (missed events) and by the kernel's counters
            lost.put(r.cpu, Math.max(r.missedCounted() + r.missedUncounted(), Math.max(0, s.lost())));
            pages += r.pages();
            bytes += r.bytes();
        }
        TraceDatWriter.Metadata meta = null;
        try {
            meta = withSystemTables(startMeta);
        } catch (IOException e) {
            problems.add("the trace.dat's metadata: " + e.getMessage());
        }
        String removal = instance.remove();
        if (removal != null) problems.add(removal);
        if (meta != null && pagesComplete) {
            TraceDatWriter.Metadata m = meta;
            try {
                files.writeTrace(out -> TraceDatWriter.write(out, m, cpuFiles, stats));
            } catch (IOException | RuntimeException e) {
                problems.add(files.path().resolve(CollectionFiles.TRACE) + ": " + e.getMessage());
            }
        }
        discardCpuFiles(files, cpuFiles);
        outcome = new Outcome(lost, pages, bytes, problems.isEmpty() ? null : String.join("; ", problems));
        stopNanos = Math.max(0, THREADS.getCurrentThreadCpuTime() - cpu0);
    }

    /**
     * The tables that describe every event, read at stop (modules loaded meanwhile included): /proc/kallsyms for the
     * call sites, printk_formats and saved_cmdlines of tracefs (read, never written).
     */
    private TraceDatWriter.Metadata withSystemTables(TraceDatWriter.Metadata m) throws IOException {
        byte[] kallsyms = Files.readAllBytes(Path.of("/proc/kallsyms"));
        byte[] printk = readIfThere(tracefs.resolve("printk_formats"));
        byte[] cmdlines = readIfThere(tracefs.resolve("saved_cmdlines"));
        return new TraceDatWriter.Metadata(m.order(), m.longSize(), m.pageSize(), m.headerPage(), m.headerEvent(), m.ftraceFormats(),
                m.eventFormats(), kallsyms, printk, cmdlines, m.traceClock(), m.uname());
    }

    private static byte[] readIfThere(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static void discardCpuFiles(CollectionFiles files, List<FileChannel> cpuFiles) {
        for (int cpu = 0; cpu < cpuFiles.size(); cpu++) {
            try {
                cpuFiles.get(cpu).close();
                files.deleteCpuData(cpu);
            } catch (IOException e) {
                // left in the directory under its per-CPU name
            }
        }
    }
}
