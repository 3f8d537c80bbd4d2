package io.slabtrace.parser.kernellog;

import io.slabtrace.model.log.ReportFacts;
import io.slabtrace.model.log.Stack;
import io.slabtrace.parser.Decimal;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The facts of a SLUB debug report ({@code mm/slub.c check_bytes_and_report}, {@code print_tracking},
 * {@code print_trailer}):
 * <pre>
 * INFO: 0xffff880008ca2e54-0xffff880008ca2e57. First byte 0x6c instead of 0x6b   (5.x+: "... @offset=368. First byte")
 * INFO: Allocated in f+0x268/0x11d2 age=281 cpu=0 pid=1          (tracking frames follow since 4.x stackdepot)
 * INFO: Object 0xffff880008ca2e48 @offset=3656 fp=0x...
 * </pre>
 * The offset of the first bad byte from the object: the two {@code @offset=} values when printed (they survive pointer
 * hashing), else the two addresses.
 */
final class SlubFacts {
    // "INFO: " opens these lines up to 5.13; since 5.14 (mm/slub.c print_trailer, check_bytes_and_report) it is gone
    private static final Pattern FIRST = Pattern.compile(
            "(?:INFO: )?(?:0x)?([0-9a-f]{6,16})-(?:0x)?([0-9a-f]{6,16})(?: @offset=(\\d{1,9}))?\\.? First byte (0x[0-9a-f]{1,2}) instead of (0x[0-9a-f]{1,2})");
    static final Pattern OBJECT = Pattern.compile("(?:INFO: )?Object (?:0x)?([0-9a-f]{6,16}) @offset=(\\d{1,9})");
    /** A tracked allocation or free; a module's function carries its name: {@code f+0xb6/0x170 [natflow] age=3}. */
    static final Pattern TRACK = Pattern.compile(
            "(?:INFO: )?(Allocated|Freed) in (\\S{1,200})(?: \\[[\\w-]{1,64}\\])? age=(\\d{1,19}) cpu=(\\d{1,5}) pid=(\\d{1,9})");

    private SlubFacts() {
    }

    static ReportFacts read(List<KernelLogLine> lines, int from, int to) {
        FactsBuilder f = new FactsBuilder();
        String text = Blocks.text(lines, from, to);
        Matcher m;
        Long firstOffset = null;
        if ((m = FIRST.matcher(text)).find()) {
            f.address = m.group(1);
            Long span = Blocks.diff(m.group(1), m.group(2));
            // hashed pointers are not ordered: a span that is negative or huge says nothing
            if (span != null && span >= 0 && span < (1 << 20)) f.byteCount = (int) (span + 1);
            if (m.group(3) != null) firstOffset = Decimal.boxedLong(m.group(3));
            f.firstByte = m.group(4);
            f.expected = m.group(5);
        }
        if ((m = OBJECT.matcher(text)).find()) {
            f.objectAddress = m.group(1);
            f.slabOffset = Decimal.boxedLong(m.group(2));
            if (firstOffset != null) f.offset = firstOffset - f.slabOffset;
            else if (f.address != null) f.offset = Blocks.diff(f.objectAddress, f.address);
        }
        for (int k = from; k < to; k++) {
            Matcher t = TRACK.matcher(lines.get(k).text());
            if (t.find()) track(t, lines, k, to, f);
        }
        if (f.free != null) f.freed = Boolean.TRUE;
        f.function = Blocks.callSite(lines, from, to);
        f.release = Blocks.release(text);
        f.dropped = Blocks.dropped(lines, from, to);
        return f.build();
    }

    /** A {@link #TRACK} line and the frames under it, as the allocation or the free; its own function when no frame follows. */
    static void track(Matcher t, List<KernelLogLine> lines, int k, int to, FactsBuilder f) {
        Stack s = Blocks.stack(lines, k, to, null, Decimal.boxedInt(t.group(5)), Decimal.boxedInt(t.group(4)), null, Decimal.boxedLong(t.group(3)));
        if (s.site() == null) s = new Stack(null, s.pid(), s.cpu(), null, s.ageJiffies(), Frames.name(t.group(2)), s.frames());
        if (t.group(1).equals("Allocated")) f.alloc = s;
        else f.free = s;
    }
}
