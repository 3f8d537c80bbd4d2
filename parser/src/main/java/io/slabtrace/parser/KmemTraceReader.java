package io.slabtrace.parser;

import io.slabtrace.model.trace.KmemEvent;
import io.slabtrace.model.trace.TraceStats;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
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

    private final Problems problems;

    public KmemTraceReader(Problems problems) {
        this.problems = problems;
    }

    public TraceStats read(String spec, Consumer<KmemEvent> sink) throws InputException {
        long[] c = new long[5]; // events, lost, other, skipped, lines
        for (InputPart part : Inputs.resolve(spec)) {
            ThreadLocal<KmemLine> lines = ThreadLocal.withInitial(KmemLine::new); // one per worker: its symbol table
            try (InputStream in = Inputs.openText(part)) {
                ChunkedLines.feed(in, new ChunkedLines.Handler<KmemEvent>() {
                    @Override
                    public KmemEvent preparse(byte[] buf, int from, int to) {
                        to = SlabinfoParser.trimEnd(buf, from, to); // CRLF captures
                        if (to - from < 20 || buf[from] == '#') return null;
                        return lines.get().parse(buf, from, to);
                    }

                    @Override
                    public void line(byte[] buf, int from, int to, KmemEvent e) {
                        c[4]++;
                        if (e != null) {
                            c[0]++;
                            sink.accept(e);
                            return;
                        }
                        other(part.name(), c, buf, from, SlabinfoParser.trimEnd(buf, from, to));
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
    private void other(String source, long[] c, byte[] buf, int from, int to) {
        String line = new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
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
        if (KmemLine.eventAt(buf, from, to) >= 0) {
            c[3]++;
            problems.skipped(source, c[4], "a kmem event without call_site= and ptr= (a kprobe of the same name?): '"
                    + SlabinfoParser.abbreviate(line.strip()) + "'");
        } else if (line.indexOf(": ") > 0 && looksLikeEvent(line)) {
            c[2]++;
        }
    }

    /**
     * What the start of a trace tells before it is read: whether its {@code kmem_cache_alloc} events carry
     * {@code name=} (6.18+; older traces need the call sites learned from the frees first), judged by the
     * first one within {@link #PEEK_LINES} lines (true when there is none), and how many CPUs the
     * machine had, from ftrace's header ({@code #P:2}), or null.
     */
    public record Peek(boolean namesAllocations, Integer cpus) {
    }

    /** How far {@link #peek} reads: a trace without kmem_cache_alloc early on is not read twice. */
    static final int PEEK_LINES = 100_000;
    private static final Pattern CPUS = Pattern.compile("#.*#P:(\\d+).*");

    public static Peek peek(String spec) throws InputException {
        KmemLine reader = new KmemLine();
        Integer cpus = null;
        int lines = 0;
        for (InputPart part : Inputs.resolve(spec)) {
            try (InputStream in = Inputs.openText(part);
                 BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1), 1 << 16)) {
                String line;
                while ((line = r.readLine()) != null && lines++ < PEEK_LINES) {
                    if (line.startsWith("#")) {
                        Matcher m = CPUS.matcher(line);
                        if (cpus == null && m.matches()) cpus = Integer.valueOf(m.group(1));
                        continue;
                    }
                    byte[] b = line.getBytes(StandardCharsets.ISO_8859_1);
                    KmemEvent e = reader.parse(b, 0, b.length);
                    if (e != null && e.kind() == KmemEvent.Kind.KMEM_CACHE_ALLOC) return new Peek(e.name() != null, cpus);
                }
            } catch (IOException e) {
                return new Peek(true, cpus);
            }
        }
        return new Peek(true, cpus);
    }

    private static boolean looksLikeEvent(String line) {
        return line.contains("[") && line.matches(".*\\d+\\.\\d+: \\S+:.*");
    }
}
