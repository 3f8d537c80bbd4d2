package io.slabtrace.cli.view;

import io.slabtrace.cli.format.Lang;
import io.slabtrace.model.Allocator;
import io.slabtrace.model.SlabinfoLine;
import io.slabtrace.model.layout.Machine;
import io.slabtrace.model.scenario.Scenario;
import io.slabtrace.model.sim.SimEvent;
import io.slabtrace.replay.scenario.SimCacheState;
import io.slabtrace.replay.scenario.SimulationResult;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code simulate}'s text: each snapshot as /proc/slabinfo lines, then per cache what the model did. */
public final class SimulateText {
    private SimulateText() {
    }

    /** The snapshots as /proc/slabinfo lines, each cache's counts and what happened since the snapshot before. */
    public static void print(PrintWriter out, Scenario sc, Allocator a, Machine m, int nodes, SimulationResult r, Lang lang) {
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
}
