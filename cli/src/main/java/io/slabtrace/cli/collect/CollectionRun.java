package io.slabtrace.cli.collect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.slabtrace.cli.error.UserError;
import io.slabtrace.parser.HostFacts;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The collection around the loop: signals, tracing, meta.json. */
public final class CollectionRun {
    private static final Pattern TIME = Pattern.compile("(\\d+)(ms|s|m|h)?");
    private static final ObjectMapper JSON = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private CollectionRun() {
    }

    /** "500ms", "5s", "10m", "1h", or plain seconds. */
    public static long millis(String text, String option) {
        Matcher m = TIME.matcher(text.strip());
        if (!m.matches()) throw new UserError(option + " " + text + ": expected a time such as 500ms, 5s, 10m or 1h", 2);
        long v = Long.parseLong(m.group(1));
        String u = m.group(2) == null ? "s" : m.group(2);
        long ms = switch (u) {
            case "ms" -> v;
            case "s" -> v * 1000;
            case "m" -> v * 60_000;
            default -> v * 3_600_000;
        };
        if (ms <= 0) throw new UserError(option + " must be more than zero", 2);
        return ms;
    }

    /** A running collection: its directory, the tracer if any, and the signal handlers that stop the loop. */
    public static final class Session implements AutoCloseable {
        private final CollectionFiles files;
        private final KmemTracer tracer;
        private final Thread hook;

        Session(CollectionFiles files, KmemTracer tracer, Thread hook) {
            this.files = files;
            this.tracer = tracer;
            this.hook = hook;
        }

        public Long lostEvents() {
            KmemTracer.Outcome o = tracer == null ? null : tracer.outcome();
            return o == null ? null : o.lost();
        }

        public java.util.Map<Integer, Long> lostEventsPerCpu() {
            KmemTracer.Outcome o = tracer == null ? null : tracer.outcome();
            return o == null ? null : o.lostPerCpu();
        }

        /** The trace reader's CPU time in milliseconds, or null without a trace. */
        public Double traceCpuMs() {
            return tracer == null ? null : tracer.cpuNanos() / 1e6;
        }

        /** What went wrong recording the trace (its trace.dat not written, its instance not removed), or null. */
        public String traceProblem() {
            KmemTracer.Outcome o = tracer == null ? null : tracer.outcome();
            return o == null ? null : o.problem();
        }

        public void writeMeta(CollectionMeta m) throws IOException {
            files.writeMeta((JSON.writeValueAsString(m) + "\n").getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void close() {
            if (tracer != null) tracer.stop();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down already
            }
        }
    }

    /** SIGINT and SIGTERM ask the loop to stop after the current snapshot; tracing is restored on every exit path. */
    @SuppressWarnings("restriction")
    public static Session start(CollectionFiles files, Collector c, PrintWriter err) {
        KmemTracer tracer = null;
        if (files.traced()) {
            try {
                tracer = KmemTracer.start(files, err);
            } catch (IOException e) {
                throw new UserError("--trace kmem: " + e.getMessage());
            }
            c.excludeCpu(tracer::cpuNanos); // the snapshots' cost is measured without the trace reader's
        }
        for (String sig : new String[] {"INT", "TERM"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(sig), s -> c.requestStop());
            } catch (IllegalArgumentException e) {
                // signal not available here
            }
        }
        KmemTracer t = tracer;
        Thread hook = new Thread(() -> {
            if (t != null) t.stop();
        }, "slabtrace-restore");
        Runtime.getRuntime().addShutdownHook(hook);
        return new Session(files, tracer, hook);
    }

    /** Removes the instances killed runs left (see {@link KmemTracer}); returns their paths. Nothing mounted: none. */
    public static java.util.List<String> removeStaleInstances() {
        java.util.List<String> removed = new java.util.ArrayList<>();
        for (String candidate : new String[] {"/sys/kernel/tracing", "/sys/kernel/debug/tracing"}) {
            for (java.nio.file.Path stale : TracefsInstance.stale(java.nio.file.Path.of(candidate))) {
                try {
                    java.nio.file.Files.delete(stale); // rmdir frees the instance and its buffers
                    removed.add(stale.toString());
                } catch (IOException e) {
                    throw new UserError(stale + ": cannot remove (" + e.getMessage() + "); is a reader still holding one of its files?");
                }
            }
            if (!removed.isEmpty()) break; // the same tracefs may be mounted at both places
        }
        return removed;
    }

    public static CollectionMeta meta(String version, Instant started, Instant stopped, String reason, Collector c, Session s,
                                      Duration interval, boolean sysfs, String trace) {
        String release = HostFacts.liveRelease();
        String allocator = c.allocator().label();
        return new CollectionMeta(version, HostInfo.hostName(), release, HostInfo.read("/proc/sys/kernel/random/boot_id"),
                HostInfo.pageSize(), HostFacts.liveCpus(), HostInfo.count("/sys/devices/system/node/online"),
                HostInfo.number("/sys/devices/system/cpu/cpu0/cache/index0/coherency_line_size"), allocator, interval.toMillis(),
                started.toString(), stopped == null ? null : stopped.toString(), reason, c.snapshots(), c.skippedTicks(), sysfs, trace,
                s.lostEvents(), s.lostEventsPerCpu(), s.traceCpuMs(), s.tracer == null ? null : "mono",
                s.tracer == null ? null : KmemTracer.monotonicOffsetSeconds(), c.cpuMsPerSnapshot());
    }
}
