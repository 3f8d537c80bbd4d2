package io.slabtrace.cli.view;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.slabtrace.model.CacheStats;
import io.slabtrace.replay.scenario.SimCacheState;
import io.slabtrace.replay.scenario.SimulationResult;

import java.util.ArrayList;
import java.util.List;

/** {@code simulate --format json}: {@code {"snapshots": [{"label", "line", "caches": [...]}], "notes": [...]}}. */
public record SimulateView(List<SnapView> snapshots, List<String> notes) {


    public record SnapView(String label, long line, List<CacheView> caches) {
    }

    @JsonPropertyOrder({"name", "active_objs", "num_objs", "objsize", "objperslab", "pagesperslab", "limit", "batchcount",
            "sharedfactor", "active_slabs", "num_slabs", "sharedavail", "ctor_calls", "slabs_grown", "slabs_freed", "live",
            "destroyed", "objects_partial", "partial", "cpu_slabs", "cpu_partial_slabs"})
    public record CacheView(String name, long activeObjs, long numObjs, long objsize, long objperslab, long pagesperslab, long limit,
                     long batchcount, long sharedfactor, long activeSlabs, long numSlabs, long sharedavail, long ctorCalls,
                     long slabsGrown, long slabsFreed, long live, boolean destroyed, Long objectsPartial, Long partial,
                     Long cpuSlabs, Long cpuPartialSlabs) {
    }

    public static SimulateView of(SimulationResult r) {
        List<SnapView> snaps = new ArrayList<>();
        for (SimulationResult.Snap s : r.snapshots()) {
            List<CacheView> caches = new ArrayList<>();
            for (SimCacheState c : s.caches()) {
                CacheStats i = c.slabinfo();
                caches.add(new CacheView(i.name(), i.activeObjs(), i.numObjs(), i.objsize(), i.objperslab(), i.pagesperslab(), i.limit(),
                        i.batchcount(), i.sharedfactor(), i.activeSlabs(), i.numSlabs(), i.sharedavail(), c.ctorCalls(), c.slabsGrown(),
                        c.slabsFreed(), c.live(), c.destroyed(), c.objectsPartial(), c.partial(), c.cpuSlabs(), c.cpuPartialSlabs()));
            }
            snaps.add(new SnapView(s.label(), s.line(), caches));
        }
        return new SimulateView(snaps, r.notes());
    }
}
