package io.slabtrace.cli.view;

import io.slabtrace.cli.format.TextTable;
import io.slabtrace.cli.format.Units;

import java.io.PrintWriter;
import java.util.List;

/** The human form of {@code top}: a summary block, then one row per cache. */
public final class TopTable {
    private TopTable() {
    }

    public static void print(PrintWriter out, TopSummary s, List<TopRow> rows, boolean series) {
        boolean slub = s.activeIsUpperBound();
        String mark = slub ? "*" : "";
        out.printf(" Source                      : %s%s%n", s.source(),
                s.timestamp() != null ? " at " + s.timestamp() : "");
        out.printf(" Allocator / format          : %s / slabinfo %s%n", s.allocator().toUpperCase(java.util.Locale.ROOT), s.format());
        if (series) out.printf(" Snapshots                   : %d (table shows the last; PEAK is the largest memory seen)%n", s.snapshots());
        out.printf(" Active / Total Objects%s     : %d / %d (%s used)%n", mark.isEmpty() ? " " : mark, s.totals().activeObjs(), s.totals().numObjs(), Units.percent(s.utilization()));
        out.printf(" Active / Total Slabs        : %d / %d%n", s.totals().activeSlabs(), s.totals().numSlabs());
        out.printf(" Caches                      : %d%n", s.totals().caches());
        out.printf(" Memory                      : %s = used%s %s + waste %s%n", Units.bytes(s.totals().memoryBytes()), mark,
                Units.bytes(s.totals().usedBytes()), Units.bytes(s.totals().wasteBytes()));
        if (slub) {
            out.println(" * SLUB counts free objects of CPU slabs and CPU partial lists as active: active and used are");
            out.println("   upper bounds, waste a lower bound ('slabtrace explain' splits them where sysfs is available).");
        }
        out.println();
        TextTable t = series
                ? new TextTable("OBJS", "ACTIVE" + mark, "USE" + mark, "OBJSIZE", "OBJ/SLAB", "PAGES", "SLABS", "MEMORY", "WASTE", "PEAK", "PEAK AT", "NAME").left(10, 11)
                : new TextTable("OBJS", "ACTIVE" + mark, "USE" + mark, "OBJSIZE", "OBJ/SLAB", "PAGES", "SLABS", "MEMORY", "WASTE", "NAME").left(9);
        int inconsistent = 0;
        for (TopRow r : rows) {
            String name = r.countsConsistent() ? r.name() : r.name() + " (!)";
            if (!r.countsConsistent()) inconsistent++;
            String[] base = {Long.toString(r.numObjs()), Long.toString(r.activeObjs()), Units.percent(r.utilization()),
                    Long.toString(r.objsize()), Long.toString(r.objperslab()), Long.toString(r.pagesperslab()),
                    Long.toString(r.numSlabs()), Units.bytes(r.memoryBytes()), Units.bytes(r.wasteBytes())};
            if (series) {
                String at = r.peakAt() != null ? r.peakAt() : "#" + r.peakSnapshot();
                t.add(concat(base, Units.bytes(r.peakMemoryBytes()), at, name));
            } else {
                t.add(concat(base, name));
            }
        }
        t.print(out);
        if (inconsistent > 0) {
            out.printf("%n (!) %d cache%s where num_objs != num_slabs x objperslab: a slab fell back to a smaller order, or the line was read while it changed; WASTE includes the bytes the counts cannot place.%n",
                    inconsistent, inconsistent == 1 ? "" : "s");
        }
        out.flush();
    }

    private static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
