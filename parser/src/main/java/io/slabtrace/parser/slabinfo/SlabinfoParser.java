package io.slabtrace.parser.slabinfo;

import io.slabtrace.model.CacheStats;
import io.slabtrace.model.SlabDebugStats;
import io.slabtrace.model.SlabinfoFormat;
import io.slabtrace.model.Snapshot;
import io.slabtrace.parser.LineBytes;
import io.slabtrace.parser.NameTable;
import io.slabtrace.parser.Problems;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Turns the lines of one or many {@code /proc/slabinfo} readings into {@link Snapshot}s, pushed
 * to a consumer as each one ends, so a series of any length is read in bounded memory.
 *
 * <p>A new snapshot starts at a timestamp line, at a {@code slabinfo - version:} line, or at a
 * {@code # name} header that follows cache lines. Lines the kernel never prints (prompts, prose,
 * damaged rows) are reported to {@link Problems} and skipped; the rest of the snapshot is kept.
 * Rows a mail client or the poster wrapped are joined again when the continuation starts with
 * white space or {@code :}.
 */
public final class SlabinfoParser {
    private static final String VERSION_PREFIX = "slabinfo - version:";
    /** Written by {@code slabtrace collect} after each whole snapshot; a file that has them drops a last snapshot without one. */
    public static final String END_MARKER = "# slabtrace: end of snapshot";
    private static final byte[] VERSION_BYTES = VERSION_PREFIX.getBytes(StandardCharsets.US_ASCII);
    private static final String[] KNOWN_SECTIONS = {"tunables", "slabdata", "globalstat", "cpustat"};
    private static final String[] SLABDATA_DEFAULT = {"active_slabs", "num_slabs", "sharedavail"};

    private final String source;
    private final Problems problems;
    private final Consumer<Snapshot> sink;
    private final TimestampLine timestamps;
    private final Tokens tokens = new Tokens();
    /**
     * Cache names, one String each whichever thread read them, the workers and this parser's own line-by-line path alike
     * (the consumers compare names by identity first).
     */
    static final NameTable NAMES = new NameTable();
    private final StandardRow standardRow = new StandardRow(NAMES);
    // rows may take the fast path: a 2.x (or unlabelled) snapshot whose header names the usual slabdata columns
    private boolean standardLayout = true;
    private final Set<String> notedSections = new HashSet<>();

    private long lineNo;
    private long snapshots;

    // the snapshot being read
    private Instant timestamp;
    private SlabinfoFormat format = SlabinfoFormat.UNKNOWN;
    private ArrayList<CacheStats> caches = new ArrayList<>(); // the class, not the interface: the quick JIT inlines its add and isEmpty
    private long firstLine;

    // header columns of the slabdata section (a few non-Linux kernels print more than three)
    private String[] slabdataColumns = SLABDATA_DEFAULT;
    private StringBuilder header;

    // a series repeats one version line and one header line in every snapshot: the last of each is read once, its result kept
    private String lastVersion, lastHeader;
    private SlabinfoFormat lastFormat;
    private String[] lastColumns;

    // the previous timestamp line's time, and whether a step back was reported
    private Instant lastTimestamp;
    private boolean steppedBack;

    /**
     * The longest row a wrapped row may be joined into, and a wrapped header: 4 KiB, ten times the longest row the
     * kernel prints (with CONFIG_DEBUG_SLAB's statistics). Past it the row is skipped, so endless continuation lines
     * cost linear time, not quadratic.
     */
    static final int MAX_ROW = 4096;

    // a row that ended early, waiting for its wrapped continuation
    private byte[] pending;
    private long pendingLine;

    // the input marks the end of every snapshot (a collection): an unmarked last one is incomplete
    private boolean markers;

    // the previous line was a complete row, which a following ": globalstat ..." line may extend
    private boolean lastRowWasCache;
    private boolean prevRowWasCache;

    // result of the last parseRow call (kept in fields so the hot path allocates only the row)
    private String rowError;
    private boolean rowIncomplete;

    public SlabinfoParser(String source, Problems problems, Consumer<Snapshot> sink, ZoneId zone) {
        this.source = source;
        this.problems = problems;
        this.sink = sink;
        this.timestamps = new TimestampLine(zone);
    }

