package io.slabtrace.replay.scenario;

import io.slabtrace.model.CacheStats;
import io.slabtrace.model.sim.SimEvent;

import java.util.Map;

/**
 * A simulated cache as the kernel would show it at a snapshot, counts cumulative since it was
 * created; {@code events} are the transitions since the previous snapshot (times, objects or slabs).
 * The SLUB sysfs fields are null for SLAB.
 */
public record SimCacheState(CacheStats slabinfo, long ctorCalls, long slabsGrown, long slabsFreed, long live,
                            Map<SimEvent, long[]> events, Long objectsPartial, Long partial, Long cpuSlabs,
                            Long cpuPartialSlabs, boolean destroyed) {
}
