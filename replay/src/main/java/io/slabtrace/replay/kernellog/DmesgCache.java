package io.slabtrace.replay.kernellog;

import io.slabtrace.model.layout.CacheLayout;
import io.slabtrace.model.log.LogTime;

import java.util.List;

/**
 * One cache as its module's log shows it.
 *
 * @param grows              constructor bursts: consecutive constructor calls with no allocation between them
 * @param ctorPerAllocation  every constructor call was for the object allocated right after it (CONFIG_DEBUG_SLAB poisoning)
 * @param constructedUnused  objects constructed but never handed out
 * @param liveAtEnd          allocated and not freed when the log ends
 * @param predictedSlub      objects per slab the SLUB model gives for the cache's parameters, or null without them
 * @param predictedSlab      the same for classic SLAB
 * @param assumption         what the log did not say but the verdict needed (e.g. SLAB_HWCACHE_ALIGN), or null
 * @param slubDebug          the slub_debug letters the kernel command line gives this cache, or null
 */
public record DmesgCache(String name, String prefix, int objectSize, int align, long ctorCalls, long allocations, long frees,
                         List<Grow> grows, boolean ctorPerAllocation, long constructedUnused, long liveAtEnd,
                         CacheLayout slub, CacheLayout slab, Verdict verdict, String assumption, String slubDebug,
                         LogTime created, LogTime destroyed) {

    /** What explains the constructor bursts. */
    public enum Verdict {
        /** bursts equal SLUB's objects per slab (with the slub_debug flags the command line gives this cache, if any) */
        SLUB,
        /** bursts equal classic SLAB's objects per slab */
        SLAB,
        /** the constructor ran once per allocation: classic SLAB with CONFIG_DEBUG_SLAB poisoning */
        DEBUG_SLAB,
        /** neither model gives the bursts seen (a finding says which variant would) */
        MISMATCH,
        /** no object size in the log or on the command line: nothing to compute */
        NO_PARAMETERS,
        /** no constructor calls to explain */
        NO_GROWS
    }

    public Integer predictedSlub() {
        return slub == null ? null : (int) slub.objperslab();
    }

    public Integer predictedSlab() {
        return slab == null ? null : (int) slab.objperslab();
    }

    /** The most common burst size: one slab's object count; null without bursts. */
    public Long burst() {
        return burst(grows);
    }

    static Long burst(List<Grow> grows) {
        return grows.stream().collect(java.util.stream.Collectors.groupingBy(Grow::ctorCalls, java.util.stream.Collectors.counting()))
                .entrySet().stream().max(java.util.Map.Entry.comparingByValue()).map(java.util.Map.Entry::getKey).orElse(null);
    }

    /** One slab grow: when, and how many constructor calls (the slab's object count). */
    public record Grow(LogTime time, long line, long ctorCalls, long allocationsBeforeNext) {
    }

    public DmesgCache {
        grows = List.copyOf(grows);
    }
}