    public long snapshots() {
        return snapshots;
    }

    public long lines() {
        return lineNo;
    }

    /** Feeds the next physical line (without its line terminator). */
    public void line(String raw) {
        byte[] b = raw.getBytes(StandardCharsets.UTF_8);
        line(b, 0, b.length);
    }

    /**
     * Feeds the next physical line as bytes {@code [from, to)} of {@code buf} (terminator excluded).
     * Cache rows, nearly every line of a series, are parsed from the bytes; the rare other lines
     * are decoded first.
     */
    public void line(byte[] buf, int from, int to) {
        line(buf, from, to, null);
    }

    /**
     * As {@link #line(byte[], int, int)}, with the row already parsed by {@link StandardRow} on
     * another thread (or null); it is used only where the parser would have taken that path. The
     * workers pre-parse only a {@link #plainRow plain row}, so one needs no look here but the
     * state's: nothing pending, the usual layout. (A plain row right after a header line ends the
     * header, as {@link #other} would: it is no header continuation, it has counts.)
     */
    void line(byte[] buf, int from, int to, CacheStats preParsed) {
        lineNo++;
        prevRowWasCache = lastRowWasCache;
        if (preParsed != null && pending == null && standardLayout) {
            header = null;
            add(preParsed, lineNo);
            return;
        }
        lastRowWasCache = false;
        if (pending != null) {
            if (isContinuation(buf, from, to) && pending.length + (to - from) >= MAX_ROW) {
                problems.skipped(source, pendingLine, "a wrapped cache line runs past " + MAX_ROW + " bytes: '"
                        + LineBytes.abbreviate(new String(pending, StandardCharsets.UTF_8)) + "'");
                pending = null;
            } else if (isContinuation(buf, from, to)) {
                int f = LineBytes.trimStart(buf, from, to), t = LineBytes.trimEnd(buf, f, to);
                byte[] joined = new byte[pending.length + 1 + (t - f)];
                System.arraycopy(pending, 0, joined, 0, pending.length);
                joined[pending.length] = ' ';
                System.arraycopy(buf, f, joined, pending.length + 1, t - f);
                row(joined, 0, joined.length, pendingLine);
                return;
            }
            if (pending != null) reportPending();
        }
        int f = LineBytes.trimStart(buf, from, to), t = LineBytes.trimEnd(buf, f, to);
        if (f == t) {
            header = null;
            return;
        }
        if (header == null && plainRow(buf, f, t)) {
            if (preParsed != null && standardLayout) add(preParsed, lineNo);
            else row(buf, f, t, lineNo);
            return;
        }
        other(new String(buf, f, t - f, StandardCharsets.UTF_8), buf, f, t);
    }

    /** A line past {@link LineBytes#MAX_LINE} that the reader read past: counted and reported, never held. */
    void overlong(long bytes) {
        lineNo++;
        if (pending != null) reportPending();
        lastRowWasCache = false;
        problems.skipped(source, lineNo, LineBytes.overlong(bytes));
    }

    /** True when a line cannot be a version, header, continuation or timestamp line: the common case. */
    static boolean plainRow(byte[] b, int f, int t) {
        byte c = b[f];
        if (c == '#' || c == ':' || (c >= '0' && c <= '9')) return false;
        if (c == 's' && t - f >= VERSION_BYTES.length && Arrays.equals(b, f, f + VERSION_BYTES.length, VERSION_BYTES, 0, VERSION_BYTES.length)) return false;
        return !(c >= 'F' && c <= 'W' && t - f > 3 && b[f + 3] == ' ' && weekday(b, f)); // "Wed Nov 25 ...", not the caches RAW, TCP, UDP
    }

    private static final String WEEKDAYS = "MonTueWedThuFriSatSun";

    /** Whether the three bytes at {@code f} name a day as date(1) prints it: no other line can be a timestamp line. */
    private static boolean weekday(byte[] b, int f) {
        for (int d = 0; d < WEEKDAYS.length(); d += 3) {
            if (b[f] == WEEKDAYS.charAt(d) && b[f + 1] == WEEKDAYS.charAt(d + 1) && b[f + 2] == WEEKDAYS.charAt(d + 2)) return true;
        }
        return false;
    }

