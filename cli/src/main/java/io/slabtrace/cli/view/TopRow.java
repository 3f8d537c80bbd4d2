package io.slabtrace.cli.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.slabtrace.model.CacheMemory;
import io.slabtrace.model.CacheStats;
import io.slabtrace.replay.series.CacheKey;
import io.slabtrace.replay.series.SeriesPeaks;

import java.util.ArrayList;
import java.util.List;

/**
 * One cache as {@code top} reports it. Field names are an interface (README, "Output fields"):
 * the kernel's column names, then the derived figures, then the series peak; {@code unaccounted_bytes}
 * came later and is last so CSV columns keep their places.
 */
@JsonPropertyOrder({"name", "active_objs", "num_objs", "objsize", "objperslab", "pagesperslab",
        "limit", "batchcount", "sharedfactor", "active_slabs", "num_slabs", "sharedavail",
        "memory_bytes", "used_bytes", "free_slot_bytes", "slab_tail_bytes", "waste_bytes", "utilization",
        "peak_memory_bytes", "peak_at", "peak_snapshot", "counts_consistent", "unaccounted_bytes"})
public record TopRow(
        String name,
        long activeObjs,
        long numObjs,
        long objsize,
        long objperslab,
        long pagesperslab,
        long limit,
        long batchcount,
        long sharedfactor,
        long activeSlabs,
        long numSlabs,
        long sharedavail,
        long memoryBytes,
        long usedBytes,
        long freeSlotBytes,
        long slabTailBytes,
        long wasteBytes,
        double utilization,
        long peakMemoryBytes,
        @JsonInclude(JsonInclude.Include.ALWAYS) String peakAt,
        long peakSnapshot,
        boolean countsConsistent,
        long unaccountedBytes) {

    /** Every cache of the last snapshot read, each with its peak over the series. */
    public static List<TopRow> ofLast(SeriesPeaks series, long pageSize) {
        List<CacheKey> keys = series.lastKeys();
        List<TopRow> rows = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) rows.add(of(series.last().caches().get(i), pageSize, series.peak(keys.get(i))));
        return rows;
    }

    public static TopRow of(CacheStats c, long pageSize, SeriesPeaks.Peak peak) {
        CacheMemory m = CacheMemory.of(c, pageSize);
        return new TopRow(c.name(), c.activeObjs(), c.numObjs(), c.objsize(), c.objperslab(), c.pagesperslab(),
                c.limit(), c.batchcount(), c.sharedfactor(), c.activeSlabs(), c.numSlabs(), c.sharedavail(),
                m.memoryBytes(), m.usedBytes(), m.freeSlotBytes(), m.slabTailBytes(), m.wasteBytes(),
                Math.round(m.utilization() * 1e6) / 1e6,
                peak.memoryBytes(), peak.at() == null ? null : peak.at().toString(), peak.snapshot(),
                c.countsConsistent(), m.unaccountedBytes());
    }
}
