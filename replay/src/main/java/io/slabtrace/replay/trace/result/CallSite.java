package io.slabtrace.replay.trace.result;

/**
 * Allocations from one call site into one cache, like {@code perf kmem stat --caller}: bytes asked for and bytes
 * given; and what of them is still held at the end of the trace (allocated in it, never freed), with its age.
 *
 * @param oldestAgeSeconds how long before the trace's last event the oldest survivor was allocated; null when none
 *                         survives or the trace has no timestamps
 */
public record CallSite(String callSite, String cache, long allocs, long bytesReq, long bytesAlloc,
                       long liveObjects, long liveBytes, Double oldestAgeSeconds, Double medianAgeSeconds) {
    /** Internal fragmentation: bytes allocated beyond the request. */
    public long wasteBytes() {
        return bytesAlloc - bytesReq;
    }
}
