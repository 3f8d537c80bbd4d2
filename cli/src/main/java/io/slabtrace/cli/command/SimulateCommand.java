package io.slabtrace.cli.command;

import io.slabtrace.cli.error.UserError;
import io.slabtrace.cli.options.MachineOptions;
import io.slabtrace.cli.options.ProseOptions;
import io.slabtrace.cli.view.Lang;
import io.slabtrace.cli.view.LayoutText;
import io.slabtrace.cli.view.Structured;
import io.slabtrace.cli.view.TextOrJson;
import io.slabtrace.cli.error.ExitCodes;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.slabtrace.model.Allocator;
import io.slabtrace.model.CacheStats;
import io.slabtrace.model.SlabinfoLine;
import io.slabtrace.model.layout.Machine;
import io.slabtrace.model.scenario.Scenario;
import io.slabtrace.model.sim.SimEvent;
import io.slabtrace.parser.HostFacts;
import io.slabtrace.parser.InputException;
import io.slabtrace.parser.scenario.ScenarioParser;
import io.slabtrace.replay.scenario.ScenarioRunner;
import io.slabtrace.replay.scenario.SimCacheState;
import io.slabtrace.replay.scenario.SimulationResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(mixinStandardHelpOptions = true, name = "simulate",
        description = {"Runs a workload scenario through the SLAB or SLUB model and prints each snapshot as /proc/slabinfo "
                + "lines, with what happened in between (grows, refills, flushes, frees, reaps). Scenarios: one command a line "
                + "(cache, cpu, alloc, free, tick, shrink, destroy, snapshot); see samples/scenarios/."},
        sortOptions = false)
public final class SimulateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SCENARIO", description = "The scenario file.")
    String scenario;

    @Option(names = "--allocator", paramLabel = "NAME", description = "slub or slab (default: ${DEFAULT-VALUE}).")
    LayoutCommand.Which allocator = LayoutCommand.Which.slub;

    @Option(names = "--nodes", paramLabel = "N", description = "NUMA nodes; CPU c belongs to node c mod N (default: ${DEFAULT-VALUE}).")
    int nodes = 1;

    @Mixin
    ProseOptions prose;

    @Mixin
    MachineOptions machineOptions;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (nodes < 1) throw new UserError("--nodes must be at least 1", ExitCodes.USAGE);
        Allocator a = allocator.allocator;
        Scenario sc;
        try {
            sc = ScenarioParser.read(scenario);
        } catch (InputException e) {
            throw new UserError(e.getMessage());
        }
        Machine m = machineOptions.machine(a, HostFacts.UNKNOWN, null);
        SimulationResult result;
        try {
            result = new ScenarioRunner(a, m, nodes).run(sc);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        if (prose.format == TextOrJson.json) Structured.json(out, view(result));
        else text(out, sc, a, m, result, prose.lang);
        PrintWriter err = spec.commandLine().getErr();
        for (String note : result.notes()) err.println("slabtrace: warning: " + note);
        err.flush();
        return ExitCodes.OK;
    }

    private void text(PrintWriter out, Scenario sc, Allocator a, Machine m, SimulationResult r, Lang lang) {
        out.println(lang.text("sim.title", sc.source(), a.name(), LayoutText.machine(m, lang), nodes > 1 ? lang.text("sim.nodes", (long) nodes) : ""));
        for (SimulationResult.Snap s : r.snapshots()) {
            out.println();
            out.println(lang.text("sim.snapshot", s.label(), s.line()));
            out.println(SlabinfoLine.HEADER);
            for (SimCacheState c : s.caches()) if (!c.destroyed()) out.println(SlabinfoLine.of(c.slabinfo()));
            for (SimCacheState c : s.caches()) {
                String name = c.slabinfo().name();
                if (c.destroyed()) {
                    out.println(lang.text("sim.destroyed", name));
                    continue;
                }
                out.println(lang.text("sim.counts", name, c.ctorCalls(), c.slabsGrown(), c.slabsFreed(), c.live()));
                out.println("  " + lang.text("sim.since", events(c.events(), lang)));
                if (c.objectsPartial() != null) out.println("  " + lang.text("sim.slub", c.objectsPartial(), c.partial(), c.cpuSlabs(), c.cpuPartialSlabs()));
            }
        }
        out.flush();
    }

    private static String events(Map<SimEvent, long[]> events, Lang lang) {
        List<String> parts = new ArrayList<>();
        events.forEach((e, v) -> parts.add(lang.text("sim.ev." + e.name(), v[0], v[1])));
        return parts.isEmpty() ? lang.text("sim.nothing") : String.join(", ", parts);
    }

    /** {@code simulate --format json}: {@code {"snapshots": [{"label", "caches": [...]}]}}. */
    record View(List<SnapView> snapshots, List<String> notes) {
    }

    record SnapView(String label, long line, List<CacheView> caches) {
    }

    @JsonPropertyOrder({"name", "active_objs", "num_objs", "objsize", "objperslab", "pagesperslab", "limit", "batchcount",
            "sharedfactor", "active_slabs", "num_slabs", "sharedavail", "ctor_calls", "slabs_grown", "slabs_freed", "live",
            "destroyed", "objects_partial", "partial", "cpu_slabs", "cpu_partial_slabs"})
    record CacheView(String name, long activeObjs, long numObjs, long objsize, long objperslab, long pagesperslab, long limit,
                     long batchcount, long sharedfactor, long activeSlabs, long numSlabs, long sharedavail, long ctorCalls,
                     long slabsGrown, long slabsFreed, long live, boolean destroyed, Long objectsPartial, Long partial,
                     Long cpuSlabs, Long cpuPartialSlabs) {
    }

    private static View view(SimulationResult r) {
        List<SnapView> snaps = new ArrayList<>();
        for (SimulationResult.Snap s : r.snapshots()) {
            List<CacheView> caches = new ArrayList<>();
            for (SimCacheState c : s.caches()) {
                CacheStats i = c.slabinfo();
                caches.add(new CacheView(i.name(), i.activeObjs(), i.numObjs(), i.objsize(), i.objperslab(), i.pagesperslab(), i.limit(),
                        i.batchcount(), i.sharedfactor(), i.activeSlabs(), i.numSlabs(), i.sharedavail(), c.ctorCalls(), c.slabsGrown(),
                        c.slabsFreed(), c.live(), c.destroyed(), c.objectsPartial(), c.partial(), c.cpuSlabs(), c.cpuPartialSlabs()));
            }
            snaps.add(new SnapView(s.label(), s.line(), caches));
        }
        return new View(snaps, r.notes());
    }
}
