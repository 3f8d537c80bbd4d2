package io.slabtrace.parser.ringbuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the {@code __print_flags} table a print fmt applies to a field (include/trace/stages/stage3_trace_output.h
 * expands {@code show_gfp_flags()} of include/trace/events/mmflags.h to it), so that binary records print
 * their flags as the kernel's text does: {@code gfp_flags=GFP_KERNEL|__GFP_ZERO}.
 */
public final class PrintFmtFlags {
    private static final String CALL = "__print_flags(";

    private PrintFmtFlags() {
    }

    /** The table for {@code REC->field}, or null when the print fmt has none or one this cannot evaluate. */
    public static FlagTable find(String printFmt, String field) {
        int from = 0;
        while (true) {
            int at = printFmt.indexOf(CALL, from);
            if (at < 0) return null;
            int open = at + CALL.length() - 1;
            int close = matching(printFmt, open);
            if (close < 0) return null;
            List<String> args = split(printFmt.substring(open + 1, close));
            if (args.size() >= 2 && args.get(0).strip().equals("REC->" + field)) {
                try {
                    return table(args, zeroText(printFmt, close + 1));
                } catch (TraceFormatException e) {
                    return null;
                }
            }
            from = close;
        }
    }

    private static FlagTable table(List<String> args, String zeroText) throws TraceFormatException {
        String delim = literal(args.get(1).strip());
        if (delim == null) return null;
        List<FlagTable.Flag> flags = new ArrayList<>();
        for (String entry : args.subList(2, args.size())) {
            String e = entry.strip();
            if (!e.startsWith("{") || !e.endsWith("}")) return null;
            List<String> pair = split(e.substring(1, e.length() - 1));
            if (pair.size() != 2) return null;
            String name = literal(pair.get(1).strip());
            if (name == null) continue; // the terminator: { 0, ((void *)0) } or { -1, NULL }
            flags.add(new FlagTable.Flag(ConstExpr.eval(pair.get(0)), name));
        }
        return new FlagTable(delim, flags, zeroText);
    }

    /** {@code cond ? __print_flags(...) : "none"}: the text after the call's ')' when it is {@code : "..."}. */
    private static String zeroText(String s, int after) {
        int i = after;
        while (i < s.length() && s.charAt(i) == ' ') i++;
        if (i >= s.length() || s.charAt(i) != ':') return null;
        i++;
        while (i < s.length() && s.charAt(i) == ' ') i++;
        int end = i < s.length() && s.charAt(i) == '"' ? s.indexOf('"', i + 1) : -1;
        return end < 0 ? null : s.substring(i + 1, end);
    }

    /** A C string literal's text (the kernel's tables use no escapes), or null. */
    private static String literal(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : null;
    }

    /** The index of the bracket closing the one at {@code open}, over nested (), {} and string literals; -1 when unbalanced. */
    static int matching(String s, int open) {
        int depth = 0;
        boolean quoted = false;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '\\') i++;
                else if (c == '"') quoted = false;
            } else if (c == '"') {
                quoted = true;
            } else if (c == '(' || c == '{') {
                depth++;
            } else if (c == ')' || c == '}') {
                if (--depth == 0) return i;
            }
        }
        return -1;
    }

    /** Splits at commas outside brackets and string literals. */
    static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        int depth = 0, start = 0;
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '\\') i++;
                else if (c == '"') quoted = false;
            } else if (c == '"') {
                quoted = true;
            } else if (c == '(' || c == '{') {
                depth++;
            } else if (c == ')' || c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(s.substring(start, i));
                start = i + 1;
            }
        }
        out.add(s.substring(start));
        return out;
    }
}
