package io.slabtrace.parser.kernellog;

import io.slabtrace.model.log.KernelReport.Kind;
import io.slabtrace.model.log.KernelReport;
import io.slabtrace.model.log.ReportFacts;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the slab reports the kernel prints and keeps each whole block, marking its lines as used:
 * first the sanitizers' and kmemleak's, the OOM table and the wrong-cache warning (each its own reader),
 * then the allocator's own ({@code mm/slub.c} {@code slab_bug}/{@code slab_err},
 * {@code slab_out_of_memory}; {@code mm/slab.c} {@code slab_error}; {@code mm/slab_common.c}
 * {@code kmem_cache_destroy}; {@code warn_alloc} when growing a slab).
 */
final class ReportScanner {
    private static final Pattern DETAIL = Pattern.compile("\\[(?<what>[^\\]]+) overwritten\\].*");
    private static final Pattern BUG = Pattern.compile("BUG (?<cache>\\S+) \\((?<taint>[^)]*)\\): (?<reason>.+)");
    private static final Pattern FIX = Pattern.compile("FIX \\S+: .*");
    private static final Pattern STILL = Pattern.compile("kmem_cache_destroy (?<cache>\\S+): Slab cache still has objects.*");
    private static final Pattern SLUB_OOM = Pattern.compile("(?<who>SLUB|SLAB): Unable to allocate memory on (?:CPU \\d+ \\(of node -?\\d+\\) on )?node (?<node>-?\\d+).*");
    private static final Pattern OOM_DETAIL = Pattern.compile("\\s*(?:cache: (?<cache>[^,]+),.*|node \\d+: slabs: .*|\\S+ debugging increased min order.*)");
    private static final Pattern SLAB_ERROR = Pattern.compile("slab error in (?<fn>\\w+)\\(\\): cache `(?<cache>[^']+)': (?<msg>.+)");
    private static final Pattern SLAB_DOUBLE = Pattern.compile("slab: double free detected in cache '(?<cache>[^']+)'.*");
    private static final Pattern SLAB_CORRUPTION = Pattern.compile("Slab corruption \\([^)]*\\): (?<cache>\\S+) start=.*");
    private static final Pattern PAGE_FAIL = Pattern.compile("\\S+: page allocation failure: order:(?<order>\\d+).*");
    private static final Pattern SLAB_FRAME = Pattern.compile(".*\\b(?:new_slab|allocate_slab|___slab_alloc|__slab_alloc|cache_grow_begin|cache_alloc_refill|kmem_getpages|kmem_cache_alloc\\w*|__kmalloc\\w*)\\b.*");
    private static final Pattern END_TRACE = Pattern.compile(".*---\\[ end trace.*");
    private static final int MAX_BLOCK = 120;

    private ReportScanner() {
    }

    static List<KernelReport> scan(List<KernelLogLine> lines, BitSet used) {
        List<KernelReport> out = new ArrayList<>();
        KasanScanner.scan(lines, used, out);
        KfenceScanner.scan(lines, used, out);
        KmemleakScanner.scan(lines, used, out);
        OomSlabScanner.scan(lines, used, out);
        WrongCacheScanner.scan(lines, used, out);
        List<KernelReport> allocator = new ArrayList<>();
        scanAllocator(lines, used, allocator);
        out.addAll(AllocFailures.merge(allocator));
        out.sort(java.util.Comparator.comparingLong(KernelReport::firstLine));
        return out;
    }

