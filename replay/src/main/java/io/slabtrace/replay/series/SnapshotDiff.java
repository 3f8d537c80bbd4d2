package io.slabtrace.replay.series;

import io.slabtrace.model.CacheMemory;
import io.slabtrace.model.CacheStats;
import io.slabtrace.model.Snapshot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Per-cache change between two snapshots, largest memory change (either way) first. */
public final class SnapshotDiff {
    private SnapshotDiff() {
    }

    public static List<CacheDelta> between(Snapshot before, Snapshot after, long pageSize) {
        Map<CacheKey, CacheStats> old = index(before);
        Map<CacheKey, CacheStats> now = index(after);
        List<CacheDelta> out = new ArrayList<>();
        for (Map.Entry<CacheKey, CacheStats> e : now.entrySet()) {
            CacheStats b = old.get(e.getKey());
            out.add(delta(e.getKey(), b, e.getValue(), pageSize));
        }
        for (Map.Entry<CacheKey, CacheStats> e : old.entrySet()) {
            if (!now.containsKey(e.getKey())) out.add(delta(e.getKey(), e.getValue(), null, pageSize));
        }
        out.sort(Comparator.comparingLong((CacheDelta d) -> -Math.abs(d.memoryBytesDelta()))
                .thenComparing(d -> d.key().name()));
        return out;
    }

    private static CacheDelta delta(CacheKey key, CacheStats b, CacheStats a, long pageSize) {
        CacheMemory mb = b == null ? null : CacheMemory.of(b, pageSize);
        CacheMemory ma = a == null ? null : CacheMemory.of(a, pageSize);
        CacheDelta.Status status = b == null ? CacheDelta.Status.NEW : a == null ? CacheDelta.Status.GONE : CacheDelta.Status.CHANGED;
        long memB = mb == null ? 0 : mb.memoryBytes(), memA = ma == null ? 0 : ma.memoryBytes();
        return new CacheDelta(key, status,
                value(a, CacheStats::activeObjs) - value(b, CacheStats::activeObjs),
                value(a, CacheStats::numObjs) - value(b, CacheStats::numObjs),
                value(a, CacheStats::numSlabs) - value(b, CacheStats::numSlabs),
                memA - memB, memB, memA,
                mb == null ? null : mb.utilization(), ma == null ? null : ma.utilization());
    }

    private static long value(CacheStats c, java.util.function.ToLongFunction<CacheStats> f) {
        return c == null ? 0 : f.applyAsLong(c);
    }

    private static Map<CacheKey, CacheStats> index(Snapshot s) {
        Map<CacheKey, CacheStats> m = new LinkedHashMap<>();
        List<CacheKey> keys = CacheKeys.of(s.caches());
        for (int i = 0; i < keys.size(); i++) m.put(keys.get(i), s.caches().get(i));
        return m;
    }
}
