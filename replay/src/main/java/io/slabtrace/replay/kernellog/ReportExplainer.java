package io.slabtrace.replay.kernellog;

import io.slabtrace.model.layout.Machine;
import io.slabtrace.model.log.KernelReport;
import io.slabtrace.model.log.LogTime;
import io.slabtrace.model.log.OomRow;
import io.slabtrace.model.log.ReportFacts;

import java.util.List;
import java.util.regex.Pattern;

/** Explains a kernel report through the layout model: the slot, the kmalloc classes, a leak's bytes, an OOM table's shape. */
final class ReportExplainer {
    /** A backtrace through one of these allocated with kmalloc, so the size names the cache. */
    private static final Pattern KMALLOC_CALL = Pattern.compile("_{0,2}(?:kmalloc|kzalloc|kcalloc|kvmalloc|kvzalloc|krealloc|kmemdup|kstrn?dup|sock_kmalloc)\\w*");

    private ReportExplainer() {
    }

    static ReportExplanation explain(KernelReport r, Machine m, LogTime at, int count) {
        ReportFacts f = r.facts();
        return switch (r.kind()) {
            case LEAK -> leak(r, count);
            case OOM_SLAB -> oom(f);
            case ALLOC_FAILURE, WRONG_CACHE, STILL_HAS_OBJECTS, SLAB_ERROR -> new ReportExplanation(null, requests(r), null, null, null, false,
                    null, List.of(), null, false, null);
            default -> {
                Double freedBefore = null;
                if (f.freeStack() != null && f.freeStack().at() != null && at.uptime() != null) freedBefore = at.uptime() - f.freeStack().at();
                yield new ReportExplanation(SlotExplainer.place(r, m), requests(r), freedBefore, null, null, false, null, List.of(), null, false, null);
            }
        };
    }

    private static KmallocSizes.Range requests(KernelReport r) {
        Long named = KmallocSizes.sizeOf(r.cache());
        return named == null ? null : KmallocSizes.requests(named);
    }

    private static ReportExplanation leak(KernelReport r, int count) {
        ReportFacts f = r.facts();
        boolean perCpu = r.reason().contains("per-CPU");
        boolean viaKmalloc = f.allocStack() != null && f.allocStack().frames().stream().anyMatch(x -> KMALLOC_CALL.matcher(name(x)).matches());
        String cache = !perCpu && viaKmalloc && f.objectSize() != null ? KmallocSizes.cacheFor(f.objectSize()) : null;
        Long bytes = f.objectSize() == null ? null : f.objectSize() * count;
        return new ReportExplanation(null, null, null, bytes, cache, perCpu, null, List.of(), null, false, null);
    }

    private static ReportExplanation oom(ReportFacts f) {
        List<OomRow> rows = f.oomTable();
        long total = rows.stream().mapToLong(OomRow::usedKb).sum();
        Double share = rows.isEmpty() || total == 0 ? null : rows.get(0).usedKb() / (double) total;
        Double ofRam = f.slabUnreclaimablePages() != null && f.ramPages() != null && f.ramPages() > 0
                ? f.slabUnreclaimablePages() / (double) f.ramPages() : null;
        // one row is all the table shows when the poster cut it: "dominates" needs others to compare with
        boolean dominant = share != null && share >= 0.5 && rows.size() > 1;
        return new ReportExplanation(null, null, null, null, null, false, total, rows.subList(0, Math.min(5, rows.size())), share, dominant, ofRam);
    }

    private static String name(String frame) {
        int plus = frame.indexOf('+');
        String n = plus > 0 ? frame.substring(0, plus) : frame;
        int dot = n.indexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}
