package io.slabtrace.model.trace;

/** Counts a trace's events by tracepoint and its frees of NULL, the same way for every reader (text, trace.dat, perf.data). */
public final class EventTally {
    private final long[] byKind = new long[KmemEvent.Kind.values().length];
    private long nullFrees;

    public void count(KmemEvent e) {
        byKind[e.kind().ordinal()]++;
        if (e.ptr() == 0 && !e.kind().isAlloc()) nullFrees++; // kfree(NULL) is legal and traced (mm/slub.c kfree)
    }

    public TraceStats.KindCounts counts() {
        return TraceStats.KindCounts.of(byKind);
    }

    /** Events counted: every one is counted once, by its tracepoint. */
    public long events() {
        return counts().total();
    }

    /** The stats of a read: what was counted here, and what the reader knows of losses and lines it skipped. */
    public TraceStats stats(long lost, long other, long skipped, String source, long lossMarkers) {
        return new TraceStats(events(), lost, other, skipped, source, counts(), nullFrees, lossMarkers);
    }
}
