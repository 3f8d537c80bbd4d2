package io.slabtrace.parser;

import io.slabtrace.model.trace.KmemEvent;
import io.slabtrace.model.trace.TraceStats;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Streams kmem events from ftrace's {@code trace}/{@code trace_pipe} text (with its header),
 * {@code trace-cmd report} and {@code perf script} output, gzip or not: one event at a time to a
 * consumer, so memory does not grow with the trace.
 */
public final class KmemTraceReader {
    private static final Pattern ENTRIES = Pattern.compile("#\\s*entries-in-buffer/entries-written:\\s*(\\d+)/(\\d+).*");
    private static final Pattern LOST = Pattern.compile(".*\\[LOST (\\d+) EVENTS\\].*|.*CPU:(\\d+) \\[LOST (\\d+) EVENTS\\].*");
    private static final String[] EVENTS = {"kmem_cache_alloc_node", "kmem_cache_alloc", "kmem_cache_free", "kmalloc_node", "kmalloc", "kfree"};

    private final Problems problems;
    private final Map<String, String> symbols = new java.util.concurrent.ConcurrentHashMap<>();

    public KmemTraceReader(Problems problems) {
        this.problems = problems;
    }

    public TraceStats read(String spec, Consumer<KmemEvent> sink) throws InputException {
        long[] c = new long[5]; // events, lost, other, skipped, lines
        for (InputPart part : Inputs.resolve(spec)) {
            try (InputStream in = Inputs.openText(part)) {
                ChunkedLines.feed(in, new ChunkedLines.Handler<KmemEvent>() {
                    @Override
                    public KmemEvent preparse(byte[] buf, int from, int to) {
                        to = SlabinfoParser.trimEnd(buf, from, to); // CRLF captures
                        if (to - from < 20 || buf[from] == '#') return null;
                        String line = new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
                        int at = eventAt(line);
                        return at < 0 ? null : parse(line, at);
                    }

                    @Override
                    public void line(byte[] buf, int from, int to, KmemEvent e) {
                        c[4]++;
                        if (e != null) {
                            c[0]++;
                            sink.accept(e);
                            return;
                        }
                        String line = new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
                        other(part.name(), c, line);
                    }
                });
            } catch (IOException e) {
                problems.note(part.name(), c[4], "input ends early (" + e.getMessage() + "); events read before this point are used");
            }
        }
        if (c[0] == 0 && c[3] == 0) {
            throw new InputException(spec + ": no kmem events (kmalloc, kfree, kmem_cache_alloc, kmem_cache_free) in " + c[4] + " lines");
        }
        return new TraceStats(c[0], c[1], c[2], c[3], spec);
    }

    /** A line that is not a readable kmem event: header, lost-events marker, another event, or a look-alike. */
    private void other(String source, long[] c, String line) {
        if (line.startsWith("#")) {
            Matcher m = ENTRIES.matcher(line);
            if (m.matches()) c[1] += Math.max(0, Long.parseLong(m.group(2)) - Long.parseLong(m.group(1)));
            return;
        }
        if (line.contains("LOST")) {
            Matcher m = LOST.matcher(line);
            if (m.matches()) {
                c[1] += Long.parseLong(m.group(1) != null ? m.group(1) : m.group(3));
                return;
            }
        }
        if (eventAt(line) >= 0) {
            c[3]++;
            problems.skipped(source, c[4], "a kmem event without call_site= and ptr= (a kprobe of the same name?): '"
                    + SlabinfoParser.abbreviate(line.strip()) + "'");
        } else if (line.indexOf(": ") > 0 && looksLikeEvent(line)) {
            c[2]++;
        }
    }

