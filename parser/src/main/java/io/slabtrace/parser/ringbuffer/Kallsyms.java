package io.slabtrace.parser.ringbuffer;

import java.nio.charset.StandardCharsets;

/**
 * Kernel addresses to {@code symbol+0xoffset}, from the text of {@code /proc/kallsyms}
 * ({@code ffffffff811d2a30 T __kmalloc_noprof}, module symbols with {@code [module]} after). Call sites
 * are printed as libtraceevent prints {@code %pS} for trace-cmd report ({@code getname_flags.part.0+0x24}):
 * the symbol at or below the address, if a higher one follows it; of several at one address, the first listed
 * (kernel/kallsyms.c {@code get_symbol_pos} picks the first alias too). Without a symbol: {@code 0xffffffff...}.
 * Holds the text and two arrays (address, name start) of one entry per symbol; names become Strings only
 * when printed. Immutable once parsed, so decoders on several threads may share it; each caches what it printed.
 */
public final class Kallsyms {
    private static final Kallsyms EMPTY = new Kallsyms(new byte[0], new long[0], new int[0]);

    private final byte[] text;
    private final long[] addr;    // sorted, unsigned order
    private final int[] name;     // start of each name in text; it ends at a space, tab or newline

    private Kallsyms(byte[] text, long[] addr, int[] name) {
        this.text = text;
        this.addr = addr;
        this.name = name;
    }

    public static Kallsyms empty() {
        return EMPTY;
    }

    /** The symbols of a {@code /proc/kallsyms} text; lines it cannot read are passed over, zero addresses (kptr_restrict) too. */
    public static Kallsyms parse(byte[] text) {
        int lines = 0;
        for (byte b : text) if (b == '\n') lines++;
        long[] a = new long[lines + 1];
        int[] n = new int[lines + 1];
        int count = 0;
        int i = 0;
        while (i < text.length) {
            int eol = i;
            while (eol < text.length && text[eol] != '\n') eol++;
            // "ADDR TYPE NAME [MODULE]"
            long v = 0;
            int j = i, digits = 0;
            for (; j < eol && digits <= 16; j++, digits++) {
                int c = text[j], d;
                if (c >= '0' && c <= '9') d = c - '0';
                else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f') d = (c | 0x20) - 'a' + 10;
                else break;
                v = v << 4 | d;
            }
            if (digits > 0 && digits <= 16 && j + 3 < eol && text[j] == ' ' && text[j + 2] == ' ' && v != 0) {
                a[count] = v;
                n[count] = j + 3;
                count++;
            }
            i = eol + 1;
        }
        long[] addr = new long[count];
        int[] name = new int[count];
        int[] order = stableOrder(a, count);
        for (int k = 0; k < count; k++) {
            addr[k] = a[order[k]];
            name[k] = n[order[k]];
        }
        return new Kallsyms(text, addr, name);
    }

    /** The address of the first symbol named {@code symbol}, or 0 when there is none. */
    public long address(String symbol) {
        byte[] want = symbol.getBytes(StandardCharsets.ISO_8859_1);
        for (int k = 0; k < addr.length; k++) {
            int start = name[k], end = start;
            while (end < text.length && text[end] != ' ' && text[end] != '\t' && text[end] != '\n') end++;
            if (end - start == want.length && java.util.Arrays.equals(text, start, end, want, 0, want.length)) return addr[k];
        }
        return 0;
    }

    /**
     * These symbols as they lay in another boot of the same kernel, whose {@code _text} was {@code delta} bytes higher
     * (KASLR moves the whole image: perf relocates kallsyms the same way, by its ref_reloc_sym).
     */
    public Kallsyms relocated(long delta) {
        long[] moved = new long[addr.length];
        for (int k = 0; k < addr.length; k++) moved[k] = addr[k] + delta;
        return new Kallsyms(text, moved, name);
    }

    public boolean isEmpty() {
        return addr.length == 0;
    }

    public int size() {
        return addr.length;
    }

    /** The call site as trace-cmd prints it, or {@code 0x...} hex when no symbol covers the address. */
    public String callSite(long address) {
        // the last symbol at or below the address...
        int lo = 0, hi = addr.length - 1, at = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(addr[mid], address) <= 0) {
                at = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (at < 0 || at == addr.length - 1) return hex(address); // ...that has a higher one after it (libtraceevent's func_bcmp)
        long base = addr[at];
        while (at > 0 && addr[at - 1] == base) at--; // the first listed of its aliases
        int start = name[at], end = start;
        while (end < text.length && text[end] != ' ' && text[end] != '\t' && text[end] != '\n') end++;
        return new String(text, start, end - start, StandardCharsets.ISO_8859_1) + "+0x" + Long.toHexString(address - base);
    }

    public static String hex(long address) {
        return "0x" + Long.toHexString(address);
    }

    /** Indices of {@code a[0, n)} in unsigned address order, equal addresses kept in file order (a merge sort). */
    private static int[] stableOrder(long[] a, int n) {
        int[] idx = new int[n], tmp = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        boolean sorted = true;
        for (int i = 1; i < n && sorted; i++) sorted = Long.compareUnsigned(a[i - 1], a[i]) <= 0;
        if (sorted) return idx;
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n), hi = Math.min(lo + 2 * width, n);
                int i = lo, j = mid, k = lo;
                while (i < mid && j < hi) tmp[k++] = Long.compareUnsigned(a[idx[j]], a[idx[i]]) < 0 ? idx[j++] : idx[i++];
                while (i < mid) tmp[k++] = idx[i++];
                while (j < hi) tmp[k++] = idx[j++];
            }
            int[] t = idx;
            idx = tmp;
            tmp = t;
        }
        return idx;
    }
}
