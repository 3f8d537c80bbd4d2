package io.slabtrace.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain aligned table: numbers to the right, text to the left, the last column unpadded. */
final class TextTable {
    private final String[] headers;
    private final boolean[] leftAligned;
    private final List<String[]> rows = new ArrayList<>();

    TextTable(String... headers) {
        this.headers = headers;
        this.leftAligned = new boolean[headers.length];
    }

    TextTable left(int... columns) {
        for (int c : columns) leftAligned[c] = true;
        return this;
    }

    void add(String... cells) {
        rows.add(cells);
    }

    void print(PrintWriter out) {
        int[] width = new int[headers.length];
        for (int c = 0; c < headers.length; c++) width[c] = headers[c].length();
        for (String[] r : rows) for (int c = 0; c < r.length; c++) width[c] = Math.max(width[c], r[c].length());
        line(out, headers, width);
        for (String[] r : rows) line(out, r, width);
        out.flush();
    }

    private void line(PrintWriter out, String[] cells, int[] width) {
        StringBuilder s = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) s.append("  ");
            boolean last = c == cells.length - 1;
            String v = cells[c];
            if (leftAligned[c]) s.append(last ? v : v + " ".repeat(width[c] - v.length()));
            else s.append(" ".repeat(width[c] - v.length())).append(v);
        }
        out.println(s.toString().stripTrailing());
    }
}
