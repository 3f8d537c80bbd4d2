package io.slabtrace.parser.trace;

import io.slabtrace.model.trace.KmemEvent;
import io.slabtrace.parser.NameTable;
import io.slabtrace.parser.Swar;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads one kmem tracepoint line straight from its bytes: no String per line, one pass over the
 * fields, repeated symbols (call sites, cache names, GFP flags) interned from the bytes. A trace
 * is a few hundred thousand such lines read once, mostly before the JIT has compiled anything, so
 * the fewer bytecodes per line the better. Not thread-safe: one per worker, all interning into one table.
 */
final class KmemLine {
    /** The tracepoints of {@code include/trace/events/kmem.h}: no two names are of one length, which {@link #nameAt} relies on. */
    private static final byte[][] NAMES = bytes("kmem_cache_alloc_node", "kmem_cache_alloc", "kmem_cache_free", "kmalloc_node", "kmalloc", "kfree");
    static final KmemEvent.Kind[] KINDS = {KmemEvent.Kind.KMEM_CACHE_ALLOC, KmemEvent.Kind.KMEM_CACHE_ALLOC,
            KmemEvent.Kind.KMEM_CACHE_FREE, KmemEvent.Kind.KMALLOC, KmemEvent.Kind.KMALLOC, KmemEvent.Kind.KFREE};
    private static final int LONGEST_NAME = 21;
    private static final int[] BY_LENGTH = byLength();
    private static final byte[] PERF_PREFIX = ascii("kmem:");
    private static final Key PTR = new Key("ptr"), NAME = new Key("name"), NODE = new Key("node"), CALL_SITE = new Key("call_site"),
            BYTES_REQ = new Key("bytes_req"), GFP_FLAGS = new Key("gfp_flags"), ACCOUNTED = new Key("accounted"),
            BYTES_ALLOC = new Key("bytes_alloc");
    private static final byte[] TRUE = ascii("true"), ONE = ascii("(1)"), NULL = ascii("(null)"), NIL = ascii("(nil)");

    /**
     * A field name, compared eight bytes at a time: its first eight (zero-padded) as one long, then the rest. The
     * quick JIT compiles a byte-by-byte compare as a bounds-checked load per byte, and every line has seven keys.
     */
    private static final class Key {
        final byte[] bytes;
        final long head, mask, tail;

        Key(String name) {
            bytes = ascii(name);
            int n = Math.min(8, bytes.length);
            mask = n == 8 ? -1L : (1L << (8 * n)) - 1;
            head = word(bytes, 0, n);
            tail = bytes.length > 8 ? word(bytes, bytes.length - 8, 8) : 0;
        }

        private static long word(byte[] b, int from, int n) {
            long w = 0;
            for (int i = from + n - 1; i >= from; i--) w = w << 8 | (b[i] & 0xff);
            return w;
        }

        /** Whether {@code b[at, end)} is this key; bytes past {@code end} may be read for the compare, never used. */
        boolean at(byte[] b, int at, int end) {
            if (end - at != bytes.length) return false;
            if (at + 8 > b.length) return startsWith(b, at, end, bytes);
            if ((Swar.longAt(b, at) & mask) != head) return false;
            if (bytes.length <= 8) return true;
            if (Swar.longAt(b, end - 8) != tail) return false; // the last eight, which overlap the first up to 16 letters
            for (int i = 8; i < bytes.length - 8; i++) if (b[at + i] != bytes[i]) return false;
            return true;
        }
    }

    private final NameTable symbols;

    /** A reader of its own (not thread-safe) interning into {@code symbols}, which the workers of one read share. */
    KmemLine(NameTable symbols) {
        this.symbols = symbols;
    }

    /**
     * The event on {@code b[from, to)}, or null when the line is no kmem event or lacks the
     * tracepoint's {@code call_site=} and {@code ptr=}.
     */
    KmemEvent parse(byte[] b, int from, int to) {
        long event = event(b, from, to);
        if (event < 0) return null;
        int at = (int) (event >>> 8), k = (int) event & 0xff;
        int colon = at + NAMES[k].length;
        Fields f = line;
        f.clear();
        int i = tokens(b, colon + 1, to, f, true);
        if (i < to) rest(b, i, to, f);
        if (f.callSite == null || f.ptr == -1) return null;
        int end = stampEnd(b, from, at), start = end < 0 ? at : stampStart(b, from, end);
        double time = end < 0 || start == end ? Double.NaN : time(b, start, end);
        // the CPU is before the timestamp, whose digits hold no ']': the search for it starts there
        return new KmemEvent(KINDS[k], cpu(b, from, start), time, f.callSite, f.ptr, f.name, f.req, f.alloc, f.gfp, f.node, f.accounted);
    }

