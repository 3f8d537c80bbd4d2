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

        public void tick() {
            if (tracer == null) return;
            try {
                tracer.flush();
            } catch (IOException e) {
                // the next flush tries again
            }
        }

        public Long lostEvents() {
            return tracer == null || tracer.lostEvents() < 0 ? null : tracer.lostEvents();
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
        if (files.trace() != null) {
            try {
                tracer = KmemTracer.start(files.trace());
            } catch (IOException e) {
                throw new UserError("--trace kmem: " + e.getMessage());
            }
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

    public static CollectionMeta meta(String version, Instant started, Instant stopped, String reason, Collector c, Session s,
                                      Duration interval, boolean sysfs, String trace) {
        String release = HostFacts.liveRelease();
        String allocator = c.allocator().label();
        return new CollectionMeta(version, HostInfo.hostName(), release, HostInfo.read("/proc/sys/kernel/random/boot_id"),
                HostInfo.pageSize(), HostFacts.liveCpus(), HostInfo.count("/sys/devices/system/node/online"),
                HostInfo.number("/sys/devices/system/cpu/cpu0/cache/index0/coherency_line_size"), allocator, interval.toMillis(),
                started.toString(), stopped == null ? null : stopped.toString(), reason, c.snapshots(), c.skippedTicks(), sysfs, trace,
                s.lostEvents(), c.cpuMsPerSnapshot());
    }
}
