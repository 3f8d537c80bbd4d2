package io.slabtrace.model;

/**
 * The statistics columns CONFIG_DEBUG_SLAB appends to a line ({@code slabinfo_show_stats} in
 * {@code mm/slab.c}). Values are unsigned in the kernel; {@link #NOT_REPORTED} marks a column the
 * format version does not print (2.0 has {@code freelimit} instead of the three NUMA counters).
 */
public record SlabDebugStats(
        long listallocs,
        long maxobjs,
        long grown,
        long reaped,
        long error,
        long maxfreeable,
        long nodeallocs,
        long remotefrees,
        long alienoverflow,
        long freelimit,
        long allochit,
        long allocmiss,
        long freehit,
        long freemiss) {

    public static final long NOT_REPORTED = Long.MIN_VALUE;

    public static boolean reported(long value) {
        return value != NOT_REPORTED;
    }
}
