package io.slabtrace.cli.command;

import io.slabtrace.cli.error.UserError;
import io.slabtrace.cli.options.CollectionDir;
import io.slabtrace.cli.options.InputOptions;
import io.slabtrace.cli.options.MachineOptions;
import io.slabtrace.cli.options.SnapshotSource;
import io.slabtrace.cli.view.Lang;
import io.slabtrace.cli.view.OutputFormat;
import io.slabtrace.cli.view.ReplayText;
import io.slabtrace.cli.view.Structured;
import io.slabtrace.cli.view.TopRow;
import io.slabtrace.cli.error.ExitCodes;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.slabtrace.model.Allocator;
import io.slabtrace.model.CacheStats;
import io.slabtrace.model.Snapshot;
import io.slabtrace.model.layout.Machine;
import io.slabtrace.model.sysfs.SysfsTree;
import io.slabtrace.parser.HostFacts;
import io.slabtrace.parser.InputException;
import io.slabtrace.parser.trace.KmemTraceReader;
import io.slabtrace.parser.Problems;
import io.slabtrace.parser.sysfs.SysfsReader;
import io.slabtrace.replay.trace.Assumption;
import io.slabtrace.replay.trace.CacheReplay;
import io.slabtrace.replay.trace.CallSite;
import io.slabtrace.replay.trace.CpuTraffic;
import io.slabtrace.replay.trace.ModelActivity;
import io.slabtrace.replay.trace.PredictedPoint;
import io.slabtrace.replay.trace.ReplayFinding;
import io.slabtrace.replay.trace.ReplayResult;
import io.slabtrace.replay.trace.TraceReplay;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(mixinStandardHelpOptions = true, name = "replay",
        description = {"Feeds kmem tracepoint events (ftrace trace/trace_pipe text, trace-cmd report, perf script; gzip ok), "
                + "cache by cache, through the allocator model, starting from the snapshot before the trace, and compares "
                + "the predicted /proc/slabinfo with the snapshot after: per-cache table (worst first), findings "
                + "(lost events, untraced frees, frees of objects older than the trace, prediction misses), call sites."},
        sortOptions = false)