    /**
     * Whether the trace's {@code kmem_cache_alloc} events carry {@code name=} (6.18+), judged by the first
     * one; true when there is none. Older traces need the call sites learned from the frees first.
     */
    public static boolean namesAllocations(String spec) throws InputException {
        for (InputPart part : Inputs.resolve(spec)) {
            try (InputStream in = Inputs.openText(part);
                 BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1), 1 << 16)) {
                String line;
                while ((line = r.readLine()) != null) {
                    int at = eventAt(line);
                    if (at >= 0 && line.startsWith("kmem_cache_alloc", at)) return field(line.substring(at), "name=") != null;
                }
            } catch (IOException e) {
                return true;
            }
        }
        return true;
    }

    /** Where the event name starts ({@code "kmalloc: "} or {@code "kmem:kmalloc: "}), or -1 for other lines. */
    static int eventAt(String line) {
        int lead = 0;
        while (lead < line.length() && line.charAt(lead) == ' ') lead++;
        for (String ev : EVENTS) { // trace-cmd without the task columns: the line starts with the event
            if (line.startsWith(ev, lead) && line.length() > lead + ev.length() && line.charAt(lead + ev.length()) == ':') return lead;
        }
        int i = line.indexOf(": k");
        while (i >= 0) {
            int s = i + 2;
            if (line.startsWith("kmem:", s)) s += 5;
            for (String ev : EVENTS) {
                if (line.startsWith(ev, s) && line.length() > s + ev.length() && line.charAt(s + ev.length()) == ':') return s;
            }
            i = line.indexOf(": k", i + 1);
        }
        return -1;
    }

    private static boolean looksLikeEvent(String line) {
        return line.contains("[") && line.matches(".*\\d+\\.\\d+: \\S+:.*");
    }

    /** Reads the event at {@code at}; null when it lacks the tracepoint's fields. One pass over the fields. */
    KmemEvent parse(String line, int at) {
        KmemEvent.Kind kind;
        if (line.startsWith("kmalloc", at)) kind = KmemEvent.Kind.KMALLOC;
        else if (line.startsWith("kmem_cache_alloc", at)) kind = KmemEvent.Kind.KMEM_CACHE_ALLOC;
        else if (line.startsWith("kfree", at)) kind = KmemEvent.Kind.KFREE;
        else kind = KmemEvent.Kind.KMEM_CACHE_FREE;
        int colon = line.indexOf(':', at);
        int cpu = cpu(line, at);
        double time = time(line, at);
        String callSite = null, name = null, gfp = null;
        long ptr = -1, req = -1, alloc = -1;
        int node = -1;
        Boolean accounted = null;
        int n = line.length();
        // key=value pairs; other tokens ("[module]", "(sym+0x2c)", "(4096)" of options/fields mode) are passed over
        for (int eq = line.indexOf('=', colon + 1); eq > 0; eq = line.indexOf('=', eq + 1)) {
            int k = eq;
            while (k > colon + 1 && (Character.isLetter(line.charAt(k - 1)) || line.charAt(k - 1) == '_')) k--;
            if (k == eq || (k > 0 && line.charAt(k - 1) != ' ')) continue;
            int v = eq + 1;
            if (eq - k == 3 && line.startsWith("ptr", k)) {
                while (v < n && line.charAt(v) == ' ') v++; // "ptr=          (null)"
            }
            int end = line.indexOf(' ', v);
            if (end < 0) end = n;
            switch (eq - k) {
                case 3 -> {
                    if (line.startsWith("ptr", k)) ptr = hex(line, v, end);
                }
                case 4 -> {
                    if (line.startsWith("name", k)) name = symbol(line, v, end);
                    else if (line.startsWith("node", k)) node = (int) decimal(line, v, end);
                }
                case 9 -> {
                    if (line.startsWith("call_site", k)) callSite = symbol(line, v, end);
                    else if (line.startsWith("bytes_req", k)) req = decimal(line, v, end);
                    else if (line.startsWith("gfp_flags", k)) gfp = symbol(line, v, end);
                    else if (line.startsWith("accounted", k)) accounted = line.startsWith("true", v) || line.startsWith("(1)", v);
                }
                case 11 -> {
                    if (line.startsWith("bytes_alloc", k)) alloc = decimal(line, v, end);
                }
                default -> { }
            }
        }
        if (callSite == null || ptr == -1) return null;
        return new KmemEvent(kind, cpu, time, callSite, ptr, name, req, alloc, gfp, node, accounted);
    }

    /** Strings that repeat across events (call sites, cache names, flags) are kept once. */
    private String symbol(String line, int from, int to) {
        return symbols.computeIfAbsent(line.substring(from, to), k -> k);
    }

    /** A pointer: hex with or without 0x; 0 for "(null)"; -1 when it is not one. */
    private static long hex(String s, int from, int to) {
        if (s.startsWith("(null)", from)) return 0;
        if (s.startsWith("0x", from)) from += 2;
        if (from >= to || to - from > 16) return -1;
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = Character.digit(s.charAt(i), 16);
            if (d < 0) return -1;
            v = v << 4 | d;
        }
        return v;
    }

    /** A decimal (negative allowed: node=-1); "0x..." values of options/fields mode as hex. */
    private static long decimal(String s, int from, int to) {
        if (s.startsWith("0x", from)) return hex(s, from, to);
        boolean neg = from < to && s.charAt(from) == '-';
        long v = 0;
        for (int i = neg ? from + 1 : from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') break;
            v = v * 10 + (c - '0');
        }
        return neg ? -v : v;
    }

    /** {@code [001]} before the event: ftrace, trace-cmd and perf all print the CPU that way. */
    private static int cpu(String line, int before) {
        int close = line.lastIndexOf(']', before);
        while (close > 0) {
            int open = line.lastIndexOf('[', close);
            if (open < 0) return -1;
            int v = 0, digits = 0;
            for (int i = open + 1; i < close; i++) {
                char c = line.charAt(i);
                if (c >= '0' && c <= '9') {
                    v = v * 10 + (c - '0');
                    digits++;
                } else if (c != ' ') {
                    digits = -1;
                    break;
                }
            }
            if (digits > 0) return v;
            close = line.lastIndexOf(']', open);
        }
        return -1;
    }

    /** The timestamp right before the event name ({@code 1475.413488:}), parsed by hand: it is on every line. */
    private static double time(String line, int at) {
        int end = line.lastIndexOf(':', at - 1);
        if (end < 0) return Double.NaN;
        int start = end;
        while (start > 0 && (Character.isDigit(line.charAt(start - 1)) || line.charAt(start - 1) == '.')) start--;
        long whole = 0, frac = 0, scale = 1;
        boolean dot = false;
        for (int i = start; i < end; i++) {
            char c = line.charAt(i);
            if (c == '.') dot = true;
            else if (dot) {
                frac = frac * 10 + (c - '0');
                scale *= 10;
            } else {
                whole = whole * 10 + (c - '0');
            }
        }
        return start == end ? Double.NaN : whole + (double) frac / scale;
    }

    /** The value after {@code key} up to the next space ({@code ptr=  (null)}: the padded NULL of old kernels). */
    static String field(String fields, String key) {
        int i = fields.indexOf(key);
        while (i > 0 && fields.charAt(i - 1) != ' ') i = fields.indexOf(key, i + 1);
        if (i < 0) return null;
        int s = i + key.length();
        while (s < fields.length() && fields.charAt(s) == ' ') s++;
        int e = fields.indexOf(' ', s);
        return fields.substring(s, e < 0 ? fields.length() : e);
    }

}
