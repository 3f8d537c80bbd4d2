package io.slabtrace.parser.perfdata;

import io.slabtrace.model.trace.KmemEvent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Puts perf.data's samples back in time order, as perf's ordered-events queue does
 * (tools/perf/util/ordered-events.c, session.c {@code process_finished_round}): perf record empties each
 * CPU's mmap buffer in turn and writes a FINISHED_ROUND after every pass, so a sample can only be overtaken by
 * samples of the same or the next round. At each FINISHED_ROUND the samples up to the latest time seen at the
 * previous one are passed on. Memory: two rounds of samples, and never more than {@link #MAX_HELD}: beyond that
 * the older half goes out early, as perf flushes half its queue when it runs out of room.
 * <p>The held samples are sorted when a round ends rather than kept in a heap: a round is a few runs already in
 * order (one per CPU buffer), which a stable merge sort joins in about linear time, and equal times keep their
 * file order as in perf's queue.
 */
final class ReorderWindow {
    static final int MAX_HELD = 500_000;

    private record Held(long time, KmemEvent event) {
    }

    private static final Comparator<Held> BY_TIME = (a, b) -> Long.compareUnsigned(a.time, b.time);

    private List<Held> held = new ArrayList<>();
    private final Consumer<KmemEvent> sink;
    private long maxTime, nextFlush;
    private boolean roundSeen;
    private int peak;

    ReorderWindow(Consumer<KmemEvent> sink) {
        this.sink = sink;
    }

    void add(long time, KmemEvent e) {
        held.add(new Held(time, e));
        if (Long.compareUnsigned(time, maxTime) > 0) maxTime = time;
        peak = Math.max(peak, held.size());
        if (held.size() > MAX_HELD) {
            held.sort(BY_TIME);
            emit(MAX_HELD / 2);
        }
    }

    /** A PERF_RECORD_FINISHED_ROUND: what came before the previous round's latest time is final. */
    void roundFinished() {
        if (roundSeen) {
            held.sort(BY_TIME);
            int n = 0;
            while (n < held.size() && Long.compareUnsigned(held.get(n).time, nextFlush) <= 0) n++;
            emit(n);
        }
        roundSeen = true;
        nextFlush = maxTime;
    }

    /** The end of the data: everything goes out. */
    void flushAll() {
        held.sort(BY_TIME);
        emit(held.size());
    }

    /** Passes on the first {@code n} held samples (sorted) and keeps the rest. */
    private void emit(int n) {
        for (int i = 0; i < n; i++) sink.accept(held.get(i).event);
        held = n == held.size() ? new ArrayList<>() : new ArrayList<>(held.subList(n, held.size()));
    }

    /** The most samples held at once: what the window cost. */
    int peak() {
        return peak;
    }
}
