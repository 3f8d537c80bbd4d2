package io.slabtrace.replay.trace.result;

/**
 * The bytes a call site still holds at the end of the trace, by when they were allocated: at each time, what of its
 * survivors had been allocated by then. Its growth is where the memory that stays came from.
 *
 * @param seconds    times since the trace's first event
 * @param bytesHeld  at each time, the bytes of the survivors allocated by then (the last is the site's live bytes)
 */
public record HeldSeries(String callSite, String cache, double[] seconds, long[] bytesHeld) {
    public HeldSeries {
        if (seconds.length != bytesHeld.length) throw new IllegalArgumentException("one value per time");
    }

    /** For tables and charts: the site with its cache. */
    public String label() {
        return callSite + " (" + cache + ")";
    }
}
