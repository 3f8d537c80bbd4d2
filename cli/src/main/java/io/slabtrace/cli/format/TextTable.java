package io.slabtrace.cli.format;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain aligned table: numbers to the right, text to the left, the last column unpadded. Printed to a
 * width, it drops the columns named by {@link #dropping} in that order until the rest fits, then shortens
 * the last column's cells (cut with "…"), so no line is wider than the terminal and none wraps.
 */
public final class TextTable {
    /** Columns the last one keeps, at least, before more columns are dropped for it. */
    static final int LAST_COLUMN_MIN = 20;
    private final String[] headers;
    private final boolean[] leftAligned;
    private final List<String[]> rows = new ArrayList<>();
    private int[] dropOrder = {};

    public TextTable(String... headers) {
        this.headers = headers;
        this.leftAligned = new boolean[headers.length];
    }

    public TextTable left(int... columns) {
        for (int c : columns) leftAligned[c] = true;
        return this;
    }

    /** Where the table must fit a width: the columns to give up first, in order (never the last). */
    public TextTable dropping(int... columns) {
        dropOrder = columns.clone();
        return this;
    }

    public void add(String... cells) {
        rows.add(cells);
    }

    public void print(PrintWriter out) {
        int[] width = widths();
        line(out, "", headers, width);
        for (String[] r : rows) line(out, "", r, width);
        out.flush();
    }

    /** The header and the rows fitted to {@code columns} (0: every column, nothing cut), one string per line. */
    public List<String> lines(int columns) {
        int[] width = widths();
        int n = headers.length;
        boolean[] shown = new boolean[n];
        java.util.Arrays.fill(shown, true);
        int last = n - 1;
        if (columns > 0) {
            for (int i = 0; i < dropOrder.length && span(width, shown, Math.min(width[last], LAST_COLUMN_MIN)) > columns; i++) {
                if (dropOrder[i] != last) shown[dropOrder[i]] = false;
            }
            int room = columns - span(width, shown, 0);
            if (room < width[last]) width[last] = Math.max(room, 1);
        }
        List<String> out = new ArrayList<>(rows.size() + 1);
        out.add(row(headers, width, shown));
        for (String[] r : rows) out.add(row(r, width, shown));
        return out;
    }

    /** Columns the shown cells take, the last one counted as {@code lastWidth}. */
    private static int span(int[] width, boolean[] shown, int lastWidth) {
        int total = 0;
        for (int c = 0; c < width.length - 1; c++) if (shown[c]) total += width[c] + 2;
        return total + lastWidth;
    }

    private String row(String[] cells, int[] width, boolean[] shown) {
        StringBuilder s = new StringBuilder();
        boolean first = true;
        for (int c = 0; c < cells.length; c++) {
            if (!shown[c]) continue;
            if (!first) s.append("  ");
            first = false;
            boolean last = c == cells.length - 1;
            String v = last ? cut(cells[c], width[c]) : cells[c];
            int pad = width[c] - display(v);
            if (leftAligned[c]) s.append(last ? v : v + " ".repeat(pad));
            else s.append(" ".repeat(Math.max(pad, 0))).append(v);
        }
        return s.toString().stripTrailing();
    }

    /** {@code s} in at most {@code columns} terminal columns: cut, with "…" saying so. */
    public static String cut(String s, int columns) {
        if (display(s) <= columns) return s;
        StringBuilder b = new StringBuilder();
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int cw = display(new String(Character.toChars(cp)));
            if (w + cw > columns - 1) break;
            b.appendCodePoint(cp);
            w += cw;
            i += Character.charCount(cp);
        }
        return b.append('…').toString();
    }

    /**
     * {@code text} broken at spaces into lines of at most {@code columns} (0: as it is), each line after the
     * first starting with {@code indent}; a word longer than a line is cut.
     */
    public static List<String> wrap(String text, int columns, String indent) {
        if (columns <= 0 || display(text) <= columns) return List.of(text);
        List<String> out = new ArrayList<>();
        String[] words = text.split(" ", -1); // empty words keep runs of spaces, so an unwrapped line reads as before
        StringBuilder line = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            if (!words[i].isEmpty() && !line.toString().isBlank() && display(line + " " + words[i]) > columns) {
                out.add(cut(line.toString().stripTrailing(), columns));
                line.setLength(0);
                line.append(indent).append(words[i]);
            } else {
                line.append(' ').append(words[i]);
            }
        }
        out.add(cut(line.toString().stripTrailing(), columns));
        return out;
    }

    public void printRows(PrintWriter out, String indent) {
        int[] width = widths();
        for (String[] r : rows) line(out, indent, r, width);
        out.flush();
    }

    private int[] widths() {
        int[] width = new int[headers.length];
        for (int c = 0; c < headers.length; c++) width[c] = display(headers[c]);
        for (String[] r : rows) for (int c = 0; c < r.length; c++) width[c] = Math.max(width[c], display(r[c]));
        return width;
    }

    /** Columns a string takes on a terminal: CJK characters take two. */
    static int display(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            // below U+2E80 (CJK radicals) nothing is wide: cache names and numbers never initialise UnicodeScript's tables
            w += cp >= 0x2E80 && (Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN || (cp >= 0xFF00 && cp <= 0xFFEF)
                    || (cp >= 0x3000 && cp <= 0x303F)) ? 2 : 1;
            i += Character.charCount(cp);
        }
        return w;
    }

    private void line(PrintWriter out, String indent, String[] cells, int[] width) {
        StringBuilder s = new StringBuilder(indent);
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) s.append("  ");
            boolean last = c == cells.length - 1;
            String v = cells[c];
            int pad = width[c] - display(v);
            if (leftAligned[c]) s.append(last ? v : v + " ".repeat(pad));
            else s.append(" ".repeat(pad)).append(v);
        }
        out.println(s.toString().stripTrailing());
    }
}
