package io.slabtrace.model;

/**
 * What the first line of {@code /proc/slabinfo} declared: {@code slabinfo - version: 2.1 (statistics)}.
 *
 * @param version    "1.0", "1.1", "2.0", "2.1", or "unknown" for a capture that lost its header
 * @param statistics the kernel was built with slab statistics (CONFIG_DEBUG_SLAB)
 * @param smp        version 1.1 only: the per-CPU {@code limit batchcount} columns are present
 */
public record SlabinfoFormat(String version, boolean statistics, boolean smp) {

    public static final SlabinfoFormat UNKNOWN = new SlabinfoFormat("unknown", false, false);

    /** Version 1.x lines have {@code active_slabs num_slabs pagesperslab} where 2.x has {@code objperslab pagesperslab}. */
    public boolean isV1() {
        return version.startsWith("1.");
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(version);
        if (statistics) s.append(" (statistics)");
        if (smp) s.append(" (SMP)");
        return s.toString();
    }
}
