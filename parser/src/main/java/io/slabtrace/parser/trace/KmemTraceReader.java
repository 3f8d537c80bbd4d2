package io.slabtrace.parser.trace;

import io.slabtrace.model.layout.Machine;
import io.slabtrace.model.trace.EventTally;
import io.slabtrace.model.trace.KmemEvent;
import io.slabtrace.model.trace.TraceStats;
import io.slabtrace.parser.BinaryFormats;
import io.slabtrace.parser.ChunkedLines;
import io.slabtrace.parser.Decimal;
import io.slabtrace.parser.InputException;
import io.slabtrace.parser.InputPart;
import io.slabtrace.parser.Inputs;
import io.slabtrace.parser.LineBytes;
import io.slabtrace.parser.NameTable;
import io.slabtrace.parser.Problems;
import io.slabtrace.parser.TextLines;
import io.slabtrace.parser.binary.BinaryTraces;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
    /** trace-cmd report's count of a page's missed events, after the CPU and, for an instance, its name: "rc1: CPU:0 [103508 EVENTS DROPPED]". */
    private static final Pattern DROPPED = Pattern.compile(".*\\[(\\d+) EVENTS DROPPED\\]\\s*");
    /** trace-cmd report's own lines around the events: "cpus=2", "version = 7", "CPU 3 is empty". */
    private static final Pattern REPORT_HEADER = Pattern.compile("cpus=\\d+|version = \\d+|CPU \\d+ is empty");
    /**
     * A frame of the call chain under an event: ftrace's stacktrace option (" => kmem_cache_alloc") and perf script -g
     * ("\t ffffffff812345 __kmalloc+0x1a ([kernel.kallsyms])"); the events they follow are counted, the frames are theirs.
     */
    private static final Pattern FRAME = Pattern.compile("\\s*=> .*|\\s+[0-9a-f]+ .+ \\(.*\\)");
    /**
     * perf script --show-lost-events: "find 23413 [001] 20726.090294: PERF_RECORD_LOST lost 1819". A LOST_SAMPLES record
     * may count the same samples again (perf record writes both for one loss), so it marks a loss without adding to it.
     */
    private static final Pattern PERF_LOST = Pattern.compile(".*PERF_RECORD_LOST(_SAMPLES)? lost (\\d+)\\s*");

    private final Problems problems;

    public KmemTraceReader(Problems problems) {
        this.problems = problems;
    }

    /**
     * What a worker made of a line that is no readable kmem event; {@code count} is lost events, {@code text} a look-alike's
     * line, {@code tracepoint} the index of the kmem tracepoint a look-alike names.
     */
    private record Other(Kind kind, long count, String text, int tracepoint) {
        enum Kind { NOTHING, EVENT, LOST, LOSS_MARKER, LOOKALIKE, BAD, UNKNOWN }

        static final Other NOTHING = new Other(Kind.NOTHING, 0, null, -1), EVENT = new Other(Kind.EVENT, 0, null, -1),
                LOSS_MARKER = new Other(Kind.LOSS_MARKER, 0, null, -1);
    }

    /** How many look-alike lines of one tracepoint are shown with their FILE:LINE; the rest are counted in one line. */
    static final int SHOWN_PER_KIND = 3;

    /** Counts of one read, in input order (the handler's {@code line} runs on the reading thread). */
    private static final class Tally {
        final EventTally tally = new EventTally();
        final long[] unreadByTracepoint = new long[KmemLine.KINDS.length];
        long lost, other, skipped, lines, lossMarkers, overlong, unknown;
        Boolean perfScript; // known at the first event: perf script names its events "kmem:kmalloc:"
    }

    /**
     * Streams the events of {@code spec}: a trace.dat or perf.data read directly, else text (a file, a directory of
     * parts, gzip, or - for standard input).
     */
    public TraceStats read(String spec, Consumer<KmemEvent> sink) throws InputException {
        Path binary = binaryTrace(spec);
        if (binary != null) return BinaryTraces.read(binary, sink);
        Tally t = new Tally();
        NameTable symbols = new NameTable(); // one String per call site and cache name, whichever worker and part read it
        ThreadLocal<KmemLine> lines = ThreadLocal.withInitial(() -> new KmemLine(symbols));
        for (InputPart part : Inputs.resolve(spec)) {
            long linesBefore = t.lines;
            try (InputStream in = Inputs.openText(part)) {
                ChunkedLines.feed(in, new ChunkedLines.Handler<Object>() {
                    @Override
                    public ChunkedLines.Preparse<Object> preparser() {
                        KmemLine line = lines.get();
                        return (buf, from, to) -> {
                            to = LineBytes.trimEnd(buf, from, to); // CRLF captures
                            KmemEvent e = to - from < 20 || buf[from] == '#' ? null : line.parse(buf, from, to);
                            return e != null ? e : other(buf, from, to);
                        };
                    }

                    @Override
                    public void line(byte[] buf, int from, int to, Object parsed) {
                        t.lines++;
                        if (parsed instanceof KmemEvent e) {
                            if (t.perfScript == null) t.perfScript = new String(buf, from, to - from, StandardCharsets.ISO_8859_1).contains(" kmem:");
                            t.tally.count(e);
                            sink.accept(e);
                            return;
                        }
                        Other o = (Other) parsed;
                        switch (o.kind()) {
                            case LOST -> t.lost = Math.min(Decimal.MAX_COUNT, t.lost + o.count());
                            case BAD -> problems.skipped(part.name(), t.lines - linesBefore, o.text());
                            case LOSS_MARKER -> t.lossMarkers++;
                            case EVENT -> t.other++;
                            case LOOKALIKE -> {
                                t.skipped++;
                                if (++t.unreadByTracepoint[o.tracepoint()] <= SHOWN_PER_KIND) {
                                    problems.skipped(part.name(), t.lines - linesBefore, "a " + KmemLine.tracepoint(o.tracepoint())
                                            + " event without a readable call_site= and ptr= (a kprobe of the same name?): '"
                                            + LineBytes.abbreviate(o.text().strip()) + "'");
                                }
                            }
                            case UNKNOWN -> {
                                t.skipped++;
                                if (++t.unknown <= SHOWN_PER_KIND) {
                                    problems.skipped(part.name(), t.lines - linesBefore, "not a kmem event, a lost-events marker or a header: '"
                                            + LineBytes.abbreviate(o.text().strip()) + "'");
                                }
                            }
                            case NOTHING -> { }
                        }
                    }

                    @Override
                    public void overlong(long bytes) {
                        t.lines++;
                        t.skipped++;
                        t.overlong++;
                        problems.skipped(part.name(), t.lines - linesBefore, LineBytes.overlong(bytes));
                    }
                });
            } catch (IOException e) {
                t.lossMarkers++; // the events after the cut are lost, how many is unknown: the replay is approximate
                problems.note(part.name(), t.lines - linesBefore, "input ends early (" + e.getMessage() + "); events read before this point are used");
            }
        }
        if (t.unknown > SHOWN_PER_KIND) {
            problems.note(spec, 0, (t.unknown - SHOWN_PER_KIND) + " more lines like these were not understood (" + t.unknown + " in all)");
        }
        for (int k = 0; k < t.unreadByTracepoint.length; k++) {
            long n = t.unreadByTracepoint[k];
            if (n > SHOWN_PER_KIND) {
                problems.note(spec, 0, (n - SHOWN_PER_KIND) + " more " + KmemLine.tracepoint(k) + " lines like these were not understood ("
                        + n + " in all): the replay is approximate");
            }
        }
        if (t.tally.events() == 0 && t.skipped == t.overlong + t.unknown) { // not a trace: no event, not even a look-alike
            throw new InputException(spec + ": no kmem events (kmalloc, kfree, kmem_cache_alloc, kmem_cache_free) in " + t.lines + " lines");
        }
        // perf script lists the records of lost events only when asked: without them the text cannot tell a loss
        String source = Boolean.TRUE.equals(t.perfScript) && t.lost == 0 && t.lossMarkers == 0
                ? spec + " (perf script text: it lists lost events only with --show-lost-events, or replay the perf.data)" : spec;
        return t.tally.stats(t.lost, t.other, t.skipped, source, t.lossMarkers);
    }

    /**
     * A line that is not a readable kmem event: header (its entries-in-buffer/entries-written gap is lost
     * events), lost-events marker, another event, or a look-alike. Runs on the workers, in any order:
     * only its counts are summed in order.
     */
    private static Other other(byte[] buf, int from, int to) {
        if (to == from) return Other.NOTHING;
        String line = new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
        if (line.startsWith("#")) {
            Matcher m = ENTRIES.matcher(line);
            if (!m.matches()) return Other.NOTHING;
            long inBuffer = Decimal.parse(m.group(1), Decimal.MAX_COUNT), written = Decimal.parse(m.group(2), Decimal.MAX_COUNT);
            if (inBuffer < 0 || written < 0) return new Other(Other.Kind.BAD, 0, "entries-in-buffer/entries-written: " + Decimal.outOfRange(), -1);
            return new Other(Other.Kind.LOST, Math.max(0, written - inBuffer), null, -1);
        }
        if (line.contains("LOST")) {
            Matcher m = LOST.matcher(line);
            if (m.matches()) {
                long lost = Decimal.parse(m.group(1) != null ? m.group(1) : m.group(3), Decimal.MAX_COUNT);
                return lost < 0 ? new Other(Other.Kind.BAD, 0, "[LOST N EVENTS]: " + Decimal.outOfRange(), -1) : new Other(Other.Kind.LOST, lost, null, -1);
            }
            m = PERF_LOST.matcher(line);
            if (m.matches()) {
                if (m.group(1) != null) return Other.LOSS_MARKER;
                long lost = Decimal.parse(m.group(2), Decimal.MAX_COUNT);
                return lost < 0 ? new Other(Other.Kind.BAD, 0, "PERF_RECORD_LOST: " + Decimal.outOfRange(), -1) : new Other(Other.Kind.LOST, lost, null, -1);
            }
        }
        // trace-cmd report: "CPU:1 [EVENTS DROPPED]", a page whose header says events were missed without room for their count
        if (line.endsWith("[EVENTS DROPPED]")) return Other.LOSS_MARKER;
        if (line.contains("EVENTS DROPPED]")) {
            Matcher m = DROPPED.matcher(line);
            if (m.matches()) {
                long lost = Decimal.parse(m.group(1), Decimal.MAX_COUNT);
                return lost < 0 ? new Other(Other.Kind.BAD, 0, "[N EVENTS DROPPED]: " + Decimal.outOfRange(), -1) : new Other(Other.Kind.LOST, lost, null, -1);
            }
            return new Other(Other.Kind.BAD, 0, "a drop marker not understood: '" + LineBytes.abbreviate(line) + "'", -1); // a loss said, never dropped
        }
        int at = KmemLine.eventAt(buf, from, to);
        if (at >= 0) return new Other(Other.Kind.LOOKALIKE, 0, line, KmemLine.nameAt(buf, at, to));
        if (line.indexOf('[') >= 0 && (looksLikeEvent(buf, from, to) || line.endsWith("<stack trace>"))) return Other.EVENT;
        if (REPORT_HEADER.matcher(line).matches() || FRAME.matcher(line).matches()) return Other.NOTHING;
        // a line of no shape this reader knows is counted and shown, never passed over: it may be events in a form not read
        return line.isBlank() ? Other.NOTHING : new Other(Other.Kind.UNKNOWN, 0, line, -1);
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
        Path binary = binaryTrace(spec);
        if (binary != null) return peekBinary(binary);
        KmemLine reader = new KmemLine(new NameTable());
        Integer cpus = null;
        int lines = 0;
        for (InputPart part : Inputs.resolve(spec)) {
            try (InputStream in = Inputs.openText(part)) {
                TextLines r = new TextLines(in, StandardCharsets.ISO_8859_1);
                String line;
                while ((line = r.readLine()) != null && lines++ < PEEK_LINES) {
                    if (line.startsWith("#")) {
                        Matcher m = CPUS.matcher(line);
                        if (cpus == null && m.matches()) cpus = Decimal.parse(m.group(1), Machine.MAX_CPUS) > 0 ? (int) Decimal.parse(m.group(1), Machine.MAX_CPUS) : null;
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

    /**
     * Whether the line has an event's shape: a timestamp ({@code 1475.413488: }) and then a name ending in
     * a colon. By hand: a regular expression starting with {@code .*} backtracks over every line of a
     * trace recorded with every event on.
     */
    private static boolean looksLikeEvent(byte[] b, int from, int to) {
        for (int i = from + 1; i + 2 < to; i++) {
            if (b[i] != ':' || b[i + 1] != ' ' || !digit(b[i - 1])) continue;
            int k = i - 1;
            while (k > from && digit(b[k - 1])) k--;
            if (k - 1 <= from || b[k - 1] != '.' || !digit(b[k - 2])) continue;
            for (int j = i + 2; j < to && b[j] != ' '; j++) if (b[j] == ':' && j > i + 2) return true;
        }
        return false;
    }

    private static boolean digit(byte c) {
        return c >= '0' && c <= '9';
    }

    /** The file when {@code spec} is a trace.dat or a perf.data (told by its first bytes), else null. */
    private static Path binaryTrace(String spec) throws InputException {
        if (spec.equals("-")) return null;
        Path p = Path.of(spec);
        if (!Files.isRegularFile(p)) return null;
        try (InputStream in = Files.newInputStream(p)) {
            return BinaryFormats.isKmemTrace(in.readNBytes(16)) ? p : null;
        } catch (IOException e) {
            throw new InputException(spec + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Ends a binary peek at its first kmem_cache_alloc: the readers pass a sink's own exception through. */
    private static final class PeekDone extends RuntimeException {
        final boolean named;

        PeekDone(boolean named) {
            super(null, null, false, false);
            this.named = named;
        }
    }

    /**
     * Whether a binary trace's allocations carry their cache's name: a trace.dat says it in the event's format (read
     * without its kallsyms); a perf.data by its first kmem_cache_alloc. Its CPUs are not asked.
     */
    private static Peek peekBinary(Path file) throws InputException {
        Boolean named = BinaryTraces.allocationsNamed(file);
        if (named != null) return new Peek(named, null);
        try {
            BinaryTraces.read(file, e -> {
                if (e.kind() == KmemEvent.Kind.KMEM_CACHE_ALLOC) throw new PeekDone(e.name() != null);
            });
        } catch (PeekDone d) {
            return new Peek(d.named, null);
        }
        return new Peek(true, null);
    }
}