    /** What the key=value tokens of a line (or of its end) say, and which of them it said. */
    private static final class Fields {
        static final int CALL_SITE = 1, PTR = 2, NAME = 4, REQ = 8, ALLOC = 16, GFP = 32, NODE = 64, ACCOUNTED = 128;
        String callSite, name, gfp;
        long ptr, req, alloc;
        int node, set;
        Boolean accounted;

        void clear() {
            callSite = name = gfp = null;
            ptr = req = alloc = node = -1;
            accounted = null;
            set = 0;
        }

        /** What {@code later} said, over what this said: a key given twice counts as the line's last. */
        void override(Fields later) {
            int s = later.set;
            if ((s & CALL_SITE) != 0) callSite = later.callSite;
            if ((s & PTR) != 0) ptr = later.ptr;
            if ((s & NAME) != 0) name = later.name;
            if ((s & REQ) != 0) req = later.req;
            if ((s & ALLOC) != 0) alloc = later.alloc;
            if ((s & GFP) != 0) gfp = later.gfp;
            if ((s & NODE) != 0) node = later.node;
            if ((s & ACCOUNTED) != 0) accounted = later.accounted;
        }
    }

    /** This reader's line, read into again for each. */
    private final Fields line = new Fields();

    /**
     * The key=value tokens of {@code b[i, to)} into {@code f}; others ("[module]", "(sym+0x2c)", "(4096)" of
     * options/fields mode) are passed over. With {@code untilKnown}, stops after the token that makes the call
     * site and the pointer known, and returns where.
     */
    private int tokens(byte[] b, int i, int to, Fields f, boolean untilKnown) {
        while (i < to) {
            while (i < to && b[i] == ' ') i++;
            int key = i;
            while (i < to && b[i] != ' ' && b[i] != '=') i++;
            if (i == to || b[i] == ' ') continue;
            int keyLength = i - key, v = i + 1;
            if (keyLength == 3) while (v < to && b[v] == ' ') v++; // "ptr=          (null)" of old kernels
            int end = Swar.indexOf(b, v, to, (byte) ' ');
            switch (keyLength) {
                case 3 -> {
                    if (PTR.at(b, key, i)) {
                        f.ptr = hex(b, v, end);
                        f.set |= Fields.PTR;
                    }
                }
                case 4 -> {
                    if (NAME.at(b, key, i)) {
                        f.name = symbols.intern(b, v, end);
                        f.set |= Fields.NAME;
                    } else if (NODE.at(b, key, i)) {
                        f.node = (int) decimal(b, v, end);
                        f.set |= Fields.NODE;
                    }
                }
                case 9 -> {
                    if (CALL_SITE.at(b, key, i)) {
                        f.callSite = symbols.intern(b, v, end);
                        f.set |= Fields.CALL_SITE;
                    } else if (BYTES_REQ.at(b, key, i)) {
                        f.req = decimal(b, v, end);
                        f.set |= Fields.REQ;
                    } else if (GFP_FLAGS.at(b, key, i)) {
                        f.gfp = symbols.intern(b, v, end);
                        f.set |= Fields.GFP;
                    } else if (ACCOUNTED.at(b, key, i)) {
                        f.accounted = startsWith(b, v, end, TRUE) || startsWith(b, v, end, ONE)
                                || end - v == 1 && b[v] == '1'; // "true", "(1)" of fields mode, "1" of trace-cmd report -R
                        f.set |= Fields.ACCOUNTED;
                    }
                }
                case 11 -> {
                    if (BYTES_ALLOC.at(b, key, i)) {
                        f.alloc = decimal(b, v, end);
                        f.set |= Fields.ALLOC;
                    }
                }
                default -> { }
            }
            i = end;
            if (untilKnown && f.callSite != null && f.ptr != -1) return i;
        }
        return i;
    }

    /**
     * The rest of a line after its call site and pointer, read once per call site while it stays the same: a call site
     * allocates with the same flags, sizes and cache nearly every time, so the rest of most lines is the bytes read last
     * time from that call site (then a compare, not six fields read and three names looked up).
     */
    private void rest(byte[] b, int i, int to, Fields f) {
        int slot = f.callSite.hashCode() & (RESTS - 1), length = to - i;
        Rest r = rests[slot];
        if (r == null) rests[slot] = r = new Rest();
        if (r.length != length || !Arrays.equals(r.bytes, 0, length, b, i, to)) {
            // read again into the slot's own arrays: half the lines miss, and a new rest each time was 45 MB over the 137 MB trace
            if (r.bytes.length < length) r.bytes = new byte[Math.max(length, 2 * r.bytes.length)];
            System.arraycopy(b, i, r.bytes, 0, length);
            r.length = length;
            r.fields.clear();
            tokens(b, i, to, r.fields, false);
        }
        f.override(r.fields);
    }

