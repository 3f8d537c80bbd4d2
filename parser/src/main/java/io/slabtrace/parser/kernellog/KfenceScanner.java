package io.slabtrace.parser.kernellog;

import io.slabtrace.model.log.KernelReport.Detector;
import io.slabtrace.model.log.KernelReport.Kind;
import io.slabtrace.model.log.KernelReport;
import io.slabtrace.parser.Decimal;

import java.math.BigInteger;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * KFENCE's reports ({@code mm/kfence/report.c kfence_report_error} and {@code kfence_print_object}):
 * <pre>
 * BUG: KFENCE: use-after-free read in f+0xb3/0x143       (out-of-bounds read|write, invalid free, memory corruption)
 * Use-after-free read at 0xffffffffb673dfe0 (in kfence-#24):
 * Out-of-bounds read at 0x... (1B left of kfence-#17):   ("NB right of": N bytes from the object's start)
 * Corrupted memory at 0x... [ 0xac . . . ] (in kfence-#69):
 * kfence-#24: 0x...-0x..., size=32, cache=kmalloc-32     (before 5.12: "kfence-#24 [0x...-0x..., size=32, cache=kmalloc-32] allocated by task 507:")
 * allocated by task 507 on cpu 0 at 288.238587s:
 * freed by task 507 on cpu 0 at 288.238811s:
 * </pre>
 * With hashed pointers (no {@code no_hash_pointers}) the addresses are not comparable: no offset then, unless the
 * "left of"/"right of" wording gives it.
 */
final class KfenceScanner {
    private static final Pattern TITLE = Pattern.compile("BUG: KFENCE: ([a-z -]{3,40}?)(?: (read|write))? in (\\S{1,300})");
    private static final Pattern ADDRESS = Pattern.compile("(?:at|of) 0x([0-9a-f]{6,16})(?: \\[[^\\]]{0,200}\\])?(?: \\((?:(\\d{1,9})B (left|right) of|in) kfence-#\\d{1,9}\\))?:");
    private static final Pattern OBJECT = Pattern.compile("kfence-#\\d{1,9}:? \\[?0x([0-9a-f]{6,16})-0x([0-9a-f]{6,16}), size=(\\d{1,9}), cache=([^\\]\\s,]{1,100})");
    private static final Pattern STACK = Pattern.compile("(allocated|freed) by task (\\d{1,9})(?: on cpu (\\d{1,5}) at (\\d{1,10}\\.\\d{1,9})s)?:");
    private static final Pattern CORRUPTED = Pattern.compile("Corrupted memory at 0x[0-9a-f]{6,16} \\[ ?([^\\]]{0,120})\\]");
    private static final Pattern KNOWN = Pattern.compile(
            "(?:BUG: KFENCE|Use-after-free|Out-of-bounds|Invalid free|Invalid read|Invalid write|Corrupted memory|kfence-#|allocated by|freed by)");

    private KfenceScanner() {
    }

    static void scan(List<KernelLogLine> lines, BitSet used, List<KernelReport> out) {
        for (int i = 0; i < lines.size(); i++) {
            if (used.get(i)) continue;
            Matcher t = TITLE.matcher(lines.get(i).text());
            if (!t.find()) continue;
            int end = Blocks.end(lines, i, 300, used);
            out.add(read(lines, i, end, t));
            used.set(i, end);
            i = end - 1;
        }
    }

    private static KernelReport read(List<KernelLogLine> lines, int first, int end, Matcher t) {
        String bug = t.group(1).strip().toLowerCase(Locale.ROOT);
        FactsBuilder f = new FactsBuilder();
        f.access = t.group(2);
        f.function = Frames.name(t.group(3));
        Kind kind = bug.contains("use-after-free") ? Kind.USE_AFTER_FREE
                : bug.contains("out-of-bounds") ? Kind.OUT_OF_BOUNDS
                : bug.contains("invalid free") ? Kind.INVALID_FREE
                : bug.contains("corruption") ? Kind.MEMORY_CORRUPTION
                : Kind.OUT_OF_BOUNDS; // "invalid read/write": an access to the guard pages nearest no object
        String text = Blocks.text(lines, first, end);
        String cache = null;
        Matcher m;
        Long start = null, last = null;
        if ((m = OBJECT.matcher(text)).find()) {
            f.objectAddress = "0x" + m.group(1);
            f.objectSize = Decimal.boxedLong(m.group(3));
            cache = m.group(4);
            start = hex(m.group(1));
            last = hex(m.group(2));
        }
        if ((m = ADDRESS.matcher(text)).find()) {
            f.address = "0x" + m.group(1);
            if (m.group(2) != null) {
                long n = Decimal.orZero(m.group(2));
                // report.c: left prints meta->addr - address, right prints address - meta->addr
                f.offset = m.group(3).equals("left") ? -n : n;
            } else if (start != null && last != null && f.objectSize != null && last - start + 1 == f.objectSize) {
                // the object's first and last byte are size-1 apart only when the pointers are not hashed
                Long a = hex(m.group(1));
                if (a != null) f.offset = a - start;
            }
        }
        if ((m = CORRUPTED.matcher(text)).find()) {
            // one token per byte checked: "." intact, "0xac" or (hashed) "!" corrupted
            long bad = java.util.Arrays.stream(m.group(1).strip().split("\\s+")).filter(x -> !x.equals(".") && !x.isEmpty()).count();
            f.byteCount = (int) bad;
            if (f.byteCount <= 0) f.byteCount = null;
        }
        for (int k = first; k < end; k++) {
            Matcher s = STACK.matcher(lines.get(k).text());
            if (!s.find()) continue;
            var st = Blocks.stack(lines, k, end, null, Decimal.boxedInt(s.group(2)), s.group(3) == null ? null : Decimal.boxedInt(s.group(3)),
                    s.group(4) == null ? null : Double.valueOf(s.group(4)), null);
            if (s.group(1).equals("allocated")) f.alloc = f.alloc == null ? st : f.alloc;
            else f.free = f.free == null ? st : f.free;
        }
        if (f.free != null) f.freed = Boolean.TRUE;
        f.release = Blocks.release(text);
        f.dropped = Blocks.dropped(lines, first, end);
        f.unparsed = Blocks.unparsed(lines, first + 1, end, s -> KNOWN.matcher(s).lookingAt());
        return Blocks.report(kind, Detector.KFENCE, cache, "KFENCE: " + bug + (f.access != null ? " " + f.access : "")
                + (f.function != null ? " in " + f.function : ""), lines, first, end, new BitSet(), f.build());
    }

    private static Long hex(String s) {
        try {
            return new BigInteger(s, 16).longValue();
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