    /** Version, header, timestamp and continuation lines, or a row whose name starts like one. */
    private void other(String line, byte[] buf, int f, int t) {
        if (line.startsWith(VERSION_PREFIX)) {
            closeSnapshot();
            format = formatOf(line.substring(VERSION_PREFIX.length()).strip());
            layoutChanged();
            if (firstLine == 0) firstLine = lineNo;
            header = null;
            return;
        }
        if (header != null && headerContinuation(line) && header.length() + line.length() < MAX_ROW) {
            header.append(' ').append(line);
            slabdataColumns = slabdataColumns(header.toString());
            layoutChanged();
            return;
        }
        if (line.startsWith("#")) {
            if (line.startsWith(END_MARKER)) {
                markers = true;
                closeSnapshot();
                return;
            }
            if (isHeader(line)) {
                if (!caches.isEmpty()) closeSnapshot();
                if (caches.isEmpty() && firstLine == 0) firstLine = lineNo;
                header = new StringBuilder(line);
                slabdataColumns = columnsOf(line);
                layoutChanged();
            }
            return;
        }
        header = null;
        if (startsWithSeparator(line) && prevRowWasCache && !caches.isEmpty()) {
            extendLastRow(line);
            return;
        }
        if (TimestampLine.mayBeTimestamp(line)) {
            Instant at = timestamps.parse(line);
            if (at == TimestampLine.INVALID) {
                closeSnapshot();
                firstLine = lineNo;
                problems.skipped(source, lineNo, "'" + LineBytes.abbreviate(line) + "' names no real time (a day, hour or minute out of range);"
                        + " the snapshot after it has no time");
                return;
            }
            if (at != null) {
                closeSnapshot();
                if (lastTimestamp != null && !at.isAfter(lastTimestamp) && !steppedBack) {
                    steppedBack = true; // said once: every later step back is the same story
                    problems.note(source, lineNo, "time steps back (or stands still) here, from " + lastTimestamp + " to " + at
                            + ": two logs concatenated, or a clock change; the snapshots are kept in file order");
                }
                lastTimestamp = at;
                timestamp = at;
                firstLine = lineNo;
                return;
            }
        }
        row(buf, f, t, lineNo);
    }

    /** Ends the input: the last snapshot is emitted, a dangling wrapped row reported. */
    public void finish() {
        if (pending != null) reportPending();
        if (markers && !caches.isEmpty()) { // the collector was cut off while writing it
            problems.note(source, firstLine, "the last snapshot (from line " + firstLine + ") is incomplete: the collection was "
                    + "cut off while writing it; it was dropped, the " + snapshots + " complete ones are used");
            caches = new ArrayList<>();
            return;
        }
        closeSnapshot();
    }

    private void accept(CacheStats c, long at) {
        String outOfRange = c.outOfRange();
        if (outOfRange != null) {
            pending = null;
            problems.skipped(source, at, "cache " + LineBytes.abbreviate(c.name()) + ": " + outOfRange);
            return;
        }
        add(c, at);
    }

    /** A row already checked to be in range (the workers check pre-parsed ones). */
    private void add(CacheStats c, long at) {
        if (caches.isEmpty() && firstLine == 0) firstLine = at;
        caches.add(c);
        pending = null;
        lastRowWasCache = true;
    }

    private void row(byte[] buf, int from, int to, long at) {
        CacheStats c = parseRow(buf, from, to);
        if (c != null) {
            accept(c, at);
        } else if (rowIncomplete) {
            pending = Arrays.copyOfRange(buf, from, to);
            pendingLine = at;
        } else {
            pending = null;
            problems.skipped(source, at, rowError);
        }
    }

    /** A poster wrapped a complete row before its statistics: re-read the row with them. */
    private void extendLastRow(String line) {
        byte[] joined = (lastRowText() + " " + line).getBytes(StandardCharsets.UTF_8);
        CacheStats c = parseRow(joined, 0, joined.length);
        if (c != null) {
            caches.set(caches.size() - 1, c);
            lastRowWasCache = true;
        } else {
            problems.skipped(source, lineNo, "continuation of the previous cache line not understood: " + rowError);
        }
    }

