package io.slabtrace.model.trace;

/**
 * What reading a trace showed about the trace itself.
 *
 * @param lostEvents     entries-written minus entries-in-buffer from the header, plus every {@code [LOST N EVENTS]}
 * @param otherEvents    lines of events that are not kmem allocations or frees (skipped)
 * @param skippedLines   lines that looked like events but could not be read
 */
public record TraceStats(long events, long lostEvents, long otherEvents, long skippedLines, String source) {
    public boolean lossy() {
        return lostEvents > 0;
    }
}
