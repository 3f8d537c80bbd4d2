package io.slabtrace.cli.view;

import io.slabtrace.cli.format.Lang;
import io.slabtrace.cli.format.TextTable;
import io.slabtrace.cli.format.Units;
import io.slabtrace.model.trace.TraceStats;
import io.slabtrace.replay.trace.result.Accuracy;
import io.slabtrace.replay.trace.result.Assumption;
import io.slabtrace.replay.trace.result.CacheReplay;
import io.slabtrace.replay.trace.result.CallSite;
import io.slabtrace.replay.trace.result.CpuTraffic;
import io.slabtrace.replay.trace.result.Divergence;
import io.slabtrace.replay.trace.result.ModelActivity;
import io.slabtrace.replay.trace.result.PredictedPoint;
import io.slabtrace.replay.trace.result.ReplayFinding;
import io.slabtrace.replay.trace.result.ReplayResult;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** The words and tables of {@code replay}. */
public final class ReplayText {
    /** Rows of the counters over the trace in the table (JSON has every point). */
    private static final int TIMELINE_ROWS = 12;

    private ReplayText() {
    }

    /** What was read: every event counted by kind, what was skipped, and whether anything was lost. */
    static String traceLine(TraceStats t, Lang lang) {
        TraceStats.KindCounts k = t.byKind();
        String kinds = k.total() == 0 ? "" : lang.text("replay.kinds", k.kmalloc(), k.kmemCacheAlloc(), k.kfree(), k.kmemCacheFree(),
                t.nullFrees() > 0 ? lang.text("replay.nullFrees", t.nullFrees()) : "");
        String loss = t.lossMarkers() > 0 ? lang.text("replay.dropped", t.lostEvents(), t.lossMarkers())
                : t.lossy() ? lang.text("replay.lossy", t.lostEvents())
                : t.skippedLines() > 0 ? lang.text("replay.unread", t.skippedLines())
                : lang.text("replay.complete");
        return lang.text("replay.trace", t.source(), t.events(), t.otherEvents(), t.skippedLines(), loss, kinds);
    }

    public static void print(PrintWriter out, ReplayResult r, String only, int limit, Lang lang) {
        out.println(traceLine(r.trace(), lang));
        out.println();
        TextTable t = new TextTable("CACHE", "ALLOCS", "FREES", "PREDICTED", "OBSERVED", "MISS", "TOLERANCE", "SLABS +/-", "SET UP", "FINDING")
                .left(0, 9);
        List<CacheReplay> caches = r.caches().stream().filter(c -> only == null || c.name().equals(only)).toList();
        for (CacheReplay c : limit > 0 && caches.size() > limit ? caches.subList(0, limit) : caches) {
            String finding = r.findings().stream().filter(f -> c.name().equals(f.cache()) && f.kind() != ReplayFinding.Kind.FREES_BEFORE_TRACE)
                    .map(f -> f.kind().name().toLowerCase(Locale.ROOT)).findFirst().orElse("");
            t.add(c.name(), Long.toString(c.allocs()), Long.toString(c.frees()),
                    c.predicted().activeObjs() + "/" + c.predicted().numObjs(),
                    c.observed() == null ? "-" : c.observed().activeObjs() + "/" + c.observed().numObjs(),
                    c.miss() == null ? "-" : Units.signed(c.miss()), Long.toString(c.tolerance()),
                    "+" + c.activity().slabsGrown() + "/-" + c.activity().slabsFreed(), Long.toString(c.activity().objectsSetUp()), finding);
        }
        t.print(out);
        if (caches.size() > limit && limit > 0) out.println(lang.text("replay.more", (long) (caches.size() - limit)));
        if (only == null) accuracy(out, r.accuracy(), lang);
        diverged(out, caches, lang);
        out.println(lang.text("replay.setup"));
        if (only != null && caches.size() == 1) activity(out, caches.get(0), lang);
        out.println();
        out.println(lang.text("replay.findings"));
        for (ReplayFinding f : r.findings()) {
            if (only != null && !only.equals(f.cache())) continue;
            out.printf("  %-20s %-22s %s%n", f.kind().name().toLowerCase(Locale.ROOT), f.cache() == null ? "-" : f.cache(), message(f, r, lang));
        }
        out.println();
        out.println(lang.text("replay.callsites"));
        TextTable s = new TextTable("ALLOCS", "REQUESTED", "ALLOCATED", "WASTE", "HELD", "HELD BYTES", "CACHE", "CALL SITE").left(6, 7);
        List<CallSite> sites = r.callSites().stream().filter(c -> only == null || c.cache().equals(only)).toList();
        for (CallSite c : limit > 0 && sites.size() > limit ? sites.subList(0, limit) : sites) {
            s.add(Long.toString(c.allocs()), Units.bytes(c.bytesReq()), Units.bytes(c.bytesAlloc()), Units.bytes(c.wasteBytes()),
                    Long.toString(c.liveObjects()), Units.bytes(c.liveBytes()), c.cache(), c.callSite());
        }
        s.print(out);
        out.println();
        held(out, r, only, limit, lang);
        out.println(lang.text("replay.assumptions"));
        for (Assumption a : r.assumptions()) out.println("  - " + lang.text("replay.assume." + a.kind().name().toLowerCase(Locale.ROOT), a.count(),
                a.placed() == null ? 0 : a.placed(), a.placed() == null ? 0 : a.count() - a.placed()));
        out.flush();
    }