    /**
     * The last complete row written out again from its values (line buffers are reused, so the
     * original bytes are gone); a following ": globalstat ..." line is parsed as its continuation.
     */
    private String lastRowText() {
        CacheStats c = caches.get(caches.size() - 1);
        if (format.isV1()) {
            return c.name() + " " + c.activeObjs() + " " + c.numObjs() + " " + c.objsize() + " " + c.activeSlabs()
                    + " " + c.numSlabs() + " " + c.pagesperslab() + (c.limit() > 0 ? " : " + c.limit() + " " + c.batchcount() : "");
        }
        StringBuilder s = new StringBuilder(c.name()).append(' ').append(c.activeObjs()).append(' ').append(c.numObjs())
                .append(' ').append(c.objsize()).append(' ').append(c.objperslab()).append(' ').append(c.pagesperslab())
                .append(" : tunables ").append(c.limit()).append(' ').append(c.batchcount()).append(' ').append(c.sharedfactor())
                .append(" : slabdata");
        for (String col : slabdataColumns) {
            s.append(' ').append(switch (col) {
                case "active_slabs" -> c.activeSlabs();
                case "num_slabs" -> c.numSlabs();
                case "sharedavail" -> c.sharedavail();
                default -> 0L;
            });
        }
        return s.toString();
    }

    private void reportPending() {
        problems.skipped(source, pendingLine, "cache line ends early (" + rowError + "): '"
                + LineBytes.abbreviate(new String(pending, StandardCharsets.UTF_8)) + "'");
        pending = null;
    }

    private static boolean isContinuation(byte[] b, int from, int to) {
        if (from == to) return false;
        byte c = b[from];
        return c == ' ' || c == '\t' || (to - from > 1 && c == ':' && (b[from + 1] == ' ' || b[from + 1] == '\t'));
    }

    /** A section separator {@code ": "} — unlike a cache name such as {@code :0000064}. */
    private static boolean startsWithSeparator(String s) {
        return s.length() > 1 && s.charAt(0) == ':' && (s.charAt(1) == ' ' || s.charAt(1) == '\t');
    }

    private void closeSnapshot() {
        if (!caches.isEmpty()) {
            sink.accept(new Snapshot(timestamp, source, firstLine, format, caches));
            snapshots++;
            caches = new ArrayList<>(caches.size()); // the next snapshot lists about as many caches: no regrowth
            timestamp = null;
            firstLine = 0;
            format = SlabinfoFormat.UNKNOWN;
            layoutChanged();
        }
    }

    private void layoutChanged() {
        standardLayout = !format.version().startsWith("1.") && Arrays.equals(slabdataColumns, SLABDATA_DEFAULT);
    }

    private SlabinfoFormat formatOf(String rest) {
        if (!rest.equals(lastVersion)) {
            lastFormat = parseFormat(rest);
            lastVersion = rest;
        }
        return lastFormat;
    }

    private String[] columnsOf(String headerLine) {
        if (!headerLine.equals(lastHeader)) {
            lastColumns = slabdataColumns(headerLine);
            lastHeader = headerLine;
        }
        return lastColumns;
    }

    static SlabinfoFormat parseFormat(String rest) {
        String version = rest.split("\\s+", 2)[0];
        return new SlabinfoFormat(version, rest.contains("(statistics)"), rest.contains("(SMP)"));
    }

    /** A wrapped header's next line: column names, no numbers (a cache may be named {@code <x>}, but its row has counts). */
    private static boolean headerContinuation(String line) {
        if (!line.startsWith("<") && !line.startsWith(":")) return false;
        for (String token : line.trim().split("\\s+")) {
            if (!token.isEmpty() && token.chars().allMatch(Character::isDigit)) return false;
        }
        return true;
    }

    private static boolean isHeader(String line) {
        return line.contains("<active_objs>") || line.matches("#\\s*name\\b.*");
    }

    /** Column names of the header's slabdata section, e.g. {@code <active_slabs> <num_slabs> <sharedavail>}. */
    private static String[] slabdataColumns(String header) {
        int at = header.indexOf("slabdata");
        if (at < 0) return SLABDATA_DEFAULT;
        int end = header.indexOf(':', at);
        String section = header.substring(at + "slabdata".length(), end < 0 ? header.length() : end);
        List<String> names = new ArrayList<>();
        for (String t : section.trim().split("\\s+")) {
            if (t.startsWith("<") && t.endsWith(">")) names.add(t.substring(1, t.length() - 1));
        }
        if (!names.contains("active_slabs") || !names.contains("num_slabs")) return SLABDATA_DEFAULT;
        return names.toArray(String[]::new);
    }

