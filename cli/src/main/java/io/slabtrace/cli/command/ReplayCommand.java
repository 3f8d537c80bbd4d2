package io.slabtrace.cli.command;

import io.slabtrace.cli.error.ExitCodes;
import io.slabtrace.cli.error.UserError;
import io.slabtrace.cli.format.Lang;
import io.slabtrace.cli.format.OutputFormat;
import io.slabtrace.cli.format.Structured;
import io.slabtrace.cli.options.Bound;
import io.slabtrace.cli.options.CollectionCheckpoints;
import io.slabtrace.cli.options.CollectionDir;
import io.slabtrace.cli.options.CommandModel;
import io.slabtrace.cli.options.InputOptions;
import io.slabtrace.cli.options.MachineOptions;
import io.slabtrace.cli.options.SnapshotSource;
import io.slabtrace.cli.options.Warnings;
import io.slabtrace.cli.view.ReplayText;
import io.slabtrace.cli.view.ReplayView;
import io.slabtrace.model.Allocator;
import io.slabtrace.model.Snapshot;
import io.slabtrace.model.layout.Machine;
import io.slabtrace.model.sysfs.SysfsTree;
import io.slabtrace.parser.HostFacts;
import io.slabtrace.parser.InputException;
import io.slabtrace.parser.Problems;
import io.slabtrace.parser.sysfs.SysfsReader;
import io.slabtrace.parser.trace.KmemTraceReader;
import io.slabtrace.replay.trace.TraceReplay;
import io.slabtrace.replay.trace.result.Checkpoint;
import io.slabtrace.replay.trace.result.ReplayResult;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** Replays a kmem trace through the allocator model. Its options are declared in code ({@link Bound}). */
public final class ReplayCommand implements Callable<Integer> {

    private CommandSpec spec;

    private final Bound<String> trace = new Bound<>(null);

    private final Bound<String> before = new Bound<>(null);

    private final Bound<String> after = new Bound<>(null);

    private final Bound<String> sysfs = new Bound<>(null);

    private final Bound<String> cache = new Bound<>(null);

    private final Bound<LayoutCommand.Which> allocator = new Bound<>(null);

    private final Bound<OutputFormat> format = new Bound<>(OutputFormat.table);

    private final Bound<Lang> lang = new Bound<>(Lang.en);

    private final Bound<Boolean> strict = new Bound<>(false);

    private final MachineOptions machineOptions = new MachineOptions();

    private final Bound<Integer> limit = new Bound<>(25) {
        @Override
        protected void check(Integer n) {
            if (n < 0) throw new ParameterException(spec.commandLine(), "--limit takes 0 (all) or a positive number, not " + n);
        }
    };

    /** The command line's model of this command, bound to this object. */
    public CommandSpec spec() {
        spec = CommandModel.of(this, "replay");
        spec.usageMessage().sortOptions(false).description(
                "Feeds kmem tracepoint events (trace.dat and perf.data read directly; ftrace trace/trace_pipe text, trace-cmd report, perf script; gzip ok), "
                + "cache by cache, through the allocator model, starting from the snapshot before the trace, and compares "
                + "the predicted /proc/slabinfo with the snapshot after: per-cache table (worst first), findings "
                + "(lost events, untraced frees, frees of objects older than the trace, prediction misses), call sites.");
        spec.addPositional(trace.parameter("1", String.class).paramLabel("TRACE")
                .description("The trace file, - for standard input, or a 'slabtrace collect --trace kmem' "
                        + "directory (its first and last snapshots and its sysfs dump then stand for --before, --after and --sysfs).").build());
        spec.addOption(before.option(String.class, "--before").paramLabel("SNAPSHOT")
                .description("/proc/slabinfo right before the trace.").build());
        spec.addOption(after.option(String.class, "--after").paramLabel("SNAPSHOT")
                .description("/proc/slabinfo right after the trace.").build());
        spec.addOption(sysfs.option(String.class, "--sysfs").paramLabel("DUMP")
                .description("A /sys/kernel/slab capture, to map merged names to their caches.").build());
        spec.addOption(cache.option(String.class, "--cache").paramLabel("NAME")
                .description("Only this cache in the tables.").build());
        spec.addOption(allocator.option(LayoutCommand.Which.class, "--allocator").paramLabel("NAME")
                .description("slub or slab, when no snapshot says.").build());
        spec.addOption(format.option(OutputFormat.class, "--format").paramLabel("FORMAT")
                .description("table, json or csv (the per-cache table) (default: ${DEFAULT-VALUE}). "
                        + "With --cache, json and the table add the model's counters over the trace.").build());
        spec.addOption(lang.option(Lang.class, "--lang").paramLabel("LANG")
                .description("en or zh (default: ${DEFAULT-VALUE}).").build());
        spec.addOption(strict.option(Boolean.class, "--strict").arity("0")
                .description("Fail (exit status 1) when any line naming a kmem event could not be read.").build());
        machineOptions.addTo(spec);
        spec.addOption(limit.option(Integer.class, "--limit").paramLabel("N")
                .description("Rows per table (default: ${DEFAULT-VALUE}; 0 = all).").build());
        Bound.helpOptions(spec, new VersionProvider());
        return spec;
    }

