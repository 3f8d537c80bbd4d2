package io.slabtrace.cli.command;

import io.slabtrace.cli.collect.CollectionFiles;
import io.slabtrace.cli.collect.CollectionMeta;
import io.slabtrace.cli.collect.CollectionRun;
import io.slabtrace.cli.collect.Collector;
import io.slabtrace.cli.collect.OpenMetrics;
import io.slabtrace.cli.error.ExitCodes;
import io.slabtrace.cli.error.UserError;
import io.slabtrace.cli.options.Bound;
import io.slabtrace.cli.options.CommandModel;
import io.slabtrace.parser.HostFacts;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

/** Collects snapshots on a schedule into a directory. Its options are declared in code ({@link Bound}). */
public final class CollectCommand implements Callable<Integer> {

    private CommandSpec spec;

    private final Bound<Path> dir = new Bound<>(null);

    private final Bound<Boolean> resume = new Bound<>(false);

    private final Bound<String> interval = new Bound<>("5s");

    private final Bound<Long> count = new Bound<>(null);

    private final Bound<String> duration = new Bound<>(null);

    private final Bound<Boolean> sysfs = new Bound<>(false);

    private final Bound<String> trace = new Bound<>(null);

    private final Bound<Boolean> removeStale = new Bound<>(false);

    private final Bound<Path> openMetrics = new Bound<>(null);

    private final Bound<Path> source = new Bound<>(Path.of("/proc/slabinfo"));

    /** The command line's model of this command, bound to this object. */
    public CommandSpec spec() {
        spec = CommandModel.of(this, "collect");
        spec.usageMessage().sortOptions(false).description(
                "Collects /proc/slabinfo (and with --sysfs every cache's attributes, with --trace kmem the kmem events) "
                + "on a fixed schedule into a directory every other command reads. Each snapshot is written whole and flushed "
                + "before the next tick; SIGINT/SIGTERM end the run cleanly. Needs root.");
        spec.addOption(dir.option(Path.class, "-o", "--output").paramLabel("DIR")
                .description("The collection directory: created (mode 0750), or an empty one of yours only you can write to. "
                        + "Use a root-owned place such as /var/lib/slabtrace/NAME.").build());
        spec.addOption(resume.option(Boolean.class, "--resume").arity("0")
                .description("Continue the collection collect made earlier in DIR (checked as a new one is).").build());
        spec.addOption(interval.option(String.class, "--interval").paramLabel("TIME")
                .description("Time between snapshots: 500ms, 5s, 1m (default: ${DEFAULT-VALUE}).").build());
        spec.addOption(count.option(Long.class, "--count").paramLabel("N")
                .description("Stop after N snapshots.").build());
        spec.addOption(duration.option(String.class, "--duration").paramLabel("TIME")
                .description("Stop after this long: 90s, 10m, 1h.").build());
        spec.addOption(sysfs.option(Boolean.class, "--sysfs").arity("0")
                .description("Also every readable attribute of every cache under /sys/kernel/slab (counters each tick, the rest when a cache appears or is written to).").build());
        spec.addOption(trace.option(String.class, "--trace").paramLabel("kmem")
                .description("Record the kmem tracepoints into kmem-trace.dat (a trace.dat: "
                        + "trace-cmd report reads it), from a tracefs instance of its own; the global tracefs settings are never written.").build());
        spec.addOption(removeStale.option(Boolean.class, "--remove-stale-instances").arity("0")
                .description("Remove the tracefs instances (instances/slabtrace-PID) that killed "
                        + "runs left behind, each with its ring buffer; alone, only that.").build());
        spec.addOption(openMetrics.option(Path.class, "--openmetrics").paramLabel("FILE")
                .description("After each tick, write per-cache metrics for node_exporter's textfile collector.").build());
        spec.addOption(source.option(Path.class, "--source").hidden(true)
                .description("Read this file instead of /proc/slabinfo (tests).").build());
        Bound.helpOptions(spec, new VersionProvider());
        return spec;
    }

