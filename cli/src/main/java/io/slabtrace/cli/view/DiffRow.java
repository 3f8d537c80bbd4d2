package io.slabtrace.cli.view;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.slabtrace.replay.series.CacheDelta;

import java.util.Locale;

/** One cache of {@code diff}; {@code status} is "new" or "gone" for caches that appeared or vanished, else absent. */
@JsonPropertyOrder({"name", "status", "active_objs_delta", "num_objs_delta", "num_slabs_delta", "memory_bytes_delta",
        "memory_bytes_before", "memory_bytes_after", "utilization_before", "utilization_after"})
public record DiffRow(
        String name,
        String status,
        long activeObjsDelta,
        long numObjsDelta,
        long numSlabsDelta,
        long memoryBytesDelta,
        long memoryBytesBefore,
        long memoryBytesAfter,
        Double utilizationBefore,
        Double utilizationAfter) {

    public static DiffRow of(CacheDelta d) {
        String status = d.status() == CacheDelta.Status.CHANGED ? null : d.status().name().toLowerCase(Locale.ROOT);
        return new DiffRow(d.key().name(), status, d.activeObjsDelta(), d.numObjsDelta(), d.numSlabsDelta(),
                d.memoryBytesDelta(), d.memoryBytesBefore(), d.memoryBytesAfter(),
                round(d.utilizationBefore()), round(d.utilizationAfter()));
    }

    public boolean unchanged() {
        return status == null && activeObjsDelta == 0 && numObjsDelta == 0 && numSlabsDelta == 0;
    }

    private static Double round(Double v) {
        return v == null ? null : Math.round(v * 1e6) / 1e6;
    }
}
