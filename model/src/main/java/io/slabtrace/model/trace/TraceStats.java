package io.slabtrace.model.trace;

/**
 * What reading a trace showed about the trace itself.
 *
 * @param events         kmem events read (every kind, kfree of NULL included)
 * @param lostEvents     events the kernel counted as lost: entries-written minus entries-in-buffer from the header, every
 *                       {@code [LOST N EVENTS]}, the ring-buffer pages' missed-event counts
 * @param otherEvents    lines of events that are not kmem allocations or frees (skipped)
 * @param skippedLines   lines that name a kmem event but could not be read: counted, never dropped in silence
 * @param byKind         the events read, per tracepoint
 * @param nullFrees      kfree/kmem_cache_free of NULL ({@code ptr=(nil)}): counted as events, nothing to replay
 * @param lossMarkers    places where events were dropped without a count: the tracer's {@code [EVENTS DROPPED]}, or an
 *                       input that ends early (a cut-off gzip stream): loss of unknown size
 */
public record TraceStats(long events, long lostEvents, long otherEvents, long skippedLines, String source,
                         KindCounts byKind, long nullFrees, long lossMarkers) {

    /** Events per tracepoint ({@code _node} variants with their base event). */
    public record KindCounts(long kmalloc, long kmemCacheAlloc, long kfree, long kmemCacheFree) {
        /** From counts indexed by {@link KmemEvent.Kind#ordinal()}. */
        public static KindCounts of(long[] byOrdinal) {
            return new KindCounts(byOrdinal[KmemEvent.Kind.KMALLOC.ordinal()], byOrdinal[KmemEvent.Kind.KMEM_CACHE_ALLOC.ordinal()],
                    byOrdinal[KmemEvent.Kind.KFREE.ordinal()], byOrdinal[KmemEvent.Kind.KMEM_CACHE_FREE.ordinal()]);
        }

        public long total() {
            return kmalloc + kmemCacheAlloc + kfree + kmemCacheFree;
        }
    }

    /** The kernel lost events, counted or not. */
    public boolean lossy() {
        return lostEvents > 0 || lossMarkers > 0;
    }

    /** Anything short of every event read: the replay's figures are then approximate. */
    public boolean approximate() {
        return lossy() || skippedLines > 0;
    }
}
