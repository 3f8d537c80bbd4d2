package io.slabtrace.replay.series;

import io.slabtrace.model.CacheMemory;
import io.slabtrace.model.CacheStats;
import io.slabtrace.model.Snapshot;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Memory per cache over a series, for charts. At most {@link #MAX_POINTS} points are kept whatever
 * the series length: when the buffer fills, neighbouring points merge pairwise (keeping the larger
 * memory, so peaks survive) and each point then stands for twice as many snapshots. The per-cache arrays grow with
 * the points, and with many caches fewer points are kept: all of them together stay within {@link #BUDGET} bytes
 * (12,000 caches keep 128 points each, not 1,024).
 */
public final class SeriesTimeline implements Consumer<Snapshot> {
    public static final int MAX_POINTS = 1024;
    /** Bytes the per-cache arrays (three longs per cache and point) may take in all. */
    static final long BUDGET = 64L << 20;
    private static final int MIN_POINTS = 16;

    /**
     * One cache's points: its largest memory within each, and active_objs and num_objs at the last snapshot of each
     * (counts are not peaks: a ratio of maxima would mislead).
     */
    private static final class Points {
        long[] memory = new long[0], active = new long[0], objs = new long[0];

        /** Grows the arrays (doubling) to hold point {@code p}. */
        void reach(int p) {
            if (memory.length > p) return;
            int n = memory.length == 0 ? Math.max(MIN_POINTS, Integer.highestOneBit(p) * 2) : Math.min(MAX_POINTS, Math.max(p + 1, memory.length * 2));
            memory = Arrays.copyOf(memory, n);
            active = Arrays.copyOf(active, n);
            objs = Arrays.copyOf(objs, n);
        }
    }

    private final long pageSize;
    private final SlotsByCache<Points> caches = new SlotsByCache<>(Points::new);
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
            while (points >= limit()) halve();
            points++;
        }
        int p = points - 1;
        snapshots++;
        long sum = 0;
        List<CacheStats> rows = s.caches();
        caches.align(rows);
        for (int i = 0; i < rows.size(); i++) {
            CacheStats c = rows.get(i);
            long m = CacheMemory.memoryBytes(c, pageSize);
            sum += m;
            Points points = caches.row(i);
            points.reach(p);
            if (m > points.memory[p]) points.memory[p] = m;
            points.active[p] = c.activeObjs();
            points.objs[p] = c.numObjs();
        }
        if (sum > total[p]) total[p] = sum;
        lastSnapshot[p] = snapshots;
        at[p] = s.timestamp();
        if (++inBucket == stride) inBucket = 0;
    }

    /** The points kept before halving: {@link #MAX_POINTS}, fewer when the caches are many (a power of two, at least 16). */
    private int limit() {
        long perPoint = 24L * Math.max(1, caches.size());
        int limit = MAX_POINTS;
        while (limit > MIN_POINTS && perPoint * limit > BUDGET) limit /= 2;
        return limit;
    }

    private void halve() {
        int n = points, half = (n + 1) / 2;
        for (Points c : caches.all()) {
            mergePairs(c.memory, n, half);
            keepSeconds(c.active, n, half);
            keepSeconds(c.objs, n, half);
        }
        mergePairs(total, n, half);
        for (int i = 0; i < half; i++) {
            lastSnapshot[i] = lastSnapshot[second(i, n)];
            at[i] = at[second(i, n)];
        }
        Arrays.fill(at, half, MAX_POINTS, null);
        points = half;
        stride *= 2;
    }

    /** The later of the pair point {@code i} merges, or its only one at the end of an odd count. */
    private static int second(int i, int n) {
        return Math.min(2 * i + 1, n - 1);
    }

    private static void mergePairs(long[] a, int n, int half) {
        for (int i = 0; i < half; i++) a[i] = Math.max(at(a, 2 * i), at(a, second(i, n)));
        Arrays.fill(a, Math.min(half, a.length), a.length, 0);
    }

    private static void keepSeconds(long[] a, int n, int half) {
        for (int i = 0; i < half; i++) a[i] = at(a, second(i, n));
        Arrays.fill(a, Math.min(half, a.length), a.length, 0);
    }

    /** A point of an array that may not have grown that far (the cache was not there yet): 0. */
    private static long at(long[] a, int i) {
        return i < a.length ? a[i] : 0;
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

    /**
     * True when every point has a time stamp and the times only go forward, so charts can use a time axis. A clock
     * that steps back (two logs concatenated, a clock change) draws in file order, by snapshot number, instead.
     */
    public boolean timed() {
        for (int i = 0; i < points; i++) {
            if (at[i] == null || (i > 0 && !at[i].isAfter(at[i - 1]))) return false;
        }
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
        return caches.names();
    }

    /**
     * The largest memory of the cache within each point (0 where the cache did not exist); of two caches with one
     * name, the two together, as their rows are listed under it.
     */
    public long[] memory(String cache) {
        long[] m = new long[points];
        for (Points c : caches.named(cache)) add(m, c.memory); // arrays not grown that far read as 0
        return m;
    }

    /** active_objs at the last snapshot of each point (of two caches with one name, the two together). */
    public long[] activeObjs(String cache) {
        long[] a = new long[points];
        for (Points c : caches.named(cache)) add(a, c.active);
        return a;
    }

    /** active_objs / num_objs at the last snapshot of each point (0 for an empty cache). */
    public double[] utilization(String cache) {
        long[] a = activeObjs(cache), n = new long[points];
        for (Points c : caches.named(cache)) add(n, c.objs);
        double[] u = new double[points];
        for (int i = 0; i < points; i++) u[i] = n[i] == 0 ? 0 : (double) a[i] / n[i];
        return u;
    }

    private static void add(long[] into, long[] values) {
        for (int i = 0; i < Math.min(into.length, values.length); i++) into[i] += values[i];
    }

    /** The largest memory of all caches together within each point. */
    public long[] total() {
        return Arrays.copyOf(total, points);
    }
}
