package io.slabtrace.replay.trace;

import io.slabtrace.replay.trace.result.PredictedPoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every replayed cache's predicted objects and slabs over the trace, in at most {@link #MAX_POINTS}
 * points whatever the trace's length: when the points run out, neighbours merge pairwise (the later
 * state stands for both) and each point then covers twice as many events. A cache without an event
 * in a point keeps its state from the point before. A point holds each cache's state at its end,
 * read from the model once when the point closes, not at every event.
 */
final class PredictedTimeline {
    static final int MAX_POINTS = 256;
    private static final long NONE = -1;

    private final List<ReplayedCache> caches; // by run index: whose state a closing point reads
    private final double[] time = new double[MAX_POINTS];
    private final long[] lastEvent = new long[MAX_POINTS];
    private final List<long[]> live = new ArrayList<>(), slabs = new ArrayList<>(); // by run index
    private boolean[] changed = new boolean[64];
    private int[] changedRuns = new int[64];
    private int changedCount;
    private int points, stride = 1, inBucket;
    private long events;

    PredictedTimeline(List<ReplayedCache> caches) {
        this.caches = caches;
    }

    /** An event of the trace: every one moves the axis on, whichever cache it touches. */
    void tick(double at) {
        if (inBucket == 0) {
            close();
            if (points == MAX_POINTS) halve();
            points++;
        }
        events++;
        time[points - 1] = at;
        lastEvent[points - 1] = events;
        if (++inBucket == stride) inBucket = 0;
    }

    /** Cache {@code run} changed during the current point. */
    void changed(int run) {
        if (points == 0) return; // before the first event: the start state, which of() is given
        if (run >= changed.length) {
            changed = Arrays.copyOf(changed, Math.max(run + 1, changed.length * 2));
            changedRuns = Arrays.copyOf(changedRuns, changed.length);
        }
        if (!changed[run]) {
            changed[run] = true;
            changedRuns[changedCount++] = run;
        }
    }

    /** The current point takes the state of each cache that changed in it. */
    private void close() {
        for (int i = 0; i < changedCount; i++) {
            int run = changedRuns[i];
            changed[run] = false;
            while (live.size() <= run) {
                live.add(unset());
                slabs.add(unset());
            }
            ReplayedCache c = caches.get(run);
            live.get(run)[points - 1] = c.sim.live();
            slabs.get(run)[points - 1] = c.slabs();
        }
        changedCount = 0;
    }

    /** Cache {@code run}'s points, from the state it started the trace in. */
    List<PredictedPoint> of(int run, long startLive, long startSlabs) {
        close();
        List<PredictedPoint> out = new ArrayList<>(points);
        long l = startLive, s = startSlabs;
        long[] lives = run < live.size() ? live.get(run) : null, slabCounts = run < slabs.size() ? slabs.get(run) : null;
        for (int p = 0; p < points; p++) {
            if (lives != null && lives[p] != NONE) {
                l = lives[p];
                s = slabCounts[p];
            }
            out.add(new PredictedPoint(lastEvent[p], Double.isNaN(time[p]) ? null : time[p], l, s));
        }
        return out;
    }

    private void halve() {
        int half = MAX_POINTS / 2;
        for (int i = 0; i < half; i++) {
            time[i] = time[2 * i + 1];
            lastEvent[i] = lastEvent[2 * i + 1];
        }
        for (List<long[]> series : List.of(live, slabs)) {
            for (long[] a : series) {
                for (int i = 0; i < half; i++) a[i] = a[2 * i + 1] != NONE ? a[2 * i + 1] : a[2 * i];
                Arrays.fill(a, half, MAX_POINTS, NONE);
            }
        }
        points = half;
        stride *= 2;
    }

    private static long[] unset() {
        long[] a = new long[MAX_POINTS];
        Arrays.fill(a, NONE);
        return a;
    }
}
