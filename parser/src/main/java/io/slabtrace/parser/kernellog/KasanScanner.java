package io.slabtrace.parser.kernellog;

import io.slabtrace.model.log.KernelReport.Detector;
import io.slabtrace.model.log.KernelReport.Kind;
import io.slabtrace.model.log.KernelReport;
import io.slabtrace.parser.Decimal;

import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * KASAN's reports ({@code mm/kasan/report.c}: {@code print_error_description}, {@code print_address_description},
 * {@code describe_object_addr}), in every wording since the early "KASan" backports:
 * <pre>
 * BUG: KASAN: slab-use-after-free in f+0x2c/0x40            (6.x; syzbot prints an [inline] title first)
 * Read of size 1 at addr ffff888127660e08 by task wpa_supplicant/23758   (6.x: "Free of addr X by task" for frees)
 * Allocated by task 25666: / Freed by task 25666:
 * The buggy address belongs to the object at ffff888127660d38
 *  which belongs to the cache dentry of size 312
 * The buggy address is located 208 bytes inside of            (or "to the left of", "to the right of")
 *  freed 312-byte region [ffff888127660d38, ffff888127660e70)
 *
 * BUG: KASAN: use-after-free in f+0x5f/0xcc at addr ffff8800087f4f20     (4.4–4.13)
 * Read of size 8 by task udevd/440
 * Object at ffff8800087f4eb0, in cache vm_area_struct size: 184   (or "Object allocated with size 184 bytes.")
 * </pre>
 */
final class KasanScanner {
    private static final Pattern TITLE = Pattern.compile("BUG: KAS[Aa][Nn]: ([\\w -]{1,60}?) in (\\S{1,300})");
    private static final Pattern ACCESS = Pattern.compile("\\b(Read|Write) of size (\\d{1,9})(?: at addr (?:0x)?([0-9a-f]{6,16}))?(?: by task (\\S{1,200}))?");
    private static final Pattern FREE_OF = Pattern.compile("\\bFree of addr (?:0x)?([0-9a-f]{6,16})(?: by task (\\S{1,200}))?");
    private static final Pattern AT_ADDR = Pattern.compile("\\bat addr (?:0x)?([0-9a-f]{6,16})");
    private static final Pattern OBJECT = Pattern.compile(
            "belongs to the object at (?:0x)?([0-9a-f]{6,16}) which belongs to the cache (\\S{1,100}) of size (\\d{1,9})");
    private static final Pattern LOCATED = Pattern.compile(
            "located (\\d{1,9}) bytes? (inside|to the left|to the right) of (?:(freed|allocated) )?(\\d{1,9})-byte region");
    private static final Pattern OLD_OBJECT = Pattern.compile("Object at (?:0x)?([0-9a-f]{6,16}), in cache (\\S{1,100})(?: size: (\\d{1,9}))?");
    private static final Pattern OLD_SIZE = Pattern.compile("Object allocated with size (\\d{1,9}) bytes");
    /** The early KASan backports printed SLUB's tracking instead: "INFO: Object 0xffff8801f582d760 @offset=5984". */
    private static final Pattern STACK = Pattern.compile("(Allocated|Freed) by task (\\d{1,9}):");
    private static final Pattern OLD_STACK = Pattern.compile("(Allocated|Allocation|Freed|Deallocation):");
    private static final Pattern OLD_PID = Pattern.compile("PID = (\\d{1,9})");
    private static final Pattern KNOWN = Pattern.compile(
            "(?:BUG: KAS|Read of size|Write of size|Free of addr|at addr|Allocated|Freed|Allocation:|Deallocation:|The buggy address|"
                    + "which belongs to|located|\\S+-byte region|(?:freed|allocated) \\d+-byte|Object at|Object allocated|PID = |INFO: |"
                    + "Object |Redzone |Padding |Bytes b4 |The rest of|Call trace|page |[0-9a-f]+-byte region)");

    private KasanScanner() {
    }

    static void scan(List<KernelLogLine> lines, BitSet used, List<KernelReport> out) {
        for (int i = 0; i < lines.size(); i++) {
            if (used.get(i)) continue;
            Matcher t = TITLE.matcher(lines.get(i).text());
            if (!t.find()) continue;
            int title = i;
            // syzbot prints the title once per inlined frame: the last one names the function with its offset
            while (title + 1 < lines.size() && TITLE.matcher(lines.get(title + 1).text()).find()) title++;
            int end = Blocks.end(lines, title, 400, used);
            KernelReport r = read(lines, i, title, end);
            if (r != null) out.add(withUsed(r, used, i, end));
            i = end - 1;
        }
    }

    private static KernelReport withUsed(KernelReport r, BitSet used, int from, int to) {
        used.set(from, to);
        return r;
    }

