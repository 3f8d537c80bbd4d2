package io.slabtrace.cli.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.slabtrace.model.CacheStats;
import io.slabtrace.model.trace.TraceStats;
import io.slabtrace.replay.series.SeriesPeaks;
import io.slabtrace.replay.trace.result.Accuracy;
import io.slabtrace.replay.trace.result.Assumption;
import io.slabtrace.replay.trace.result.CacheReplay;
import io.slabtrace.replay.trace.result.CallSite;
import io.slabtrace.replay.trace.result.CpuTraffic;
import io.slabtrace.replay.trace.result.Divergence;
import io.slabtrace.replay.trace.result.ModelActivity;
import io.slabtrace.replay.trace.result.PredictedPoint;
import io.slabtrace.replay.trace.result.ReplayResult;

import java.util.List;
import java.util.Locale;

/** {@code replay --format json} (the whole result) and {@code --format csv} (one row a cache). Field names are an interface. */
public record ReplayView(TraceView trace, Accuracy accuracy, List<CacheView> caches, List<FindingView> findings, List<CallSite> callSites,
                         List<String> assumptions) {

    /** One cache of the per-cache table (CSV). */
    @JsonPropertyOrder({"name", "allocs", "frees", "predicted_active_objs", "observed_active_objs", "miss", "tolerance",
            "predicted_num_objs", "observed_num_objs", "untraced_frees", "frees_before_trace", "slabs_grown", "slabs_freed",
            "objects_set_up", "ctor_calls", "live_objects", "live_bytes"})
    public record Row(String name, long allocs, long frees, long predictedActiveObjs, Long observedActiveObjs, Long miss, long tolerance,
                      long predictedNumObjs, Long observedNumObjs, long untracedFrees, long freesBeforeTrace, long slabsGrown,
                      long slabsFreed, long objectsSetUp, Long ctorCalls, long liveObjects, long liveBytes) {
    }

    /** The CSV rows: every cache, or only {@code only} when given. */
    public static List<Row> rows(ReplayResult r, String only) {
        return r.caches().stream().filter(c -> only == null || c.name().equals(only)).map(c -> new Row(c.name(), c.allocs(), c.frees(), c.predicted().activeObjs(),
                c.observed() == null ? null : c.observed().activeObjs(), c.miss(), c.tolerance(), c.predicted().numObjs(),
                c.observed() == null ? null : c.observed().numObjs(), c.untracedFrees(), c.freesBeforeTrace(),
                c.activity().slabsGrown(), c.activity().slabsFreed(), c.activity().objectsSetUp(), c.activity().ctorCalls(),
                held(r, c.name(), CallSite::liveObjects), held(r, c.name(), CallSite::liveBytes))).toList();
    }

    /** A cache's objects (or bytes) allocated in the trace and still live at its end, over its call sites. */
    private static long held(ReplayResult r, String cache, java.util.function.ToLongFunction<CallSite> what) {
        return r.callSites().stream().filter(s -> s.cache().equals(cache)).mapToLong(what).sum();
    }

    /** {@code replay --format json}: only {@code only}'s cache, findings and call sites when given. */
    public static ReplayView of(ReplayResult r, String only, long pageSize) {
        return new ReplayView(new TraceView(r.trace().events(), r.trace().byKind(), r.trace().nullFrees(), r.trace().lostEvents(),
                r.trace().lossMarkers(), r.trace().skippedLines(), r.trace().otherEvents(), r.trace().approximate()),
                r.accuracy(),
                r.caches().stream().filter(c -> only == null || c.name().equals(only)).map(c -> CacheView.of(c, pageSize, only != null)).toList(),
                r.findings().stream().filter(f -> only == null || only.equals(f.cache())).map(f -> new FindingView(
                        f.kind().name().toLowerCase(Locale.ROOT), f.cache(), f.count(), f.message())).toList(),
                r.callSites().stream().filter(c -> only == null || c.cache().equals(only)).toList(),
                r.assumptions().stream().map(Assumption::text).toList());
    }

    /** The trace as read: events by tracepoint, NULL frees, what was lost (counted, and drops of unknown size) or not understood. */
    @JsonPropertyOrder({"events", "by_kind", "null_frees", "lost_events", "loss_markers", "skipped_lines", "other_events", "approximate"})
    public record TraceView(long events, TraceStats.KindCounts byKind, long nullFrees, long lostEvents, long lossMarkers, long skippedLines,
                            long otherEvents, boolean approximate) {
    }

    /** {@code strict_bound}: max(1 %, one slab) of the observed active objects; {@code within_strict}: |miss| within it. */
    @JsonPropertyOrder({"name", "allocs", "frees", "predicted", "observed", "miss", "strict_bound", "within_strict", "tolerance",
            "untraced_frees", "frees_before_trace", "divergence", "model"})
    public record CacheView(String name, long allocs, long frees, TopRow predicted, @JsonInclude(JsonInclude.Include.ALWAYS) TopRow observed,
                     Long miss, Long strictBound, Boolean withinStrict, long tolerance, long untracedFrees, long freesBeforeTrace,
                     Divergence divergence, ModelView model) {
        static CacheView of(CacheReplay c, long pageSize, boolean withTimeline) {
            return new CacheView(c.name(), c.allocs(), c.frees(), fields(c.predicted(), pageSize),
                    c.observed() == null ? null : fields(c.observed(), pageSize), c.miss(),
                    c.observed() == null ? null : Accuracy.strictBound(c), c.observed() == null ? null : Accuracy.withinStrict(c),
                    c.tolerance(), c.untracedFrees(), c.freesBeforeTrace(), c.divergence(), ModelView.of(c.activity(), withTimeline));
        }

        /** The figures of a slabinfo line (memory at the machine's page size); a single snapshot has no peak. */
        private static TopRow fields(CacheStats s, long pageSize) {
            return TopRow.of(s, pageSize, new SeriesPeaks.Peak(0, 0, null));
        }
    }

    /** What the model did during the trace; the counters over time only for one cache ({@code --cache}): they are 256 points each. */
    @JsonPropertyOrder({"slabs_grown", "slabs_freed", "objects_set_up", "constructor", "ctor_calls", "per_cpu", "timeline"})
    public record ModelView(long slabsGrown, long slabsFreed, long objectsSetUp, Boolean constructor, Long ctorCalls, List<CpuTraffic> perCpu,
                     List<PredictedPoint> timeline) {
        static ModelView of(ModelActivity a, boolean withTimeline) {
            return new ModelView(a.slabsGrown(), a.slabsFreed(), a.objectsSetUp(), a.constructor(), a.ctorCalls(), a.perCpu(),
                    withTimeline ? a.timeline() : null);
        }
    }

    @JsonPropertyOrder({"kind", "cache", "count", "message"})
    public record FindingView(String kind, String cache, long count, String message) {
    }
}
