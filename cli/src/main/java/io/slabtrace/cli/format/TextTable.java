package io.slabtrace.cli.format;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain aligned table: numbers to the right, text to the left, the last column unpadded. */
public final class TextTable {
    private final String[] headers;
    private final boolean[] leftAligned;
    private final List<String[]> rows = new ArrayList<>();

    public TextTable(String... headers) {
        this.headers = headers;
        this.leftAligned = new boolean[headers.length];
    }

    public TextTable left(int... columns) {
        for (int c : columns) leftAligned[c] = true;
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

    /** The rows without the header line, each line indented. */
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
            w += Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN || (cp >= 0xFF00 && cp <= 0xFFEF) || (cp >= 0x3000 && cp <= 0x303F) ? 2 : 1;
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
