package io.slabtrace.replay;

import io.slabtrace.model.CacheMemory;
import io.slabtrace.model.CacheStats;
import io.slabtrace.model.Snapshot;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Follows a series snapshot by snapshot and keeps, per cache, the largest memory it held and
 * when; plus the last snapshot. Memory is bounded by the number of caches, not the series length.
 */
public final class SeriesPeaks implements Consumer<Snapshot> {

    /** The largest {@code memory_bytes} a cache reached, in which snapshot (1-based) and at what time (null if untimed). */
    public record Peak(long memoryBytes, long snapshot, Instant at) {
    }

    private final long pageSize;
    private final Map<CacheKey, Peak> peaks = new HashMap<>();
    private Snapshot first;
    private Snapshot last;
    private long count;

    public SeriesPeaks(long pageSize) {
        this.pageSize = pageSize;
    }

    @Override
    public void accept(Snapshot s) {
        count++;
        if (first == null) first = s;
        last = s;
        List<CacheStats> caches = s.caches();
        List<CacheKey> keys = CacheKeys.of(caches);
        for (int i = 0; i < caches.size(); i++) {
            CacheStats c = caches.get(i);
            long memory = CacheMemory.memoryBytes(c, pageSize);
            Peak p = peaks.get(keys.get(i));
            if (p == null || memory > p.memoryBytes()) peaks.put(keys.get(i), new Peak(memory, count, s.timestamp()));
        }
    }

    public long snapshots() {
        return count;
    }

    public Snapshot first() {
        return first;
    }

    public Snapshot last() {
        return last;
    }

    public Peak peak(CacheKey key) {
        return peaks.get(key);
    }

    /** The last snapshot's caches with their keys, for callers that pair rows with peaks. */
    public List<CacheKey> lastKeys() {
        return CacheKeys.of(last.caches());
    }
}
