package io.slabtrace.parser.kernellog;

import io.slabtrace.model.log.KernelReport;
import io.slabtrace.model.log.ReportFacts;
import io.slabtrace.parser.Decimal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Allocation failures: SLUB's notice ({@code mm/slub.c slab_out_of_memory}: "SLUB: Unable to allocate memory on node -1,
 * gfp=0x820(GFP_ATOMIC)", then "cache: NAME, object size: N, buffer size: N, default order: N, min order: N"; 3.x printed
 * "(gfp=0x20)") and the page allocator's {@code warn_alloc} header when it came from growing a slab. When both describe the
 * same failure — one right after the other — they are one report.
 */
final class AllocFailures {
    private static final Pattern GFP = Pattern.compile("gfp=(0x[0-9a-f]{1,16}(?:\\([^)]{0,300}\\))?)");
    private static final Pattern NODE = Pattern.compile("on node (-?\\d{1,4})");
    private static final Pattern CACHE = Pattern.compile("cache: ([^,\\s]{1,100}), object size: (\\d{1,12}), buffer size: (\\d{1,12})(?:, default order: (\\d{1,2}))?");
    private static final Pattern MODE = Pattern.compile("page allocation failure: order:(\\d{1,2}), mode:(0x[0-9a-f]{1,16}(?:\\([^)]{0,300}\\))?)");
    /** Lines between the two halves of one failure. */
    private static final int ADJACENT = 2;

    private AllocFailures() {
    }

    static ReportFacts notice(String text) {
        FactsBuilder f = new FactsBuilder();
        Matcher m;
        if ((m = GFP.matcher(text)).find()) f.gfp = m.group(1);
        if ((m = NODE.matcher(text)).find()) f.node = Decimal.boxedInt(m.group(1));
        if ((m = CACHE.matcher(text)).find()) {
            f.objectSize = Decimal.boxedLong(m.group(2));
            f.bufferSize = Decimal.boxedLong(m.group(3));
            if (m.group(4) != null) f.order = Decimal.boxedInt(m.group(4));
        }
        return f.build();
    }

    static ReportFacts pageFailure(String header, String site) {
        FactsBuilder f = new FactsBuilder();
        Matcher m = MODE.matcher(header);
        if (m.find()) {
            f.order = Decimal.boxedInt(m.group(1));
            f.gfp = m.group(2);
        }
        f.function = site;
        f.release = Blocks.release(header);
        return f.build();
    }

    /** A SLUB notice and a slab-growing page-allocation failure next to each other become one report. */
    static List<KernelReport> merge(List<KernelReport> in) {
        List<KernelReport> out = new ArrayList<>();
        for (KernelReport r : in) {
            KernelReport prev = out.isEmpty() ? null : out.get(out.size() - 1);
            if (prev != null && prev.kind() == KernelReport.Kind.ALLOC_FAILURE && r.kind() == KernelReport.Kind.ALLOC_FAILURE
                    && r.firstLine() - (prev.firstLine() + prev.lines().size()) <= ADJACENT && (notice(prev) != notice(r))) {
                KernelReport n = notice(prev) ? prev : r;
                KernelReport p = notice(prev) ? r : prev;
                ReportFacts a = n.facts(), b = p.facts();
                ReportFacts facts = new ReportFacts(a.objectSize(), null, null, null, null, null, null, null, b.function(), null, null,
                        null, null, null, null, null, null, b.gfp() != null ? b.gfp() : a.gfp(), b.order() != null ? b.order() : a.order(),
                        a.node(), a.bufferSize(), null, b.release(), List.of(), null, null, null, 0, a.dropped() + b.dropped());
                List<String> lines = new ArrayList<>(prev.lines());
                lines.addAll(r.lines());
                out.set(out.size() - 1, new KernelReport(n.kind(), n.detector(), n.cache(), n.reason() + "; " + p.reason(), prev.firstLine(),
                        prev.time(), lines, facts));
                continue;
            }
            out.add(r);
        }
        return out;
    }

    private static boolean notice(KernelReport r) {
        return r.cache() != null && r.reason().contains("nable to allocate");
    }
}
