package io.slabtrace.replay.trace.result;

import io.slabtrace.model.CacheStats;

import java.util.ArrayList;
import java.util.List;

/**
 * How close the model came, in figures anyone can check: per traced cache with a snapshot after, whether predicted
 * active objects are within the strict bound (max(1 %, one slab) of the observed count, the same for every cache and
 * every tool) and within the cache's tolerance (what the start state leaves unknown); caches the strict figure leaves
 * out are named with the reason.
 */
public record Accuracy(int compared, int withinStrict, int withinTolerance, List<Excluded> excluded) {

    public record Excluded(String cache, String why) {
    }

    public Accuracy {
        excluded = List.copyOf(excluded);
    }

    /** The strict bound for one cache: 1 % of its observed active objects, at least one slab's objects. */
    public static long strictBound(CacheReplay c) {
        return strictBound(c.observed());
    }

    /** The same bound against any snapshot's line of the cache (the replay compares with every one of a collection). */
    public static long strictBound(CacheStats observed) {
        return Math.max((observed.activeObjs() + 99) / 100, Math.max(1, observed.objperslab()));
    }

    public static boolean withinStrict(CacheReplay c) {
        return c.observed() != null && Math.abs(c.miss()) <= strictBound(c);
    }

    public static Accuracy of(List<CacheReplay> caches) {
        int compared = 0, strict = 0, tolerance = 0;
        List<Excluded> excluded = new ArrayList<>();
        for (CacheReplay c : caches) {
            if (c.observed() == null) {
                excluded.add(new Excluded(c.name(), "not in the snapshot after the trace"));
                continue;
            }
            if (c.untracedFrees() > 0) { // the trace cannot predict what it does not show: said, not hidden in a tolerance
                excluded.add(new Excluded(c.name(), c.untracedFrees() + " frees the trace did not see (bulk, RCU or sheaf frees)"));
                continue;
            }
            compared++;
            if (withinStrict(c)) strict++;
            if (Math.abs(c.miss()) <= c.tolerance()) tolerance++;
        }
        return new Accuracy(compared, strict, tolerance, excluded);
    }
}