public final class ReplayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TRACE", description = "The trace file, - for standard input, or a 'slabtrace collect --trace kmem' "
            + "directory (its first and last snapshots and its sysfs dump then stand for --before, --after and --sysfs).")
    String trace;

    @Option(names = "--before", paramLabel = "SNAPSHOT", description = "/proc/slabinfo right before the trace.")
    String before;

    @Option(names = "--after", paramLabel = "SNAPSHOT", description = "/proc/slabinfo right after the trace.")
    String after;

    @Option(names = "--sysfs", paramLabel = "DUMP", description = "A /sys/kernel/slab capture, to map merged names to their caches.")
    String sysfs;

    @Option(names = "--cache", paramLabel = "NAME", description = "Only this cache in the tables.")
    String cache;

    @Option(names = "--allocator", paramLabel = "NAME", description = "slub or slab, when no snapshot says.")
    LayoutCommand.Which allocator;

    @Option(names = "--limit", paramLabel = "N", description = "Rows per table (default: ${DEFAULT-VALUE}; 0 = all).")
    int limit = 25;

    @Option(names = "--format", paramLabel = "FORMAT", description = "table, json or csv (the per-cache table) (default: ${DEFAULT-VALUE}). "
            + "With --cache, json and the table add the model's counters over the trace.")
    OutputFormat format = OutputFormat.table;

    @Option(names = "--lang", paramLabel = "LANG", description = "en or zh (default: ${DEFAULT-VALUE}).")
    Lang lang = Lang.en;

    @Mixin
    MachineOptions machineOptions;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        Structured.prepare(format, format == OutputFormat.csv ? Row.class : View.class);
        Optional<CollectionDir> collection = CollectionDir.at(trace);
        Snapshot b, a;
        if (collection.isPresent()) {
            CollectionDir c = collection.get();
            trace = c.kmemTrace().orElseThrow(() -> new UserError(trace + ": this collection was made without --trace kmem; "
                    + "expected " + Path.of(trace, "kmem-trace.txt.gz")))
                    .toString();
            SnapshotSource.Ends series = SnapshotSource.ends(List.of(c.slabinfoLog().toString()), new InputOptions(), err);
            b = before == null ? series.first() : last(before, err);
            a = after == null ? series.last() : last(after, err);
            if (sysfs == null) sysfs = c.latestSysfs().map(Path::toString).orElse(null);
        } else {
            b = before == null ? null : last(before, err);
            a = after == null ? null : last(after, err);
        }
        SysfsTree tree = null;
        Problems problems = new Problems(p -> err.println("slabtrace: warning: " + p));
        try {
            if (sysfs != null) tree = new SysfsReader(problems).read(sysfs);
            Allocator al = LayoutCommand.Which.resolve(allocator, b, a);
            Replayed replayed = replay(trace, al, machineOptions, b, a, tree, problems);
            ReplayResult r = replayed.result();
            Machine m = replayed.machine();
            if (cache != null && r.caches().stream().noneMatch(c -> c.name().equals(cache))) {
                throw new UserError("the trace has no events of a cache named '" + cache + "'");
            }
            switch (format) {
                case json -> Structured.json(out, View.of(r, cache, m.pageSize()));
                case csv -> Structured.csv(out, Row.class, rows(r).stream().filter(row -> cache == null || row.name().equals(cache)).toList());
                case table -> ReplayText.print(out, r, cache, limit, lang);
            }
        } catch (InputException e) {
            throw new UserError(e.getMessage());
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
        boolean file = !trace.equals("-") && Files.isRegularFile(Path.of(trace));
        KmemTraceReader.Peek peek = file ? KmemTraceReader.peek(trace) : new KmemTraceReader.Peek(true, null);
        HostFacts facts = trace.equals("-") ? HostFacts.UNKNOWN : HostFacts.near(Path.of(trace));
        if (facts.cpus() == null && peek.cpus() != null) facts = new HostFacts(peek.cpus(), facts.release(), facts.cmdline());
        Machine m = options.machine(al, facts, tree);
        return new Replayed(TraceReplay.run(trace, peek.namesAllocations(), al, m, before, after, tree, problems), m);
    }

    private static Snapshot last(String spec, PrintWriter err) {
        return SnapshotSource.ends(List.of(spec), new InputOptions(), err).last();
    }

    /** One cache of the per-cache table (CSV). */
    @JsonPropertyOrder({"name", "allocs", "frees", "predicted_active_objs", "observed_active_objs", "miss", "tolerance",
            "predicted_num_objs", "observed_num_objs", "untraced_frees", "frees_before_trace", "slabs_grown", "slabs_freed",
            "objects_set_up", "ctor_calls"})
    public record Row(String name, long allocs, long frees, long predictedActiveObjs, Long observedActiveObjs, Long miss, long tolerance,
                      long predictedNumObjs, Long observedNumObjs, long untracedFrees, long freesBeforeTrace, long slabsGrown,
                      long slabsFreed, long objectsSetUp, Long ctorCalls) {
    }

    static List<Row> rows(ReplayResult r) {
        return r.caches().stream().map(c -> new Row(c.name(), c.allocs(), c.frees(), c.predicted().activeObjs(),
                c.observed() == null ? null : c.observed().activeObjs(), c.miss(), c.tolerance(), c.predicted().numObjs(),
                c.observed() == null ? null : c.observed().numObjs(), c.untracedFrees(), c.freesBeforeTrace(),
                c.activity().slabsGrown(), c.activity().slabsFreed(), c.activity().objectsSetUp(), c.activity().ctorCalls())).toList();
    }

    /** {@code replay --format json}. */
    record View(TraceView trace, List<CacheView> caches, List<FindingView> findings, List<CallSite> callSites, List<String> assumptions) {
        static View of(ReplayResult r, String only, long pageSize) {
            return new View(new TraceView(r.trace().events(), r.trace().lostEvents(), r.trace().skippedLines(), r.trace().otherEvents(),
                    r.trace().lossy()),
                    r.caches().stream().filter(c -> only == null || c.name().equals(only)).map(c -> CacheView.of(c, pageSize, only != null)).toList(),
                    r.findings().stream().filter(f -> only == null || only.equals(f.cache())).map(f -> new FindingView(
                            f.kind().name().toLowerCase(Locale.ROOT), f.cache(), f.count(), f.message())).toList(),
                    r.callSites().stream().filter(c -> only == null || c.cache().equals(only)).toList(),
                    r.assumptions().stream().map(Assumption::text).toList());
        }
    }

    record TraceView(long events, long lostEvents, long skippedLines, long otherEvents, boolean approximate) {
    }

    @JsonPropertyOrder({"name", "allocs", "frees", "predicted", "observed", "miss", "tolerance", "untraced_frees", "frees_before_trace", "model"})
    record CacheView(String name, long allocs, long frees, TopRow predicted, @JsonInclude(JsonInclude.Include.ALWAYS) TopRow observed,
                     Long miss, long tolerance, long untracedFrees, long freesBeforeTrace, ModelView model) {
        static CacheView of(CacheReplay c, long pageSize, boolean withTimeline) {
            return new CacheView(c.name(), c.allocs(), c.frees(), fields(c.predicted(), pageSize),
                    c.observed() == null ? null : fields(c.observed(), pageSize), c.miss(), c.tolerance(), c.untracedFrees(), c.freesBeforeTrace(),
                    ModelView.of(c.activity(), withTimeline));
        }

        /** The figures of a slabinfo line (memory at the machine's page size); a single snapshot has no peak. */
        private static TopRow fields(CacheStats s, long pageSize) {
            return TopRow.of(s, pageSize, new io.slabtrace.replay.series.SeriesPeaks.Peak(0, 0, null));
        }
    }

    /** What the model did during the trace; the counters over time only for one cache ({@code --cache}): they are 256 points each. */
    @JsonPropertyOrder({"slabs_grown", "slabs_freed", "objects_set_up", "constructor", "ctor_calls", "per_cpu", "timeline"})
    record ModelView(long slabsGrown, long slabsFreed, long objectsSetUp, Boolean constructor, Long ctorCalls, List<CpuTraffic> perCpu,
                     List<PredictedPoint> timeline) {
        static ModelView of(ModelActivity a, boolean withTimeline) {
            return new ModelView(a.slabsGrown(), a.slabsFreed(), a.objectsSetUp(), a.constructor(), a.ctorCalls(), a.perCpu(),
                    withTimeline ? a.timeline() : null);
        }
    }

    @JsonPropertyOrder({"kind", "cache", "count", "message"})
    record FindingView(String kind, String cache, long count, String message) {
    }
}