    @Override
    public Integer call() throws Exception {
        Path dir = this.dir.value(), source = this.source.value(), openMetrics = this.openMetrics.value();
        String duration = this.duration.value(), trace = this.trace.value();
        Long count = this.count.value();
        PrintWriter err = spec.commandLine().getErr();
        if (removeStale.value()) {
            for (String removed : CollectionRun.removeStaleInstances()) err.println("slabtrace: removed " + removed);
            err.flush();
            if (dir == null) return ExitCodes.OK;
        }
        if (dir == null) throw new UserError("Missing required option: '--output=DIR'", ExitCodes.USAGE);
        long intervalMs = CollectionRun.millis(interval.value(), "--interval");
        long durationMs = duration == null ? 0 : CollectionRun.millis(duration, "--duration");
        if (trace != null && !trace.equals("kmem")) throw new UserError("--trace takes kmem", ExitCodes.USAGE);
        if (count != null && count < 1) throw new UserError("--count takes a positive number, not " + count, ExitCodes.USAGE);
        if (!Files.isReadable(source)) {
            throw new UserError(source + " is not readable: collecting needs root on a Linux kernel with slab statistics (run with sudo)");
        }
        // every file is opened before anything else is done: tracefs, the first read, the signal handlers
        try (OpenMetrics metrics = openMetrics == null ? null : open(openMetrics, () -> OpenMetrics.at(openMetrics, HostFacts.liveRelease()));
             CollectionFiles files = open(dir, () -> CollectionFiles.open(dir, resume.value(), sysfs.value(), trace != null))) {
            return collect(files, metrics, err, intervalMs, durationMs);
        }
    }

    private Integer collect(CollectionFiles files, OpenMetrics metrics, PrintWriter err, long intervalMs, long durationMs) throws Exception {
        PrintWriter progress = System.console() != null ? err : null;
        Long count = this.count.value();
        Collector c = new Collector(files, source.value(), intervalMs, count == null ? Long.MAX_VALUE : count, durationMs, metrics, progress, err);
        Instant started = Instant.now();
        CollectionRun.Session session;
        try {
            session = CollectionRun.start(files, c, err);
        } catch (UserError e) { // tracefs missing: nothing recorded, so the same -o works again
            files.discardNew();
            throw e;
        }
        Collector.Stop stop;
        try {
            try {
                session.writeMeta(meta(started, null, "running", c, session));
            } catch (IOException e) { // a full disk can come before the first snapshot: the trace's pages fill it from the start
                throw new UserError(dir.value() + ": " + e.getMessage() + " before the first snapshot: nothing was collected");
            }
            stop = c.run(System::nanoTime, () -> { }); // the trace's readers write their pages as they come
        } finally {
            session.close();
        }
        String metaProblem = "";
        try {
            session.writeMeta(meta(started, Instant.now(), stop.name().toLowerCase(java.util.Locale.ROOT), c, session));
        } catch (IOException e) { // the disk may still be full: meta.json keeps what it said at the start
            metaProblem = " (meta.json could not be updated: " + e.getMessage() + ")";
        }
        if (stop == Collector.Stop.DISK_FULL || stop == Collector.Stop.READ_ERROR) {
            throw new UserError(c.error() + "; the collection in " + dir.value() + " holds the " + c.snapshots()
                    + " snapshots completed before it" + metaProblem);
        }
        if (session.traceProblem() != null) {
            throw new UserError("--trace kmem: " + session.traceProblem() + "; the collection in " + dir.value() + " holds its " + c.snapshots()
                    + " snapshots" + metaProblem);
        }
        if (!metaProblem.isEmpty()) throw new UserError("the collection in " + dir.value() + " is complete" + metaProblem);
        return ExitCodes.OK;
    }

    /** Opening an output: a refusal is already one line; any other failure says which path. */
    private static <T> T open(Path path, Opening<T> opening) {
        try {
            return opening.open();
        } catch (IOException e) {
            throw new UserError(path + ": cannot open for writing: " + e.getMessage());
        }
    }

    @FunctionalInterface
    private interface Opening<T> {
        T open() throws IOException;
    }

    private CollectionMeta meta(Instant started, Instant stopped, String reason, Collector c, CollectionRun.Session s) throws IOException {
        String version = new VersionProvider().getVersion()[0].replace("slabtrace ", "");
        return CollectionRun.meta(version, started, stopped, reason, c, s, Duration.ofMillis(CollectionRun.millis(interval.value(), "--interval")),
                sysfs.value(), trace.value());
    }
}