    private static KernelReport read(List<KernelLogLine> lines, int first, int title, int end) {
        Matcher t = TITLE.matcher(lines.get(title).text());
        if (!t.find()) return null;
        String bug = t.group(1).strip().toLowerCase(Locale.ROOT);
        Kind kind = kind(bug);
        if (kind == null) return null; // null-ptr-deref, wild-memory-access, user-memory-access: no object involved
        FactsBuilder f = new FactsBuilder();
        f.function = Frames.name(t.group(2));
        String text = Blocks.text(lines, title, end);
        Matcher m;
        if ((m = ACCESS.matcher(text)).find()) {
            f.access = m.group(1).toLowerCase(Locale.ROOT);
            f.accessSize = Decimal.boxedInt(m.group(2));
            f.address = m.group(3);
            f.taskAndPid(m.group(4));
        } else if ((m = FREE_OF.matcher(text)).find()) {
            f.address = m.group(1);
            f.taskAndPid(m.group(2));
        }
        if (f.address == null && (m = AT_ADDR.matcher(text)).find()) f.address = m.group(1);
        if ((m = OBJECT.matcher(text)).find()) {
            f.objectAddress = m.group(1);
            f.objectSize = Decimal.boxedLong(m.group(3));
            String cache = m.group(2);
            if ((m = LOCATED.matcher(text)).find()) {
                long n = Decimal.orZero(m.group(1));
                long region = Decimal.orZero(m.group(4));
                f.regionSize = region;
                f.freed = "freed".equals(m.group(3)) ? Boolean.TRUE : null;
                f.offset = switch (m.group(2)) {
                    case "inside" -> n;
                    case "to the left" -> -n;
                    default -> region + n;
                };
            } else {
                f.offset = Blocks.diff(f.objectAddress, f.address);
            }
            return finish(lines, first, title, end, kind, bug, cache, f, text);
        }
        String cache = null;
        if ((m = OLD_OBJECT.matcher(text)).find()) {
            f.objectAddress = m.group(1);
            cache = m.group(2);
            if (m.group(3) != null) f.objectSize = Decimal.boxedLong(m.group(3));
            else if ((m = OLD_SIZE.matcher(text)).find()) f.objectSize = Decimal.boxedLong(m.group(1));
        } else if ((m = SlubFacts.OBJECT.matcher(text)).find()) {
            f.objectAddress = m.group(1);
            f.slabOffset = Decimal.boxedLong(m.group(2));
        }
        f.offset = Blocks.diff(f.objectAddress, f.address);
        return finish(lines, first, title, end, kind, bug, cache, f, text);
    }

    private static KernelReport finish(List<KernelLogLine> lines, int first, int title, int end, Kind kind, String bug, String cache,
                                       FactsBuilder f, String text) {
        for (int k = title; k < end; k++) {
            String s = lines.get(k).text().strip();
            Matcher m;
            if ((m = STACK.matcher(s)).lookingAt()) {
                var st = Blocks.stack(lines, k, end, null, Decimal.boxedInt(m.group(2)), null, null, null);
                if (m.group(1).equals("Allocated")) f.alloc = f.alloc == null ? st : f.alloc;
                else f.free = f.free == null ? st : f.free;
            } else if ((m = OLD_STACK.matcher(s)).matches()) {
                Integer pid = null;
                int header = k;
                if (k + 1 < end && (m = OLD_PID.matcher(lines.get(k + 1).text().strip())).matches()) {
                    pid = Decimal.boxedInt(m.group(1));
                    header = k + 1;
                }
                var st = Blocks.stack(lines, header, end, null, pid, null, null, null);
                if (s.startsWith("Alloc")) f.alloc = f.alloc == null ? st : f.alloc;
                else f.free = f.free == null ? st : f.free;
            } else if ((m = SlubFacts.TRACK.matcher(s)).lookingAt()) {
                SlubFacts.track(m, lines, k, end, f);
            }
        }
        if (f.freed == null && f.free != null && kind == Kind.USE_AFTER_FREE) f.freed = Boolean.TRUE;
        if (kind == Kind.DOUBLE_FREE && bug.contains("invalid")) {
            // "double-free or invalid-free": a free of the object's start that was freed before is a double free
            kind = f.offset != null && f.offset == 0 ? Kind.DOUBLE_FREE : Kind.INVALID_FREE;
        }
        f.release = Blocks.release(text);
        f.dropped = Blocks.dropped(lines, first, end);
        f.unparsed = Blocks.unparsed(lines, title + 1, end, s -> KNOWN.matcher(s).lookingAt());
        return Blocks.report(kind, Detector.KASAN, cache, "KASAN: " + bug + (f.function != null ? " in " + f.function : ""),
                lines, first, end, new BitSet(), f.build());
    }

    /** The bug type KASAN names ({@code get_bug_type} in mm/kasan/report_generic.c and its older wordings). */
    static Kind kind(String bug) {
        if (bug.contains("double-free")) return Kind.DOUBLE_FREE;
        if (bug.contains("invalid-free")) return Kind.INVALID_FREE;
        if (bug.contains("use-after-free") || bug.contains("use after free")) return Kind.USE_AFTER_FREE;
        if (bug.contains("out-of-bounds") || bug.contains("out of bounds")) return Kind.OUT_OF_BOUNDS;
        return null;
    }
}