    private static void scanAllocator(List<KernelLogLine> lines, BitSet used, List<KernelReport> out) {
        for (int i = 0; i < lines.size(); i++) {
            if (used.get(i)) continue;
            String t = lines.get(i).text().strip();
            Matcher m;
            if ((m = BUG.matcher(t)).matches()) {
                int start = i;
                String detail = null;
                // 6.12+ prints "[Right Redzone overwritten] ..." before the banner
                for (int b = i - 1; b >= Math.max(0, i - 3); b--) {
                    String prev = lines.get(b).text().strip();
                    if (Blocks.RULE.matcher(prev).matches()) start = b;
                    Matcher d = DETAIL.matcher(prev);
                    if (d.matches()) {
                        detail = d.group("what");
                        start = b;
                    }
                }
                int end = i + 1;
                while (end < lines.size() && end - i < MAX_BLOCK) {
                    String u = lines.get(end).text().strip();
                    if (Blocks.RULE.matcher(u).matches() || BUG.matcher(u).matches() || DETAIL.matcher(u).matches()) break;
                    end++;
                    if (FIX.matcher(u).matches()) {
                        while (end < lines.size() && FIX.matcher(lines.get(end).text().strip()).matches()) end++;
                        break;
                    }
                }
                String reason = m.group("reason").strip();
                out.add(Blocks.report(bugKind(reason, detail), KernelReport.Detector.SLUB_DEBUG, m.group("cache"),
                        detail != null ? "[" + detail + " overwritten] " + reason : reason, lines, start, end, used,
                        SlubFacts.read(lines, i, end)));
                i = end - 1;
            } else if ((m = STILL.matcher(t)).matches()) {
                int end = untilTraceEnd(lines, i, 60);
                out.add(report(Kind.STILL_HAS_OBJECTS, m.group("cache"), "Slab cache still has objects", lines, i, end, used));
                i = end - 1;
            } else if ((m = SLUB_OOM.matcher(t)).matches()) {
                int end = i + 1;
                String cache = null;
                while (end < lines.size()) {
                    Matcher d = OOM_DETAIL.matcher(lines.get(end).text());
                    if (!d.matches()) break;
                    if (cache == null && d.group("cache") != null) cache = d.group("cache").strip();
                    end++;
                }
                out.add(Blocks.report(Kind.ALLOC_FAILURE, KernelReport.Detector.SLAB, cache,
                        m.group("who") + ": unable to allocate memory on node " + m.group("node"), lines, i, end, used,
                        AllocFailures.notice(Blocks.text(lines, i, end))));
                i = end - 1;
            } else if ((m = SLAB_ERROR.matcher(t)).matches()) {
                int end = untilTraceEnd(lines, i, 40);
                String msg = m.group("msg");
                Kind kind = msg.contains("double free") ? Kind.DOUBLE_FREE
                        : msg.contains("still has objects") || msg.contains("Can't free all objects") ? Kind.STILL_HAS_OBJECTS : Kind.SLAB_ERROR;
                out.add(report(kind, m.group("cache"), m.group("fn") + "(): " + msg, lines, i, end, used));
                i = end - 1;
            } else if ((m = SLAB_DOUBLE.matcher(t)).matches()) {
                int end = untilTraceEnd(lines, i, 40);
                out.add(report(Kind.DOUBLE_FREE, m.group("cache"), "double free detected", lines, i, end, used));
                i = end - 1;
            } else if ((m = SLAB_CORRUPTION.matcher(t)).matches()) {
                int end = Math.min(lines.size(), i + 16);
                out.add(report(Kind.POISON_OVERWRITTEN, m.group("cache"), "Slab corruption", lines, i, end, used));
                i = end - 1;
            } else if ((m = PAGE_FAIL.matcher(t)).matches()) {
                int end = untilTraceEnd(lines, i, 60);
                boolean slab = false;
                for (int k = i + 1; k < end && !slab; k++) slab = SLAB_FRAME.matcher(lines.get(k).text()).matches();
                if (slab) {
                    out.add(Blocks.report(Kind.ALLOC_FAILURE, KernelReport.Detector.SLAB, null,
                            "page allocation failure: order:" + m.group("order") + " while growing a slab", lines, i, end, used,
                            AllocFailures.pageFailure(Blocks.text(lines, i, Math.min(end, i + 2)), Blocks.callSite(lines, i, end))));
                    i = end - 1;
                }
            }
        }
    }

    private static int untilTraceEnd(List<KernelLogLine> lines, int from, int max) {
        int end = from + 1;
        while (end < lines.size() && end - from < max) {
            String u = lines.get(end).text();
            end++;
            if (END_TRACE.matcher(u).matches()) break;
            if (BUG.matcher(u.strip()).matches() || STILL.matcher(u.strip()).matches() || SLUB_OOM.matcher(u.strip()).matches()) {
                end--;
                break;
            }
        }
        return end;
    }

    static Kind bugKind(String reason, String detail) {
        String r = (detail != null ? detail : reason).toLowerCase(Locale.ROOT);
        if (r.contains("redzone")) return Kind.REDZONE_OVERWRITTEN;
        if (r.contains("poison")) return Kind.POISON_OVERWRITTEN;
        if (r.contains("padding")) return Kind.PADDING_OVERWRITTEN;
        if (r.contains("already free") || r.contains("double free")) return Kind.DOUBLE_FREE;
        if (r.contains("freepointer") || r.contains("freechain")) return Kind.FREEPOINTER_CORRUPT;
        if (r.contains("objects remaining")) return Kind.STILL_HAS_OBJECTS;
        return Kind.SLAB_ERROR;
    }

    /** A classic SLAB report: {@link Blocks#report} with no facts read from it. */
    private static KernelReport report(Kind kind, String cache, String reason, List<KernelLogLine> lines, int from, int to, BitSet used) {
        return Blocks.report(kind, KernelReport.Detector.SLAB, cache, reason, lines, from, to, used, ReportFacts.NONE);
    }
}
