package io.slabtrace.replay.series;

/**
 * How one cache changed between two snapshots. For a cache that appeared, the "before" side is
 * all zeros; for one that vanished, the "after" side.
 */
public record CacheDelta(
        CacheKey key,
        Status status,
        long activeObjsDelta,
        long numObjsDelta,
        long numSlabsDelta,
        long memoryBytesDelta,
        long memoryBytesBefore,
        long memoryBytesAfter,
        Double utilizationBefore,
        Double utilizationAfter) {

    public enum Status { CHANGED, NEW, GONE }
}