    /** The strict figure, the same for every cache and every tool, then what the tolerance allows, and who is left out and why. */
    private static void accuracy(PrintWriter out, Accuracy a, Lang lang) {
        if (a.compared() == 0) return;
        out.println(lang.text("replay.accuracy", (long) a.compared(), (long) a.withinStrict(), Units.percent((double) a.withinStrict() / a.compared()),
                (long) a.withinTolerance(), (long) a.excluded().size()));
        for (Accuracy.Excluded e : a.excluded()) out.println("    " + e.cache() + ": " + e.why());
    }

    /** Over the snapshots taken during the trace: which caches left the kernel's count, from when, and how fast. */
    private static void diverged(PrintWriter out, List<CacheReplay> caches, Lang lang) {
        List<CacheReplay> off = caches.stream().filter(c -> c.divergence() != null && c.divergence().since() != null).toList();
        long compared = caches.stream().filter(c -> c.divergence() != null).count();
        if (compared == 0) return;
        out.println(lang.text("replay.diverged", compared, (long) off.size()));
        for (CacheReplay c : off) {
            Divergence d = c.divergence();
            out.println("    " + lang.text("replay.diverged.cache", c.name(), d.since(), d.missThen(), d.missLast(),
                    String.format(Locale.ROOT, "%+.1f", d.perSecond()), (long) d.within(), (long) d.compared()));
        }
    }

    /** Who holds the memory at the end: call sites by bytes still live, with their ages; for one cache, its share of the growth. */
    private static void held(PrintWriter out, ReplayResult r, String only, int limit, Lang lang) {
        List<CallSite> held = r.callSites().stream().filter(c -> c.liveObjects() > 0 && (only == null || c.cache().equals(only)))
                .sorted(java.util.Comparator.comparingLong(CallSite::liveBytes).reversed().thenComparing(CallSite::callSite)).toList();
        if (held.isEmpty()) return;
        out.println(lang.text("replay.held"));
        TextTable h = new TextTable("HELD", "HELD BYTES", "OLDEST", "MEDIAN AGE", "CACHE", "CALL SITE").left(4, 5);
        for (CallSite c : limit > 0 && held.size() > limit ? held.subList(0, limit) : held) {
            h.add(Long.toString(c.liveObjects()), Units.bytes(c.liveBytes()), age(c.oldestAgeSeconds()), age(c.medianAgeSeconds()), c.cache(), c.callSite());
        }
        h.print(out);
        CacheReplay cache = only == null ? null : r.caches().stream().filter(c -> c.name().equals(only)).findFirst().orElse(null);
        if (cache != null && cache.before() != null && cache.observed() != null) {
            long growth = cache.observed().activeObjs() - cache.before().activeObjs();
            long kept = held.stream().mapToLong(CallSite::liveObjects).sum();
            if (growth > 0) out.println(lang.text("replay.held.growth", only, growth, kept, Units.percent(Math.min(1.0, (double) kept / growth))));
        }
        out.println();
    }

    private static String age(Double seconds) {
        return seconds == null ? "-" : String.format(Locale.ROOT, "%.3fs", seconds);
    }

    /** A finding in the reader's language (JSON keeps the replay's English message). */
    public static String message(ReplayFinding f, ReplayResult r, Lang lang) {
        String key = "replay.finding." + f.kind().name().toLowerCase(Locale.ROOT);
        if (f.kind() == ReplayFinding.Kind.PREDICTION_MISS) {
            CacheReplay c = r.caches().stream().filter(x -> x.name().equals(f.cache())).findFirst().orElse(null);
            if (c != null && c.observed() != null) return lang.text(key, c.predicted().activeObjs(), c.observed().activeObjs(), c.tolerance());
        }
        if (f.kind() == ReplayFinding.Kind.LOST_EVENTS && r.trace().lossMarkers() > 0) {
            return lang.text(key + "_unknown", f.count(), r.trace().lossMarkers());
        }
        return lang.text(key, f.count());
    }

    /** One cache's model in detail: its constructor calls, each CPU's traffic, and its counters over the trace. */
    private static void activity(PrintWriter out, CacheReplay c, Lang lang) {
        ModelActivity a = c.activity();
        out.println();
        out.println(lang.text("replay.model", c.name(), a.slabsGrown(), a.slabsFreed(), a.objectsSetUp()));
        out.println(a.constructor() == null ? lang.text("replay.ctor.unknown", a.objectsSetUp())
                : a.constructor() ? lang.text("replay.ctor.yes", a.objectsSetUp()) : lang.text("replay.ctor.no"));
        TextTable cpus = new TextTable("CPU", "ALLOCS", "FREES", "NEW SLABS", "REFILLS", "FLUSHES", "REMOTE FREES");
        long idle = 0;
        for (CpuTraffic t : a.perCpu()) {
            if (t.idle()) {
                idle++;
                continue;
            }
            cpus.add(Integer.toString(t.cpu()), Long.toString(t.allocs()), Long.toString(t.frees()), Long.toString(t.newSlabs()),
                    Long.toString(t.refills()), Long.toString(t.flushes()), Long.toString(t.remoteFrees()));
        }
        cpus.print(out);
        if (idle > 0) out.println(lang.text("replay.idle", idle));
        out.println();
        out.println(lang.text("replay.timeline"));
        TextTable tl = new TextTable("EVENT", "TIME", "OBJECTS", "SLABS");
        List<PredictedPoint> points = a.timeline();
        int step = Math.max(1, (points.size() + TIMELINE_ROWS - 1) / TIMELINE_ROWS);
        for (int i = 0; i < points.size(); i++) {
            if (i % step != 0 && i != points.size() - 1) continue; // every step-th point, and the last
            PredictedPoint p = points.get(i);
            tl.add(Long.toString(p.event()), p.time() == null ? "-" : String.format(Locale.ROOT, "%.6f", p.time()),
                    Long.toString(p.live()), Long.toString(p.slabs()));
        }
        tl.print(out);
    }
}
