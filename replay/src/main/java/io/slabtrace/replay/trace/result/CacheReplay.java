package io.slabtrace.replay.trace.result;

import io.slabtrace.model.CacheStats;

/**
 * One cache after a trace replay: what the trace did to it, what the model predicts the kernel
 * shows afterwards, and what it did show.
 *
 * @param untracedFrees    objects the trace left live but the kernel's counters say were freed (bulk or RCU frees, a lossy buffer)
 * @param freesBeforeTrace frees of objects allocated before the trace began
 * @param tolerance        how far predicted and observed active objects may differ for this cache
 *                         (objects SLUB keeps in CPU slabs and CPU partial lists, or SLAB in per-CPU and shared arrays)
 * @param activity         what the model did during the trace: slabs, constructor calls, per-CPU traffic, counters over time
 * @param divergence       how the prediction went at the snapshots taken during the trace (a collection's), or null
 */
public record CacheReplay(String name, long allocs, long frees, long untracedFrees, long freesBeforeTrace, long tolerance,
                          CacheStats before, CacheStats predicted, CacheStats observed, ModelActivity activity, Divergence divergence) {

    /** Predicted minus observed active objects; null without an observation. */
    public Long miss() {
        return observed == null || predicted == null ? null : predicted.activeObjs() - observed.activeObjs();
    }
}