    /** The rest of a line last read from one call site, and what it said. */
    private static final class Rest {
        byte[] bytes = new byte[128];
        int length = -1;
        final Fields fields = new Fields();
    }

    private static final int RESTS = 1 << 10;
    private final Rest[] rests = new Rest[RESTS];

    /**
     * Where the event name starts ({@code "kmalloc: "}, perf's {@code "kmem:kmalloc: "}, or first on the
     * line as trace-cmd prints it without task columns), or -1 for other lines.
     */
    static int eventAt(byte[] b, int from, int to) {
        long event = event(b, from, to);
        return event < 0 ? -1 : (int) (event >>> 8);
    }

    /** As {@link #eventAt}, with which tracepoint it is: {@code at << 8 | k}, k an index of {@link #NAMES}; -1 for other lines. */
    private static long event(byte[] b, int from, int to) {
        int lead = from;
        while (lead < to && b[lead] == ' ') lead++;
        int k = nameAt(b, lead, to);
        if (k >= 0) return (long) lead << 8 | k;
        for (int i = Swar.indexOf(b, lead, to, (byte) ':'); i + 2 < to; i = Swar.indexOf(b, i + 1, to, (byte) ':')) {
            if (b[i + 1] != ' ') continue;
            int s = i + 2;
            while (s < to && b[s] == ' ') s++; // perf script right-aligns the event name: "308.688609:          kmem:kmalloc:"
            if (s == to || b[s] != 'k') continue;
            if (startsWith(b, s, to, PERF_PREFIX)) s += PERF_PREFIX.length;
            k = nameAt(b, s, to);
            if (k >= 0) return (long) s << 8 | k;
        }
        return -1;
    }

    /** Which of {@link #NAMES} starts at {@code s}, followed by its colon; -1 for none. Their lengths differ: one compare. */
    static int nameAt(byte[] b, int s, int to) {
        if (s >= to || b[s] != 'k') return -1;
        int limit = Math.min(to, s + LONGEST_NAME + 1);
        int colon = Swar.indexOf(b, s + 1, limit, (byte) ':');
        int k = colon - s < BY_LENGTH.length ? BY_LENGTH[colon - s] : -1;
        return k >= 0 && colon < limit && NAME_WORDS[k].at(b, s, colon) ? k : -1;
    }

    /** {@link #NAMES} as {@link Key}s: a name is compared eight bytes at a time, once its length has said which it can be. */
    private static final Key[] NAME_WORDS = keys(NAMES);

    private static Key[] keys(byte[][] names) {
        Key[] k = new Key[names.length];
        for (int i = 0; i < names.length; i++) k[i] = new Key(new String(names[i], StandardCharsets.ISO_8859_1));
        return k;
    }

    /** {@code [001]} before {@code at}: ftrace, trace-cmd and perf all print the CPU that way; -1 when absent. */
    private static int cpu(byte[] b, int from, int at) {
        for (int close = at - 1; close > from; close--) {
            if (b[close] != ']') continue;
            int open = close - 1;
            while (open >= from && b[open] != '[') open--;
            if (open < from) return -1;
            int v = 0, digits = 0;
            for (int i = open + 1; i < close && digits >= 0; i++) {
                byte c = b[i];
                if (c >= '0' && c <= '9') {
                    v = v * 10 + (c - '0');
                    digits++;
                } else if (c != ' ') {
                    digits = -1;
                }
            }
            if (digits > 0) return v;
            close = open;
        }
        return -1;
    }

    /** Where the timestamp right before the event ends ({@code 1475.413488: kmalloc:}, or before perf's {@code kmem:}): its colon; -1 when there is none. */
    private static int stampEnd(byte[] b, int from, int at) {
        int end = at - 1;
        if (end - PERF_PREFIX.length >= from && startsWith(b, at - PERF_PREFIX.length, at, PERF_PREFIX)) end = at - PERF_PREFIX.length - 1;
        while (end >= from && b[end] == ' ') end--;
        return end >= from && b[end] == ':' ? end : -1;
    }

    /** Where the digits and dots before the timestamp's colon at {@code end} start. */
    private static int stampStart(byte[] b, int from, int end) {
        int start = end;
        while (start > from && (b[start - 1] >= '0' && b[start - 1] <= '9' || b[start - 1] == '.')) start--;
        return start;
    }

