package io.slabtrace.replay.series;

import io.slabtrace.model.CacheMemory;
import io.slabtrace.model.CacheStats;
import io.slabtrace.model.Snapshot;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Memory per cache over a series, for charts. At most {@link #MAX_POINTS} points are kept whatever
 * the series length: when the buffer fills, neighbouring points merge pairwise (keeping the larger
 * memory, so peaks survive) and each point then stands for twice as many snapshots.
 */
public final class SeriesTimeline implements Consumer<Snapshot> {
    public static final int MAX_POINTS = 1024;

    private final long pageSize;
    private final Map<String, long[]> memory = new HashMap<>();
    /** active_objs and num_objs at the last snapshot of each point (counts are not peaks: a ratio of maxima would mislead) */
    private final Map<String, long[]> active = new HashMap<>();
    private final Map<String, long[]> objs = new HashMap<>();
    private final long[] total = new long[MAX_POINTS];
    private final long[] lastSnapshot = new long[MAX_POINTS];
    private final Instant[] at = new Instant[MAX_POINTS];
    private int points;
    private int stride = 1;
    private int inBucket;
    private long snapshots;

    public SeriesTimeline(long pageSize) {
        this.pageSize = pageSize;
    }

    @Override
    public void accept(Snapshot s) {
        if (inBucket == 0) {
            if (points == MAX_POINTS) halve();
            points++;
        }
        int p = points - 1;
        snapshots++;
        long sum = 0;
        List<CacheStats> caches = s.caches();
        for (CacheStats c : caches) {
            long m = CacheMemory.memoryBytes(c, pageSize);
            sum += m;
            long[] series = memory.computeIfAbsent(c.name(), k -> new long[MAX_POINTS]);
            if (m > series[p]) series[p] = m;
            active.computeIfAbsent(c.name(), k -> new long[MAX_POINTS])[p] = c.activeObjs();
            objs.computeIfAbsent(c.name(), k -> new long[MAX_POINTS])[p] = c.numObjs();
        }
        if (sum > total[p]) total[p] = sum;
        lastSnapshot[p] = snapshots;
        at[p] = s.timestamp();
        if (++inBucket == stride) inBucket = 0;
    }

    private void halve() {
        int half = MAX_POINTS / 2;
        for (long[] series : memory.values()) mergePairs(series, half);
        for (long[] series : active.values()) keepSeconds(series, half);
        for (long[] series : objs.values()) keepSeconds(series, half);
        mergePairs(total, half);
        for (int i = 0; i < half; i++) {
            lastSnapshot[i] = lastSnapshot[2 * i + 1];
            at[i] = at[2 * i + 1];
        }
        Arrays.fill(at, half, MAX_POINTS, null);
        points = half;
        stride *= 2;
    }

    private static void mergePairs(long[] a, int half) {
        for (int i = 0; i < half; i++) a[i] = Math.max(a[2 * i], a[2 * i + 1]);
        Arrays.fill(a, half, a.length, 0);
    }

    private static void keepSeconds(long[] a, int half) {
        for (int i = 0; i < half; i++) a[i] = a[2 * i + 1];
        Arrays.fill(a, half, a.length, 0);
    }

    public int points() {
        return points;
    }

    /** Snapshots each point stands for (a power of two). */
    public int stride() {
        return stride;
    }

    public long snapshots() {
        return snapshots;
    }

    /** True when every point has a time stamp, so charts can use a time axis. */
    public boolean timed() {
        for (int i = 0; i < points; i++) if (at[i] == null) return false;
        return points > 0;
    }

    /** Time of the last snapshot a point stands for, or null in an untimed series. */
    public Instant at(int point) {
        return at[point];
    }

    /** 1-based number of the last snapshot a point stands for. */
    public long snapshotAt(int point) {
        return lastSnapshot[point];
    }

    public Set<String> caches() {
        return memory.keySet();
    }

    /** The largest memory of the cache within each point (0 where the cache did not exist). */
    public long[] memory(String cache) {
        long[] series = memory.get(cache);
        return series == null ? new long[points] : Arrays.copyOf(series, points);
    }

    /** active_objs at the last snapshot of each point. */
    public long[] activeObjs(String cache) {
        long[] series = active.get(cache);
        return series == null ? new long[points] : Arrays.copyOf(series, points);
    }

    /** active_objs / num_objs at the last snapshot of each point (0 for an empty cache). */
    public double[] utilization(String cache) {
        long[] a = activeObjs(cache), n = objs.getOrDefault(cache, new long[points]);
        double[] u = new double[points];
        for (int i = 0; i < points; i++) u[i] = n[i] == 0 ? 0 : (double) a[i] / n[i];
        return u;
    }

    /** The largest memory of all caches together within each point. */
    public long[] total() {
        return Arrays.copyOf(total, points);
    }
}
