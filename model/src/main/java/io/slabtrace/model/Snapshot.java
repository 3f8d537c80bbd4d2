package io.slabtrace.model;

import java.time.Instant;
import java.util.List;

/**
 * One reading of {@code /proc/slabinfo}: every cache line, in the order the kernel printed them
 * (newest cache first). A cache name can occur twice: the kernel does not forbid duplicates.
 *
 * @param timestamp  when it was taken, or null when the capture did not say
 * @param source     file it came from, for messages
 * @param firstLine  line number of its first line in that file
 */
public record Snapshot(Instant timestamp, String source, long firstLine, SlabinfoFormat format, List<CacheStats> caches) {

    public Snapshot {
        caches = java.util.Collections.unmodifiableList(caches); // the reader hands its list over; no copy per snapshot
    }

    public Allocator allocator() {
        return Allocator.detect(format, caches);
    }
}