    @Override
    public Integer call() throws InputException {
        String trace = this.trace.value(), before = this.before.value(), after = this.after.value(), sysfs = this.sysfs.value();
        String cache = this.cache.value();
        OutputFormat format = this.format.value();
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        Structured.prepare(format, format == OutputFormat.csv ? ReplayView.Row.class : ReplayView.class);
        Optional<CollectionDir> collection = CollectionDir.at(trace);
        Snapshot b, a;
        List<Checkpoint> checkpoints = List.of();
        if (collection.isPresent()) {
            CollectionDir c = collection.get();
            String dir = trace;
            trace = c.kmemTrace().orElseThrow(() -> new UserError(dir + ": this collection was made without --trace kmem; "
                    + "expected " + Path.of(dir, CollectionDir.TRACES.get(0))))
                    .toString();
            CollectionCheckpoints.Series series = new CollectionCheckpoints.Series();
            SnapshotSource.read(List.of(c.slabinfoLog().toString()), new InputOptions(), err, series);
            b = before == null ? series.first() : last(before, err);
            a = after == null ? series.last() : last(after, err);
            // the start state is the first dump's, taken with the first snapshot
            if (sysfs == null) sysfs = c.firstSysfs().map(Path::toString).orElse(null);
            if (before == null && after == null) checkpoints = series.checkpoints(c.traceClockOffset());
        } else {
            b = before == null ? null : last(before, err);
            a = after == null ? null : last(after, err);
        }
        SysfsTree tree = null;
        Problems problems = Warnings.to(err);
        if (sysfs != null) tree = new SysfsReader(problems).read(sysfs);
        Allocator al = LayoutCommand.Which.resolve(allocator.value(), b, a);
        Replayed replayed = replay(trace, al, machineOptions, b, a, tree, problems, checkpoints);
        ReplayResult r = replayed.result();
        if (strict.value() && r.trace().skippedLines() > 0) {
            throw new UserError(trace + ": " + r.trace().skippedLines() + " lines naming a kmem event could not be read (--strict)");
        }
        Machine m = replayed.machine();
        if (cache != null && r.caches().stream().noneMatch(c -> c.name().equals(cache))) {
            throw new UserError("the trace has no events of a cache named '" + cache + "'");
        }
        switch (format) {
            case json -> Structured.json(out, ReplayView.of(r, cache, m.pageSize()));
            case csv -> Structured.csv(out, ReplayView.Row.class, ReplayView.rows(r, cache));
            case table -> ReplayText.print(out, r, cache, limit.value(), lang.value());
        }
        return ExitCodes.OK;
    }

    /** A trace replayed, and the machine the model ran as. */
    record Replayed(ReplayResult result, Machine machine) {
    }

    /**
     * Streams the trace through the model. The machine is the options', else the capture's notes', else
     * the trace's own header ({@code #P:} CPUs), else this host's.
     */
    static Replayed replay(String trace, Allocator al, MachineOptions options, Snapshot before, Snapshot after, SysfsTree tree,
                           Problems problems) throws InputException {
        return replay(trace, al, options, before, after, tree, problems, List.of());
    }

    static Replayed replay(String trace, Allocator al, MachineOptions options, Snapshot before, Snapshot after, SysfsTree tree,
                           Problems problems, List<Checkpoint> checkpoints) throws InputException {
        boolean file = !trace.equals("-") && Files.isRegularFile(Path.of(trace));
        KmemTraceReader.Peek peek = file ? KmemTraceReader.peek(trace) : new KmemTraceReader.Peek(true, null);
        HostFacts facts = HostFacts.of(trace);
        if (facts.cpus() == null && peek.cpus() != null) facts = new HostFacts(peek.cpus(), facts.release(), facts.cmdline());
        Machine m = options.machine(al, facts, tree);
        return new Replayed(TraceReplay.run(trace, peek.namesAllocations(), al, m, before, after, tree, problems, checkpoints), m);
    }

    private static Snapshot last(String spec, PrintWriter err) {
        return SnapshotSource.ends(List.of(spec), new InputOptions(), err).last();
    }
}