    // ---------------------------------------------------------------------------------------
    // one cache row

    /**
     * Parses a row, or returns null with {@link #rowError} set; {@link #rowIncomplete} says the
     * row may continue on the next line. The name is everything before the numeric columns, so
     * names with spaces, colons, brackets or dots are kept whole.
     */
    CacheStats parseRow(byte[] b, int from, int to) {
        rowError = null;
        rowIncomplete = false;
        if (standardLayout) {
            CacheStats fast = standardRow.parse(b, from, to);
            if (fast != null) return fast;
        }
        return generalRow(b, from, to);
    }

    /** The reference parser for every layout; {@link StandardRow} is only a shortcut to its result. */
    CacheStats generalRow(byte[] b, int from, int to) {
        Tokens t = tokens;
        t.split(b, from, to);
        int sep = t.firstSeparator();
        int numericTail = 0;
        while (numericTail < sep && t.isNumber(sep - 1 - numericTail)) numericTail++;
        boolean v1 = format.isV1() || (sep == t.count && numericTail >= 6 && !format.version().startsWith("2."));
        if (format.version().equals("1.0")) return error("version 1.0 rows are not supported (name active total ... only)");
        int need = v1 ? 6 : 5;
        if (numericTail < need || sep - need < 1) {
            if (sep == t.count && numericTail >= 1 && numericTail < need && sep - numericTail >= 1) {
                rowIncomplete = true;
                return error("expected " + need + " numbers after the cache name, found " + numericTail);
            }
            return error("expected a cache line 'name " + (v1
                    ? "active_objs num_objs objsize active_slabs num_slabs pagesperslab"
                    : "active_objs num_objs objsize objperslab pagesperslab : tunables ... : slabdata ...")
                    + "', found '" + LineBytes.abbreviate(new String(b, from, to - from, StandardCharsets.UTF_8)) + "'");
        }
        int first = sep - need;
        String name = NAMES.intern(b, from, LineBytes.trimEnd(b, from, t.start[first]));
        return v1 ? rowV1(name, t, first, sep) : rowV2(name, t, first, sep);
    }

    private CacheStats rowV2(String name, Tokens t, int first, int sep) {
        long active = t.number(first), num = t.number(first + 1), objsize = t.number(first + 2);
        long objperslab = t.number(first + 3), pages = t.number(first + 4);
        long limit = 0, batch = 0, shared = 0, activeSlabs = 0, numSlabs = 0, sharedavail = 0;
        boolean tunables = false, slabdata = false;
        long[] global = null, cpu = null;
        int i = sep;
        while (i < t.count) {
            int kw = i + 1;
            int v = kw;
            while (v < t.count && !t.isNumber(v) && !t.isSeparator(v)) v++;
            String keyword = t.keyword(kw, v);
            int end = v;
            while (end < t.count && !t.isSeparator(end)) end++;
            int values = end - v;
            boolean last = end == t.count;
            for (int k = v; k < end; k++) {
                if (!t.isNumber(k)) return error(keyword + ": expected numbers, found '" + t.text(k) + "'");
            }
            switch (keyword) {
                case "tunables" -> {
                    if (values != 3) return sectionError(keyword, 3, values, last, "limit batchcount sharedfactor");
                    limit = t.number(v); batch = t.number(v + 1); shared = t.number(v + 2);
                    tunables = true;
                }
                case "slabdata" -> {
                    String[] cols = slabdataColumns;
                    if (values != cols.length) return sectionError(keyword, cols.length, values, last, String.join(" ", cols));
                    for (int k = 0; k < cols.length; k++) {
                        switch (cols[k]) {
                            case "active_slabs" -> activeSlabs = t.number(v + k);
                            case "num_slabs" -> numSlabs = t.number(v + k);
                            case "sharedavail" -> sharedavail = t.number(v + k);
                            default -> { }
                        }
                    }
                    slabdata = true;
                }
                case "globalstat" -> {
                    if (values < 7 || values > 9) {
                        if (last && values < 7) { rowIncomplete = true; return error("globalstat section ends early"); }
                        noteOnce("globalstat", "globalstat: expected 7 to 9 values, found " + values + "; statistics of this line ignored");
                    } else global = t.numbers(v, values);
                }
                case "cpustat" -> {
                    if (values != 4) {
                        if (last && values < 4) { rowIncomplete = true; return error("cpustat section ends early"); }
                        noteOnce("cpustat", "cpustat: expected 4 values (allochit allocmiss freehit freemiss), found " + values + "; statistics of this line ignored");
                    } else cpu = t.numbers(v, 4);
                }
                case "" -> {
                    if (last && values == 0) { rowIncomplete = true; return error("line ends after ':'"); }
                    return error("section without a name after ':'");
                }
                default -> noteOnce(keyword, "unknown section '" + keyword + "' ignored (not printed by mainline kernels)");
            }
            i = end;
        }
        if (!tunables || !slabdata) {
            rowIncomplete = true;
            return error("expected ': tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>'");
        }
        SlabDebugStats debug = global == null && cpu == null ? null : debugStats(global, cpu, format.version().equals("2.0"));
        return new CacheStats(name, active, num, objsize, objperslab, pages, limit, batch, shared,
                activeSlabs, numSlabs, sharedavail, false, debug);
    }

