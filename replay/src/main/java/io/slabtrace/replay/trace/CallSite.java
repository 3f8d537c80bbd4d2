package io.slabtrace.replay.trace;

/** Allocations from one call site, like {@code perf kmem stat --caller}: bytes asked for and bytes given. */
public record CallSite(String callSite, String cache, long allocs, long bytesReq, long bytesAlloc) {
    /** Internal fragmentation: bytes allocated beyond the request. */
    public long wasteBytes() {
        return bytesAlloc - bytesReq;
    }
}
