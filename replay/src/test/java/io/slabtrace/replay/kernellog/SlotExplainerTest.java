package io.slabtrace.replay.kernellog;

import io.slabtrace.model.layout.KernelVersion;
import io.slabtrace.model.layout.Machine;
import io.slabtrace.model.log.KernelReport;
import io.slabtrace.model.log.LogTime;
import io.slabtrace.model.log.ReportFacts;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Where a report's offset falls in the slot the SLUB model computes. */
class SlotExplainerTest {
    static final Machine M = Machine.x86_64(2, KernelVersion.NEWEST);

    @ParameterizedTest(name = "{0} {1}+{2} {3}")
    @CsvSource({
            // kind, detector, cache, object size, offset, region (request) size, expected place
            "OUT_OF_BOUNDS, KASAN, kmalloc-128, 128, 123, 128, INSIDE_OBJECT",
            "OUT_OF_BOUNDS, KASAN, kmalloc-128, 128, 123, 100, KMALLOC_SLACK",
            "OUT_OF_BOUNDS, KASAN, kmalloc-192, 192, 192, 192, NEXT_OBJECT",
            "OUT_OF_BOUNDS, KASAN, kernfs_node_cache, 88, -8, 88, PREVIOUS_OBJECT",
            "USE_AFTER_FREE, KASAN, kmalloc-64, 64, 32, 64, FREE_POINTER",
            "REDZONE_OVERWRITTEN, SLUB_DEBUG, kmalloc-16, -1, 16, -1, RIGHT_RED_ZONE",
            "OUT_OF_BOUNDS, KFENCE, kmalloc-32, 32, -1, -1, KFENCE_GUARD",
    })
    void placeInTheSlot(KernelReport.Kind kind, KernelReport.Detector detector, String cache, long size, long offset, long region, SlotPlace.Place want) {
        ReportFacts n = ReportFacts.NONE;
        ReportFacts f = new ReportFacts(size < 0 ? null : size, region < 0 ? null : region, offset, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, List.of(), null, null, null, 0, 0);
        KernelReport r = new KernelReport(kind, detector, cache, "", 1, LogTime.NONE, List.of(), f);
        assertEquals(want, SlotExplainer.place(r, M).place());
        assertEquals(n, ReportFacts.NONE);
    }
}