    /** Version 1.1 (Linux 2.4): {@code name active num objsize active_slabs num_slabs pagesperslab [: stats] [: limit batch] [: cpustat]}. */
    private CacheStats rowV1(String name, Tokens t, int first, int sep) {
        long active = t.number(first), num = t.number(first + 1), objsize = t.number(first + 2);
        long activeSlabs = t.number(first + 3), numSlabs = t.number(first + 4), pages = t.number(first + 5);
        long limit = 0, batch = 0;
        long[] stats = null, cpu = null;
        int i = sep;
        while (i < t.count) {
            int end = i + 1;
            while (end < t.count && !t.isSeparator(end)) end++;
            int values = end - i - 1;
            for (int k = i + 1; k < end; k++) {
                if (!t.isNumber(k)) return error("expected numbers after ':' in a version 1.1 line");
            }
            switch (values) {
                case 2 -> { limit = t.number(i + 1); batch = t.number(i + 2); }
                case 5 -> stats = t.numbers(i + 1, 5);
                case 4 -> cpu = t.numbers(i + 1, 4);
                default -> {
                    if (end == t.count && values < 5) { rowIncomplete = true; return error("section ends early"); }
                    return error("expected 2 (limit batchcount), 4 (cpustat) or 5 (statistics) values after ':', found " + values);
                }
            }
            i = end;
        }
        long objperslab = numSlabs == 0 ? 0 : num / numSlabs;
        SlabDebugStats debug = null;
        if (stats != null || cpu != null) {
            long na = SlabDebugStats.NOT_REPORTED;
            debug = new SlabDebugStats(
                    stats == null ? na : stats[1], stats == null ? na : stats[0], stats == null ? na : stats[2],
                    stats == null ? na : stats[3], stats == null ? na : stats[4], na, na, na, na, na,
                    cpu == null ? na : cpu[0], cpu == null ? na : cpu[1], cpu == null ? na : cpu[2], cpu == null ? na : cpu[3]);
        }
        return new CacheStats(name, active, num, objsize, objperslab, pages, limit, batch, 0,
                activeSlabs, numSlabs, 0, true, debug);
    }

    /** globalstat has 7 values in 2.0 (… maxfreeable freelimit), 8 in early 2.1, 9 since alienoverflow was added. */
    private static SlabDebugStats debugStats(long[] g, long[] c, boolean v20) {
        long na = SlabDebugStats.NOT_REPORTED;
        long[] gs = new long[9];
        java.util.Arrays.fill(gs, na);
        long freelimit = na;
        if (g != null) {
            if (v20 || g.length == 7) {
                System.arraycopy(g, 0, gs, 0, 6);
                freelimit = g[6];
            } else {
                System.arraycopy(g, 0, gs, 0, g.length);
            }
        }
        return new SlabDebugStats(gs[0], gs[1], gs[2], gs[3], gs[4], gs[5], gs[6], gs[7], gs[8], freelimit,
                c == null ? na : c[0], c == null ? na : c[1], c == null ? na : c[2], c == null ? na : c[3]);
    }

