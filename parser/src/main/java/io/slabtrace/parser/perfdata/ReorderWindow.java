package io.slabtrace.parser.perfdata;

import io.slabtrace.model.trace.KmemEvent;

import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Puts perf.data's samples back in time order, as perf's ordered-events queue does
 * (tools/perf/util/ordered-events.c, session.c {@code process_finished_round}): perf record empties each
 * CPU's mmap buffer in turn and writes a FINISHED_ROUND after every pass, so a sample can only be overtaken by
 * samples of the same or the next round. At each FINISHED_ROUND the samples up to the latest time seen at the
 * previous one are passed on. Memory: two rounds of samples, and never more than {@link #MAX_HELD}: beyond that
 * the older half goes out early, as perf flushes half its queue when it runs out of room.
 */
final class ReorderWindow {
    static final int MAX_HELD = 500_000;

    private record Held(long time, long seq, KmemEvent event) {
    }

    private final PriorityQueue<Held> queue = new PriorityQueue<>((a, b) -> {
        int c = Long.compareUnsigned(a.time, b.time);
        return c != 0 ? c : Long.compare(a.seq, b.seq);
    });
    private final Consumer<KmemEvent> sink;
    private long seq, maxTime, nextFlush = -1; // -1: nothing may go out before the first round ends
    private int peak;

    ReorderWindow(Consumer<KmemEvent> sink) {
        this.sink = sink;
    }

    void add(long time, KmemEvent e) {
        queue.add(new Held(time, seq++, e));
        if (Long.compareUnsigned(time, maxTime) > 0) maxTime = time;
        peak = Math.max(peak, queue.size());
        if (queue.size() > MAX_HELD) {
            for (int i = MAX_HELD / 2; i > 0; i--) sink.accept(queue.poll().event);
        }
    }

    /** A PERF_RECORD_FINISHED_ROUND: what came before the previous round's latest time is final. */
    void roundFinished() {
        if (nextFlush != -1) flushUpTo(nextFlush);
        nextFlush = maxTime;
    }

    /** The end of the data: everything goes out. */
    void flushAll() {
        while (!queue.isEmpty()) sink.accept(queue.poll().event);
    }

    private void flushUpTo(long limit) {
        while (!queue.isEmpty() && Long.compareUnsigned(queue.peek().time, limit) <= 0) sink.accept(queue.poll().event);
    }

    /** The most samples held at once: what the window cost. */
    int peak() {
        return peak;
    }
}