    /** The time of the digits and dots {@code b[start, end)}: the seconds, then the fraction after the first dot (later dots are passed over). */
    private static double time(byte[] b, int start, int end) {
        long whole = 0, frac = 0, scale = 1;
        int i = start;
        for (byte c; i < end && (c = b[i]) != '.'; i++) whole = whole * 10 + (c - '0');
        for (byte c; ++i < end; ) {
            if ((c = b[i]) == '.') continue;
            frac = frac * 10 + (c - '0');
            scale *= 10;
        }
        return whole + (double) frac / scale;
    }

    /** A pointer: hex with or without 0x; 0 for "(null)" and "(nil)" (how printk's %p and trace-cmd print NULL); -1 when it is not one. */
    private static long hex(byte[] b, int from, int to) {
        if (to - from == 16) { // how ftrace prints every pointer: sixteen digits, read eight at a time
            long high = hex8(Swar.longAt(b, from)), low = hex8(Swar.longAt(b, from + 8));
            if ((high | low) >= 0) return high << 32 | low;
        }
        if (startsWith(b, from, to, NULL) || startsWith(b, from, to, NIL)) return 0;
        if (to - from > 2 && b[from] == '0' && b[from + 1] == 'x') from += 2;
        if (from >= to || to - from > 16) return -1;
        long v = 0;
        for (int i = from; i < to; i++) {
            int c = b[i], d;
            if (c >= '0' && c <= '9') d = c - '0';
            else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f') d = (c | 0x20) - 'a' + 10; // not Character.digit: several calls deep before the JIT inlines them
            else return -1;
            v = v << 4 | d;
        }
        return v;
    }

    private static final long ONES = 0x0101010101010101L, HIGHS = 0x8080808080808080L;

    /**
     * Eight ASCII hex digits, the first in the lowest byte (as {@link Swar#longAt} reads them), as their value; -1 when
     * one byte is no hex digit. The quick JIT compiles the loop of {@link #hex} as a dozen branches a digit.
     */
    static long hex8(long x) {
        if ((x & HIGHS) != 0) return -1;
        if ((within(x, '0', '9') | within(x | 0x2020202020202020L, 'a', 'f')) != HIGHS) return -1;
        long n = (x & 0x0f0f0f0f0f0f0f0fL) + 9 * ((x >>> 6) & ONES); // '0'-'9' have bit 6 clear, letters set: 0-15 a byte
        n = ((n << 4) | (n >>> 8)) & 0x00ff00ff00ff00ffL;             // two digits a byte
        n = ((n << 8) | (n >>> 16)) & 0x0000ffff0000ffffL;            // four a short
        return ((n << 16) | (n >>> 32)) & 0xffffffffL;
    }

    /** The high bit of each byte of {@code x} (all below 0x80) that lies in {@code [lo, hi]}. */
    private static long within(long x, int lo, int hi) {
        return (x + (0x80 - lo) * ONES) & ~(x + (0x7f - hi) * ONES) & HIGHS;
    }

    /** A decimal (negative allowed: node=-1); "0x..." values of options/fields mode as hex. */
    private static long decimal(byte[] b, int from, int to) {
        if (to - from > 2 && b[from] == '0' && b[from + 1] == 'x') return hex(b, from, to);
        boolean neg = from < to && b[from] == '-';
        long v = 0;
        for (int i = neg ? from + 1 : from; i < to; i++) {
            byte c = b[i];
            if (c < '0' || c > '9') break;
            v = v * 10 + (c - '0');
        }
        return neg ? -v : v;
    }

    /** Whether {@code b[at, to)} starts with {@code prefix}; never looks past {@code to}: a refilled buffer holds stale bytes there. */
    private static boolean startsWith(byte[] b, int at, int to, byte[] prefix) {
        if (to - at < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) if (b[at + i] != prefix[i]) return false;
        return true;
    }

    /** The tracepoint's name, for messages. */
    static String tracepoint(int k) {
        return new String(NAMES[k], StandardCharsets.ISO_8859_1);
    }

    /** Index of {@link #NAMES} by name length, -1 where none has that length. */
    private static int[] byLength() {
        int[] k = new int[LONGEST_NAME + 1];
        java.util.Arrays.fill(k, -1);
        for (int i = 0; i < NAMES.length; i++) {
            if (k[NAMES[i].length] != -1) throw new AssertionError("two tracepoint names of one length");
            k[NAMES[i].length] = i;
        }
        return k;
    }

    private static byte[][] bytes(String... words) {
        byte[][] out = new byte[words.length][];
        for (int i = 0; i < words.length; i++) out[i] = ascii(words[i]);
        return out;
    }

    private static byte[] ascii(String word) {
        return word.getBytes(StandardCharsets.ISO_8859_1);
    }
}
