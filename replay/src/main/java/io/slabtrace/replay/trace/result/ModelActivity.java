package io.slabtrace.replay.trace.result;

import java.util.List;

/**
 * What the model did for one cache while the trace ran (the state before it, prefilled from the
 * snapshot, not counted): slabs grown and given back, objects set up in new slabs, each CPU's
 * traffic, and the predicted counters over the trace.
 *
 * @param objectsSetUp every object of every new slab: the kernel runs the cache's constructor on each
 *                     ({@code setup_object}, {@code cache_init_objs}), which is how one allocation can cost 64 calls
 * @param constructor  whether the cache has a constructor (sysfs {@code ctor}); null when no capture says
 */
public record ModelActivity(long slabsGrown, long slabsFreed, long objectsSetUp, Boolean constructor, List<CpuTraffic> perCpu,
                            List<PredictedPoint> timeline) {
    public ModelActivity {
        perCpu = List.copyOf(perCpu);
        timeline = List.copyOf(timeline);
    }

    /** Constructor calls the model predicts; null when it is unknown whether the cache has a constructor. */
    public Long ctorCalls() {
        return constructor == null ? null : constructor ? objectsSetUp : 0L;
    }
}
