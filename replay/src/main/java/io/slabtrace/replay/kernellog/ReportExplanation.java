package io.slabtrace.replay.kernellog;

import io.slabtrace.model.log.OomRow;

import java.util.List;

/**
 * What the layout model and the arithmetic make of one report; the CLI words it. Null fields do not apply.
 *
 * @param place          where the bad address falls in the slot
 * @param requests       for a kmalloc cache, the request sizes that land in it
 * @param freedBefore    seconds between the free and the report (KFENCE prints both times)
 * @param leakBytes      kmemleak: the objects' bytes together ({@code count × size})
 * @param leakCache      kmemleak: the kmalloc cache the size lands in when the backtrace shows a kmalloc-family call
 * @param perCpu         kmemleak: per-CPU memory, not slab
 * @param oomTotalKb     OOM: the table's Used column summed
 * @param oomTop         OOM: the largest rows, at most five
 * @param oomTopShare    OOM: the largest cache's share of the table, 0..1
 * @param oomDominant    OOM: one cache holds at least half the table
 * @param slabShareOfRam OOM: unreclaimable slab as a share of RAM (Mem-Info's pages), 0..1, or null
 */
public record ReportExplanation(SlotPlace place, KmallocSizes.Range requests, Double freedBefore, Long leakBytes, String leakCache,
                                boolean perCpu, Long oomTotalKb, List<OomRow> oomTop, Double oomTopShare, boolean oomDominant,
                                Double slabShareOfRam) {
    public static final ReportExplanation NONE = new ReportExplanation(null, null, null, null, null, false, null, List.of(), null, false, null);

    public ReportExplanation {
        oomTop = oomTop == null ? List.of() : List.copyOf(oomTop);
    }
}
