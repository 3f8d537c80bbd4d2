package io.slabtrace.cli.view;

import io.slabtrace.cli.format.Lang;
import io.slabtrace.cli.format.Units;
import io.slabtrace.model.Allocator;
import io.slabtrace.model.layout.CacheLayout;
import io.slabtrace.model.layout.Step;
import io.slabtrace.model.layout.Tunables;
import io.slabtrace.replay.explain.CacheExplanation;
import io.slabtrace.replay.explain.Geometry;
import io.slabtrace.replay.explain.Usage;

import java.io.PrintWriter;
import java.util.Locale;

/** One cache's explanation in words. */
public final class ExplainText {
    private ExplainText() {
    }

    private static String inference(CacheExplanation.Inference i, CacheExplanation e, Lang lang) {
        return lang.text("explain.inferred." + i.name(), String.join(", ", e.missingAttributes()));
    }

    public static void print(PrintWriter out, CacheExplanation e, io.slabtrace.model.layout.Machine m, Lang lang) {
        out.println(lang.text("explain.header", e.name(), e.allocator().name(), LayoutText.machine(m, lang)));
        if (!e.asked().equals(e.name())) {
            out.println("  " + lang.text("explain.alias", e.asked(), e.name(), String.join(", ", e.mergedNames())));
        } else if (!e.mergedNames().isEmpty()) {
            out.println("  " + lang.text("explain.merged", String.join(", ", e.mergedNames())));
        }
        CacheLayout c = e.computed();
        if (c == null && e.observed() == null) { // a partial capture that says too little: say what it lacks
            for (CacheExplanation.Inference i : e.inferences()) out.println("  " + inference(i, e, lang));
            out.println();
            out.flush();
            return;
        }
        Geometry g = e.observed() != null ? e.observed() : Geometry.of(c);
        if (c != null) out.println("  " + lang.text("explain.object", (long) c.spec().objectSize(), g.slotSize(), g.slotSize() - c.spec().objectSize()));
        else out.println("  " + lang.text("explain.object.unknown", g.slotSize()));
        long slabBytes = g.pagesperslab() * m.pageSize();
        long left = slabBytes - g.objperslab() * g.slotSize();
        out.println("  " + lang.text("explain.slab", g.pagesperslab(), slabBytes, g.objperslab(), left,
                String.format(Locale.ROOT, "%.1f", (double) left / Math.max(1, g.objperslab()))));
        if (e.match() != null) {
            Geometry cg = Geometry.of(c);
            out.println("  " + (e.match() ? lang.text("explain.match.yes", cg.slotSize(), cg.objperslab(), (long) cg.order())
                    : lang.text("explain.match.no", cg.slotSize(), cg.objperslab(), (long) cg.order(), g.slotSize(), g.objperslab(), (long) g.order())));
        }
        Usage u = e.usage();
        if (u != null) {
            out.println("  " + lang.text("explain.memory", u.slabs(), Units.bytes(u.memoryBytes()), u.objectsInUse(), u.totalObjects(),
                    Units.percent(u.utilization()), u.inUseIsUpperBound() ? 1L : 0L));
            boolean slub = e.allocator() == Allocator.SLUB && e.sysfs() != null;
            if (u.objectBytes() != null) {
                out.println("  " + lang.text("explain.split", Units.bytes(u.objectBytes()), Units.bytes(u.metadataBytes()),
                        Units.bytes(u.freeSlotBytes()), u.freeSlotObjects(), Units.bytes(u.slabTailBytes()), slub ? 1L : 0L));
            } else {
                out.println("  " + lang.text("explain.split.noobj", Units.bytes(u.objectsInUse() * g.slotSize()),
                        Units.bytes(u.freeSlotBytes()), u.freeSlotObjects(), Units.bytes(u.slabTailBytes())));
            }
            if (u.cpuSlabs() != null) {
                out.println("  " + lang.text("explain.cpu", u.cpuSlabs(), u.cpuPartialSlabs() == null ? -1L : u.cpuPartialSlabs()));
            }
        }
        if (e.allocator() == Allocator.SLAB && e.slabinfo() != null) {
            var s = e.slabinfo();
            out.println("  " + lang.text("explain.slab.tunables", s.limit(), s.batchcount(), s.sharedfactor(), s.sharedavail()));
        }
        boolean hasCtor = e.ctor() != null || (c != null && c.spec().ctor());
        if (hasCtor) {
            String name = e.ctor() != null ? e.ctor() : lang.text("explain.unknownctor");
            out.println("  " + (c != null && c.ctorPerAllocation() ? lang.text("explain.ctor.alloc", name)
                    : lang.text("explain.ctor", name, c != null ? c.objperslab() : g.objperslab())));
        }
        if (c != null && c.tunables() instanceof Tunables.Slub && e.sysfs() == null) {
            out.println("  " + lang.text("layout.tunables") + ": " + LayoutText.tunables(c.tunables(), lang));
        }
        for (CacheExplanation.Inference i : e.inferences()) out.println("  " + inference(i, e, lang));
        if (c != null) {
            out.println("  " + lang.text("explain.why"));
            int n = 1;
            for (Step s : c.steps()) out.printf("    %2d. %s  [%s]%n", n++, LayoutText.step(s, lang), s.rule().kernelFunction());
        }
        out.println();
        out.flush();
    }
}
