package io.slabtrace.replay.kernellog;

import io.slabtrace.model.layout.Machine;
import io.slabtrace.model.log.KernelReport;
import io.slabtrace.model.log.ReportFacts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The kernel's reports as findings: identical ones (a burst of allocation failures, kmemleak's records with one
 * backtrace, a warning repeated) become one finding with a count, first and last time; each is explained.
 */
final class ReportFindings {
    private ReportFindings() {
    }

    /** What makes two reports the same: kind, cache, where, how, and for leaks the allocating stack. */
    private record Key(KernelReport.Kind kind, KernelReport.Detector detector, String cache, String function, Long size, Long offset,
                       String access, Integer accessSize, String gfp, String otherCache, List<String> stack) {
        static Key of(KernelReport r) {
            ReportFacts f = r.facts();
            List<String> stack = r.kind() == KernelReport.Kind.LEAK && f.allocStack() != null
                    ? f.allocStack().frames().stream().map(ReportFindings::bare).toList() : List.of();
            String gfp = f.gfp() == null ? null : f.gfp().replaceFirst("\\(.*", "");
            return new Key(r.kind(), r.detector(), r.cache(), f.function(), f.objectSize(), r.kind() == KernelReport.Kind.LEAK ? null : f.offset(),
                    f.access(), f.accessSize(), gfp, f.otherCache(), stack);
        }
    }

    static List<DmesgFinding> of(List<KernelReport> reports, Machine m, String onlyCache) {
        Map<Key, DmesgFinding> byKey = new LinkedHashMap<>();
        Map<Key, KernelReport> firstReport = new LinkedHashMap<>();
        for (KernelReport r : reports) {
            if (onlyCache != null && r.cache() != null && !r.cache().equals(onlyCache)) continue;
            // an OOM table is a snapshot, never "the same" as another; the tool's other reports repeat
            Key k = r.kind() == KernelReport.Kind.OOM_SLAB ? new Key(r.kind(), r.detector(), r.cache(), String.valueOf(r.firstLine()),
                    null, null, null, null, null, null, List.of()) : Key.of(r);
            DmesgFinding seen = byKey.get(k);
            if (seen != null) {
                byKey.put(k, seen.again(r.time(), r.firstLine()));
                continue;
            }
            firstReport.put(k, r);
            byKey.put(k, new DmesgFinding(DmesgFinding.Kind.valueOf(r.kind().name()), r.cache(), r.time(), r.firstLine(), List.of(r.reason()),
                    r.lines(), r.detector().name().toLowerCase(Locale.ROOT), r.facts(), 1, r.time(), r.firstLine(), null));
        }
        List<DmesgFinding> out = new ArrayList<>();
        byKey.forEach((k, f) -> {
            KernelReport r = firstReport.get(k);
            ReportExplanation e = ReportExplainer.explain(r, m, r.time(), f.count());
            out.add(new DmesgFinding(f.kind(), f.cache(), f.time(), f.line(), f.args(), f.lines(), f.detector(), f.facts(), f.count(),
                    f.lastTime(), f.lastLine(), e));
        });
        return out;
    }

    /** A frame without its offset, so the same stack compares equal across builds of one line. */
    private static String bare(String frame) {
        int plus = frame.indexOf('+');
        return Objects.requireNonNullElse(plus > 0 ? frame.substring(0, plus) : frame, frame);
    }
}
