package io.slabtrace.cli.view;

import io.slabtrace.cli.format.TextTable;
import io.slabtrace.cli.format.Units;
import io.slabtrace.model.SnapshotTotals;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
        List<Column> cols = new ArrayList<>(List.of(Column.OBJS, Column.ACTIVE, Column.USE, Column.OBJSIZE, Column.OBJ_SLAB,
                Column.PAGES, Column.SLABS, Column.MEMORY, Column.WASTE));
        if (changes != null) cols.addAll(List.of(Column.CHANGE, Column.RATE));
        if (series) cols.addAll(List.of(Column.PEAK, Column.PEAK_AT));
        String[] headers = new String[cols.size() + 1];
        for (int c = 0; c < cols.size(); c++) headers[c] = cols.get(c).header + (cols.get(c).marked ? mark : "");
        headers[cols.size()] = "NAME";
        TextTable t = new TextTable(headers).left(series ? new int[]{cols.size() - 1, cols.size()} : new int[]{cols.size()});
        t.dropping(dropOrder(cols));
        for (int i = 0; i < rows.size(); i++) {
            String[] cells = new String[headers.length];
            TopRow r = rows.get(i);
            Change change = changes != null ? changes.get(i) : null;
            for (int c = 0; c < cols.size(); c++) cells[c] = cols.get(c).cell(r, change);
            cells[cols.size()] = r.countsConsistent() ? r.name() : r.name() + " (!)";
            t.add(cells);
        }
        return t.lines(width);
    }

    /** The columns given up when the width is short, lowest rank first (a stable order); MEMORY and NAME never. */
    private static int[] dropOrder(List<Column> cols) {
        int[] order = new int[cols.size()];
        int n = 0;
        for (int rank = 0; rank < Column.KEPT; rank++) {
            for (int c = 0; c < cols.size(); c++) if (cols.get(c).rank == rank) order[n++] = c;
        }
        return java.util.Arrays.copyOf(order, n);
    }

    /** What the (!) mark means, when a row has it. */
    public static List<String> footnotes(List<TopRow> rows, int width) {
        long inconsistent = 0;
        for (TopRow r : rows) if (!r.countsConsistent()) inconsistent++;
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

    /**
     * A column of the table, with its rank: the order columns are given up when the width is short (lower first).
     * A switch, not a function per column: each lambda is linked at its first call, a cost a cold 'top' pays a dozen times.
     */
    private enum Column {
        OBJS("OBJS", false, 6), ACTIVE("ACTIVE", true, 4), USE("USE", true, 9), OBJSIZE("OBJSIZE", false, 5),
        OBJ_SLAB("OBJ/SLAB", false, 2), PAGES("PAGES", false, 1), SLABS("SLABS", false, 3), MEMORY("MEMORY", false, Column.KEPT),
        WASTE("WASTE", false, 8), CHANGE("CHANGE", false, 10), RATE("RATE/s", false, 7), PEAK("PEAK", false, 4),
        PEAK_AT("PEAK AT", false, 2);

        /** The rank of a column never given up. */
        static final int KEPT = 99;

        final String header;
        final boolean marked; // SLUB's upper bounds: ACTIVE* and USE*
        final int rank;

        Column(String header, boolean marked, int rank) {
            this.header = header;
            this.marked = marked;
            this.rank = rank;
        }

        String cell(TopRow r, Change change) {
            return switch (this) {
                case OBJS -> Long.toString(r.numObjs());
                case ACTIVE -> Long.toString(r.activeObjs());
                case USE -> Units.percent(r.utilization());
                case OBJSIZE -> Long.toString(r.objsize());
                case OBJ_SLAB -> Long.toString(r.objperslab());
                case PAGES -> Long.toString(r.pagesperslab());
                case SLABS -> Long.toString(r.numSlabs());
                case MEMORY -> Units.bytes(r.memoryBytes());
                case WASTE -> Units.bytes(r.wasteBytes());
                case CHANGE -> Units.signedBytes(change.memoryBytes());
                case RATE -> rate(change.bytesPerSecond());
                case PEAK -> Units.bytes(r.peakMemoryBytes());
                case PEAK_AT -> r.peakAt() != null ? r.peakAt() : "#" + r.peakSnapshot();
            };
        }
    }
}
