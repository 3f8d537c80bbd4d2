package io.slabtrace.parser.kernellog;

import io.slabtrace.model.log.KernelReport.Detector;
import io.slabtrace.model.log.KernelReport.Kind;
import io.slabtrace.model.log.KernelReport;
import io.slabtrace.model.log.Stack;
import io.slabtrace.parser.Decimal;

import java.util.BitSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * kmemleak's records ({@code mm/kmemleak.c print_unreferenced}), one report per object:
 * <pre>
 * unreferenced object 0xffff88810fb12300 (size 256):      ("unreferenced object (percpu) 0x..." for per-CPU memory)
 *   comm "syz-executor399", pid 8472, jiffies 4294942333 (age 13.960s)
 *   hex dump (first 32 bytes):
 *   backtrace:                                             (6.6+: "backtrace (crc 552e6e51):", frames without addresses)
 *     [&lt;000000009fd00995&gt;] kmalloc_node include/linux/slab.h:575 [inline]
 * </pre>
 * syzkaller prints {@code BUG: memory leak} before each record; it belongs to the record.
 */
final class KmemleakScanner {
    private static final Pattern TITLE = Pattern.compile("unreferenced object (\\(percpu\\) )?0x([0-9a-f]{6,16}) \\(size (\\d{1,12})\\):");
    private static final Pattern COMM = Pattern.compile("comm \"([^\"]{0,64})\", pid (\\d{1,9}), jiffies \\d{1,20}(?: \\(age (\\d{1,9}\\.\\d{1,3})s\\))?");
    private static final Pattern KNOWN = Pattern.compile("(?:comm \"|hex dump|backtrace|(?:[0-9a-f]{2} ){1,16}|unreferenced object)");
    /** Lines that end a record: the next record, or the console resuming. */
    private static final int MAX = 80;

    private KmemleakScanner() {
    }

    static void scan(List<KernelLogLine> lines, BitSet used, List<KernelReport> out) {
        for (int i = 0; i < lines.size(); i++) {
            if (used.get(i)) continue;
            Matcher t = TITLE.matcher(lines.get(i).text());
            if (!t.find()) continue;
            int first = i > 0 && !used.get(i - 1) && lines.get(i - 1).text().strip().equals("BUG: memory leak") ? i - 1 : i;
            FactsBuilder f = new FactsBuilder();
            f.address = "0x" + t.group(2);
            f.objectAddress = f.address;
            f.offset = null;
            f.objectSize = Decimal.boxedLong(t.group(3));
            boolean percpu = t.group(1) != null;
            String task = null;
            Integer pid = null;
            int end = i + 1;
            Stack stack = null;
            while (end < lines.size() && end - i < MAX && !used.get(end)) {
                String s = lines.get(end).text().strip();
                Matcher m;
                if (TITLE.matcher(s).find() || s.equals("BUG: memory leak")) break;
                if ((m = COMM.matcher(s)).find()) {
                    task = m.group(1);
                    pid = Decimal.boxedInt(m.group(2));
                } else if (s.startsWith("backtrace")) {
                    stack = Blocks.stack(lines, end, Math.min(lines.size(), end + 40), task, pid, null, null, null);
                    end += 1 + stack.frames().size();
                    break;
                } else if (!KNOWN.matcher(s).lookingAt() && !s.isEmpty()) {
                    break; // console noise after a record that printed no backtrace
                }
                end++;
            }
            f.task = task;
            f.pid = pid;
            f.alloc = stack;
            f.function = stack == null ? null : stack.site();
            f.dropped = Blocks.dropped(lines, first, end);
            out.add(Blocks.report(Kind.LEAK, Detector.KMEMLEAK, null,
                    "kmemleak: unreferenced " + (percpu ? "per-CPU " : "") + "object of " + f.objectSize + " bytes", lines, first, end, used, f.build()));
            i = end - 1;
        }
    }
}
