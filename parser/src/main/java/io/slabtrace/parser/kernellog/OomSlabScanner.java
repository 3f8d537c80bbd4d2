package io.slabtrace.parser.kernellog;

import io.slabtrace.model.log.KernelReport.Detector;
import io.slabtrace.model.log.KernelReport.Kind;
import io.slabtrace.model.log.KernelReport;
import io.slabtrace.model.log.OomRow;
import io.slabtrace.parser.Decimal;

import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OOM killer's slab table ({@code mm/slab_common.c dump_unreclaimable_slab}, called from {@code dump_header} in
 * mm/oom_kill.c when unreclaimable slab exceeds user memory):
 * <pre>
 * Unreclaimable slab info:
 * Name                      Used          Total
 * kmalloc-2048           59164KB      59164KB
 * </pre>
 * and from the Mem-Info block before it ({@code show_free_areas}, mm/show_mem.c) {@code slab_reclaimable:},
 * {@code slab_unreclaimable:} and {@code N pages RAM}, to tell what share of memory slab holds.
 */
final class OomSlabScanner {
    private static final Pattern TABLE = Pattern.compile("Unreclaimable slab info:");
    private static final Pattern HEADER = Pattern.compile("Name\\s+Used\\s+Total");
    private static final Pattern ROW = Pattern.compile("(\\S{1,100})\\s+(\\d{1,15})KB\\s+(\\d{1,15})KB");
    private static final Pattern INVOKED = Pattern.compile("invoked oom-killer");
    private static final Pattern SLAB_PAGES = Pattern.compile("\\bslab_(reclaimable|unreclaimable):(\\d{1,15})");
    private static final Pattern RAM = Pattern.compile("^(\\d{1,15}) pages RAM");
    /** How far before the table the OOM header may be: a Mem-Info block and task list run to a few hundred lines. */
    private static final int LOOK_BACK = 400;
    private static final int MAX_ROWS = 4000;

    private OomSlabScanner() {
    }

    static void scan(List<KernelLogLine> lines, BitSet used, List<KernelReport> out) {
        for (int i = 0; i < lines.size(); i++) {
            if (used.get(i) || !TABLE.matcher(lines.get(i).text()).find()) continue;
            int start = i;
            for (int k = i - 1; k >= Math.max(0, i - LOOK_BACK) && !used.get(k); k--) {
                if (INVOKED.matcher(lines.get(k).text()).find()) {
                    start = k;
                    break;
                }
            }
            FactsBuilder f = new FactsBuilder();
            for (int k = start; k < i; k++) {
                String s = lines.get(k).text().strip();
                Matcher m = SLAB_PAGES.matcher(s);
                while (m.find()) {
                    if (m.group(1).equals("reclaimable")) f.slabReclaimable = Decimal.boxedLong(m.group(2));
                    else f.slabUnreclaimable = Decimal.boxedLong(m.group(2));
                }
                if ((m = RAM.matcher(s)).find()) f.ramPages = Decimal.boxedLong(m.group(1));
            }
            int end = i + 1;
            int misses = 0;
            while (end < lines.size() && f.oom.size() < MAX_ROWS && !used.get(end)) {
                String s = lines.get(end).text().strip();
                Matcher m = ROW.matcher(s);
                if (m.matches()) {
                    f.oom.add(new OomRow(m.group(1), Decimal.orZero(m.group(2)), Decimal.orZero(m.group(3))));
                    misses = 0;
                } else if (HEADER.matcher(s).matches() || s.equals("...") || s.isEmpty()) {
                    misses++; // the header, an elision or a blank line before the rows
                    if (misses > 3 || !f.oom.isEmpty() && !s.equals("...")) break;
                } else {
                    break;
                }
                end++;
            }
            f.oom.sort(Comparator.comparingLong(OomRow::usedKb).reversed());
            String cache = f.oom.isEmpty() ? null : f.oom.get(0).name();
            f.function = null;
            f.release = Blocks.release(Blocks.text(lines, start, i));
            out.add(Blocks.report(Kind.OOM_SLAB, Detector.OOM, cache, "OOM: unreclaimable slab, " + f.oom.size() + " caches listed",
                    lines, start, end, used, f.build()));
            i = end - 1;
        }
    }
}
