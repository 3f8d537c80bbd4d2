package io.slabtrace.cli.view;

import io.slabtrace.cli.format.Lang;
import io.slabtrace.cli.format.TextTable;
import io.slabtrace.model.layout.CacheLayout;
import io.slabtrace.model.layout.SlabFlag;
import io.slabtrace.model.layout.Step;
import io.slabtrace.model.layout.Tunables;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** A computed layout in words: a small table, then each rule applied, then what it means for the constructor. */
public final class LayoutText {
    private LayoutText() {
    }

    static String step(Step s, Lang lang) {
        return lang.text("rule." + s.rule().name(), s.values().toArray());
    }

    static String flags(Set<SlabFlag> flags, Lang lang) {
        return flags.isEmpty() ? lang.text("layout.noflags") : flags.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }

    public static void print(PrintWriter out, CacheLayout l, Lang lang) {
        String flags = l.spec().flags().isEmpty() ? "" : lang.text("layout.flags", flags(l.spec().flags(), lang));
        out.println(lang.text("layout.title", l.allocator().name(), (long) l.spec().objectSize(), (long) l.spec().align(), flags,
                l.spec().ctor() ? lang.text("layout.ctor") : "", machine(l.machine(), lang)));
        out.println();
        TextTable t = new TextTable("", "", "").left(0, 2);
        t.add(lang.text("layout.slot"), Long.toString(l.slotSize()), lang.text("layout.slot.detail", (long) l.spec().objectSize(), l.metadataPerObject()));
        t.add(lang.text("layout.order"), Integer.toString(l.order()), lang.text("layout.order.detail", l.pagesperslab(), l.slabBytes()));
        t.add(lang.text("layout.objperslab"), Long.toString(l.objperslab()), "");
        t.add(lang.text("layout.leftover"), Long.toString(l.leftoverBytes()), lang.text("layout.leftover.detail",
                String.format(Locale.ROOT, "%.1f", (double) (l.leftoverBytes() + l.freelistBytes()) / Math.max(1, l.objperslab()))));
        String fp = l.freelist() == null
                ? lang.text("layout.fp." + l.freePointer().placement().name(), l.freePointer().offset())
                : lang.text("layout.fp.INDEX_ARRAY", lang.text("layout.freelist." + l.freelist().name(), l.freelistBytes()));
        t.add(lang.text("layout.freepointer"), "", fp);
        if (l.redLeftPad() > 0) t.add(lang.text("layout.redzone"), Long.toString(l.redLeftPad()), "");
        if (l.freelist() != null) t.add(lang.text("layout.colour"), Long.toString(l.colour()), "");
        t.add(lang.text("layout.tunables"), "", tunables(l.tunables(), lang));
        t.printRows(out, "  ");
        out.println();
        out.println(lang.text("layout.why"));
        int i = 1;
        for (Step s : l.steps()) out.printf("  %2d. %s  [%s]%n", i++, step(s, lang), s.rule().kernelFunction());
        if (l.spec().ctor()) {
            out.println();
            out.println(l.ctorPerAllocation() ? lang.text("layout.ctor.alloc") : lang.text("layout.ctor.slab", l.objperslab()));
        }
        out.flush();
    }

    public static String machine(io.slabtrace.model.layout.Machine m, Lang lang) {
        return lang.text("machine", m.kernel().toString(), (long) m.cpus(), (long) m.pageSize(), (long) m.cacheLineSize(), m.debugSlab() ? 1L : 0L);
    }

    static String tunables(Tunables t, Lang lang) {
        if (t instanceof Tunables.Slub s) {
            return lang.text("layout.tunables.slub", (long) s.minPartial(), (long) s.cpuPartial(), (long) s.cpuPartialSlabs(), (long) s.sheafCapacity());
        }
        Tunables.Slab s = (Tunables.Slab) t;
        return lang.text("layout.tunables.slab", (long) s.limit(), (long) s.batchcount(), (long) s.sharedfactor());
    }
}
