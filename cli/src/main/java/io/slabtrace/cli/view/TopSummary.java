package io.slabtrace.cli.view;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.slabtrace.model.Allocator;
import io.slabtrace.model.Snapshot;
import io.slabtrace.model.SnapshotTotals;

/** The summary object of {@code top --format json}: where the snapshot came from, then its totals, flat. */
@JsonPropertyOrder({"source", "allocator", "format", "timestamp", "page_size", "totals", "utilization", "snapshots",
        "skipped_lines", "active_is_upper_bound"})
public record TopSummary(
        String source,
        String allocator,
        String format,
        String timestamp,
        long pageSize,
        @JsonUnwrapped SnapshotTotals totals,
        double utilization,
        long snapshots,
        long skippedLines,
        boolean activeIsUpperBound) {

    /** {@code last} of {@code snapshots} read from {@code source}; SLUB's active counts are upper bounds (CPU slabs count as in use). */
    public static TopSummary of(String source, Snapshot last, long pageSize, long snapshots, long skippedLines) {
        SnapshotTotals t = SnapshotTotals.of(last, pageSize);
        Allocator allocator = last.allocator();
        return new TopSummary(source, allocator.label(), last.format().toString(),
                last.timestamp() == null ? null : last.timestamp().toString(), pageSize, t,
                Math.round(t.utilization() * 1e6) / 1e6, snapshots, skippedLines, allocator == Allocator.SLUB);
    }
}
