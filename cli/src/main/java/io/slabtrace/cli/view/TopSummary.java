package io.slabtrace.cli.view;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The summary object of {@code top --format json}. */
@JsonPropertyOrder({"source", "allocator", "format", "timestamp", "page_size", "caches", "active_objs", "num_objs",
        "active_slabs", "num_slabs", "memory_bytes", "used_bytes", "waste_bytes", "utilization", "snapshots",
        "skipped_lines", "active_is_upper_bound"})
public record TopSummary(
        String source,
        String allocator,
        String format,
        String timestamp,
        long pageSize,
        int caches,
        long activeObjs,
        long numObjs,
        long activeSlabs,
        long numSlabs,
        long memoryBytes,
        long usedBytes,
        long wasteBytes,
        double utilization,
        long snapshots,
        long skippedLines,
        boolean activeIsUpperBound) {
}
