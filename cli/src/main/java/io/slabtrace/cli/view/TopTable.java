package io.slabtrace.cli.view;

import io.slabtrace.cli.format.TextTable;
import io.slabtrace.cli.format.Units;
import io.slabtrace.model.SnapshotTotals;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * The human form of {@code top}: a summary block, then one row per cache. Fitted to a width (a
 * terminal's), columns are given up least useful first and long names cut, so no line wraps; unfitted
 * (width 0, as when the output is redirected) every column is there.
 */
public final class TopTable {
    private TopTable() {
    }

    /** A cache's change since the previous refresh of a live {@code top}: memory, and memory per second. */
    public record Change(long memoryBytes, double bytesPerSecond) {
    }

    /** {@code width} 0: every column, no line cut. */
    public static void print(PrintWriter out, TopSummary s, List<TopRow> rows, boolean series, int width) {
        List<String> lines = new ArrayList<>(summary(s, series, width));
        lines.add("");
        lines.addAll(table(rows, s.activeIsUpperBound(), series, null, width));
        lines.addAll(footnotes(rows, width));
        for (String l : lines) out.println(l);
        out.flush();
    }

    /** The summary block: slabtrace's figures, slabtop's, and how slabtop's "Total Size" differs from memory. */
    public static List<String> summary(TopSummary s, boolean series, int width) {
        boolean slub = s.activeIsUpperBound();
        String mark = slub ? "*" : "";
        SnapshotTotals t = s.totals();
        List<String> l = new ArrayList<>();
        // concatenation, not String.format: Formatter's locale set-up is most of a cold 'top' run's printing
        l.add(" Source                      : " + s.source() + (s.timestamp() != null ? " at " + s.timestamp() : ""));
        l.add(" Allocator / format          : " + s.allocator().toUpperCase(Locale.ROOT) + " / slabinfo " + s.format());
        if (series) l.add(" Snapshots                   : " + s.snapshots() + " (table shows the last; PEAK is the largest memory seen)");
        String pad = mark.isEmpty() ? " " : mark;
        l.add(" Active / Total Objects" + pad + "     : " + t.activeObjs() + " / " + t.numObjs() + " (" + Units.percent(s.utilization()) + " used)");
        l.add(" Active / Total Slabs        : " + t.activeSlabs() + " / " + t.numSlabs());
        // slabtop's own lines (procps): a cache is active when it holds an active object
        l.add(" Active / Total Caches       : " + t.activeCaches() + " / " + t.caches() + " ("
                + Units.percent(t.caches() == 0 ? 0 : (double) t.activeCaches() / t.caches()) + ")");
        l.add(" Active / Total Size" + pad + "        : " + Units.bytes(t.usedBytes()) + " / " + Units.bytes(t.totalSizeBytes()) + " ("
                + Units.percent(t.totalSizeBytes() == 0 ? 0 : (double) t.usedBytes() / t.totalSizeBytes()) + ")");
        l.add(" Min / Avg / Max Object      : " + Units.bytes(t.minObjsize()) + " / " + Units.bytes(t.avgObjsize()) + " / " + Units.bytes(t.maxObjsize()));
        l.add(" Memory                      : " + Units.bytes(t.memoryBytes()) + " = used" + mark + " " + Units.bytes(t.usedBytes())
                + " + waste " + Units.bytes(t.wasteBytes()));
        l.add(" slabtop's \"Total Size\" is objects x size (" + Units.bytes(t.totalSizeBytes()) + "); Memory is the pages the slabs hold ("
                + Units.bytes(t.memoryBytes()) + "): " + Units.bytes(t.memoryBytes() - t.totalSizeBytes() - t.unaccountedBytes()) + " of slab tails"
                + (t.unaccountedBytes() == 0 ? "" : " and " + Units.bytes(t.unaccountedBytes()) + " the counts cannot place") + ".");
        if (slub && width > 0) { // one sentence, wrapped to the width
            l.add(" * SLUB counts free objects of CPU slabs and CPU partial lists as active: active and used are upper bounds, "
                    + "waste a lower bound ('slabtrace explain' splits them where sysfs is available).");
        } else if (slub) {
            l.add(" * SLUB counts free objects of CPU slabs and CPU partial lists as active: active and used are");
            l.add("   upper bounds, waste a lower bound ('slabtrace explain' splits them where sysfs is available).");
        }
        return fitted(l, width);
    }

    /** The summary of a live top, short for a screen: slabtop's five lines and memory. */
    public static List<String> liveSummary(TopSummary s, int width) {
        List<String> all = summary(s, false, 0);
        List<String> l = new ArrayList<>();
        for (String line : all) {
            if (line.startsWith(" Active") || line.startsWith(" Min") || line.startsWith(" Memory")) l.add(line);
        }
        return fitted(l, width);
    }

    /**
     * The table: a header and one line per row. {@code changes}, when given (a live top), adds each
     * cache's CHANGE and RATE since the previous refresh, in the order of {@code rows}.
     */
    public static List<String> table(List<TopRow> rows, boolean slub, boolean series, List<Change> changes, int width) {
        String mark = slub ? "*" : "";
        List<Column> cols = new ArrayList<>();
        // rank: the order columns are given up when the width is short (lower first); NAME never
        cols.add(new Column("OBJS", 6, i -> Long.toString(rows.get(i).numObjs())));
        cols.add(new Column("ACTIVE" + mark, 4, i -> Long.toString(rows.get(i).activeObjs())));
        cols.add(new Column("USE" + mark, 9, i -> Units.percent(rows.get(i).utilization())));
        cols.add(new Column("OBJSIZE", 5, i -> Long.toString(rows.get(i).objsize())));
        cols.add(new Column("OBJ/SLAB", 2, i -> Long.toString(rows.get(i).objperslab())));
        cols.add(new Column("PAGES", 1, i -> Long.toString(rows.get(i).pagesperslab())));
        cols.add(new Column("SLABS", 3, i -> Long.toString(rows.get(i).numSlabs())));
        cols.add(new Column("MEMORY", 99, i -> Units.bytes(rows.get(i).memoryBytes())));
        cols.add(new Column("WASTE", 8, i -> Units.bytes(rows.get(i).wasteBytes())));
        if (changes != null) {
            cols.add(new Column("CHANGE", 10, i -> Units.signedBytes(changes.get(i).memoryBytes())));
            cols.add(new Column("RATE/s", 7, i -> rate(changes.get(i).bytesPerSecond())));
        }
        if (series) {
            cols.add(new Column("PEAK", 4, i -> Units.bytes(rows.get(i).peakMemoryBytes())));
            cols.add(new Column("PEAK AT", 2, i -> rows.get(i).peakAt() != null ? rows.get(i).peakAt() : "#" + rows.get(i).peakSnapshot()));
        }
        String[] headers = new String[cols.size() + 1];
        for (int c = 0; c < cols.size(); c++) headers[c] = cols.get(c).header();
        headers[cols.size()] = "NAME";
        TextTable t = new TextTable(headers).left(series ? new int[]{cols.size() - 1, cols.size()} : new int[]{cols.size()});
        List<Integer> byRank = new ArrayList<>();
        for (int c = 0; c < cols.size(); c++) byRank.add(c);
        byRank.sort(Comparator.comparingInt(c -> cols.get(c).rank()));
        t.dropping(byRank.stream().filter(c -> cols.get(c).rank() < 99).mapToInt(Integer::intValue).toArray());
        for (int i = 0; i < rows.size(); i++) {
            String[] cells = new String[headers.length];
            for (int c = 0; c < cols.size(); c++) cells[c] = cols.get(c).cell().apply(i);
            TopRow r = rows.get(i);
            cells[cols.size()] = r.countsConsistent() ? r.name() : r.name() + " (!)";
            t.add(cells);
        }
        return t.lines(width);
    }

    /** What the (!) mark means, when a row has it. */
    public static List<String> footnotes(List<TopRow> rows, int width) {
        long inconsistent = rows.stream().filter(r -> !r.countsConsistent()).count();
        if (inconsistent == 0) return List.of();
        return fitted(List.of("", " (!) " + inconsistent + " cache" + (inconsistent == 1 ? "" : "s") + " where num_objs != num_slabs x objperslab: a slab fell back "
                + "to a smaller order, or the line was read while it changed; WASTE includes the bytes the counts cannot place."), width);
    }

    private static List<String> fitted(List<String> lines, int width) {
        List<String> out = new ArrayList<>();
        for (String l : lines) out.addAll(TextTable.wrap(l, width, "   "));
        return out;
    }

    private static String rate(double bytesPerSecond) {
        long r = Math.round(bytesPerSecond);
        return r == 0 ? "0" : Units.signedBytes(r);
    }

    private record Column(String header, int rank, IntFunction<String> cell) {
    }
}