    private CacheStats sectionError(String keyword, int expected, int found, boolean last, String columns) {
        if (last && found < expected) {
            rowIncomplete = true;
            return error(keyword + " section ends after " + found + " of " + expected + " values");
        }
        return error(keyword + ": expected " + expected + " values (" + columns + "), found " + found);
    }

    private CacheStats error(String message) {
        rowError = message;
        return null;
    }

    private void noteOnce(String section, String message) {
        if (notedSections.add(section)) problems.note(source, lineNo, message);
    }

    /** Whitespace tokens of one line, as offsets into its bytes, numbers already parsed; reused from line to line. */
    private static final class Tokens {
        private static final long NOT_A_NUMBER = -1;
        private static final long MAX_UNSIGNED = -2; // 2^64-1 must not read as "not a number"

        int[] start = new int[64];
        int[] end = new int[64];
        long[] value = new long[64];
        int count;
        private byte[] b;

        void split(byte[] bytes, int from, int to) {
            b = bytes;
            // locals, not fields, in the loop: this is the hottest code of a long series
            int[] st = start, en = end;
            long[] val = value;
            int n = 0;
            int i = from;
            while (i < to) {
                while (i < to && bytes[i] <= ' ' && bytes[i] >= 0) i++;
                if (i >= to) break;
                int s = i;
                long v = 0;
                boolean digits = true;
                byte c;
                while (i < to && ((c = bytes[i]) > ' ' || c < 0)) {
                    int d = c - '0';
                    if (d >= 0 && d <= 9) v = v * 10 + d;
                    else digits = false;
                    i++;
                }
                if (n == st.length) {
                    count = n;
                    grow();
                    st = start;
                    en = end;
                    val = value;
                }
                st[n] = s;
                en[n] = i;
                val[n] = !digits ? NOT_A_NUMBER : i - s < 19 ? v : wide(s, i);
                n++;
            }
            count = n;
        }

        /** 19- and 20-digit counters (unsigned underflow in old kernels' statistics). */
        private long wide(int s, int e) {
            if (e - s > 20) return NOT_A_NUMBER;
            try {
                long v = Long.parseUnsignedLong(new String(b, s, e - s, StandardCharsets.ISO_8859_1));
                return v == -1 ? MAX_UNSIGNED : v;
            } catch (NumberFormatException x) {
                return NOT_A_NUMBER;
            }
        }

        private void grow() {
            start = Arrays.copyOf(start, count * 2);
            end = Arrays.copyOf(end, count * 2);
            value = Arrays.copyOf(value, count * 2);
        }

        boolean isNumber(int k) {
            return value[k] != NOT_A_NUMBER;
        }

        long number(int k) {
            return value[k] == MAX_UNSIGNED ? -1 : value[k];
        }

        long[] numbers(int from, int n) {
            long[] r = new long[n];
            for (int k = 0; k < n; k++) r[k] = number(from + k);
            return r;
        }

        boolean isSeparator(int k) {
            return end[k] - start[k] == 1 && b[start[k]] == ':';
        }

        int firstSeparator() {
            for (int k = 0; k < count; k++) if (isSeparator(k)) return k;
            return count;
        }

        String text(int k) {
            return new String(b, start[k], end[k] - start[k], StandardCharsets.UTF_8);
        }

        /** The section name between ':' and its values; the kernel's own names come back without allocating. */
        String keyword(int from, int to) {
            if (from >= to) return "";
            if (to - from == 1) {
                for (String known : KNOWN_SECTIONS) if (is(from, known)) return known;
            }
            return new String(b, start[from], end[to - 1] - start[from], StandardCharsets.UTF_8).replaceAll("\\s+", " ");
        }

        private boolean is(int k, String word) {
            if (end[k] - start[k] != word.length()) return false;
            for (int i = 0; i < word.length(); i++) if (b[start[k] + i] != word.charAt(i)) return false;
            return true;
        }
    }
}
