package io.slabtrace.replay.trace;

import io.slabtrace.model.trace.KmemEvent;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class KmallocCachesTest {
    private static KmemEvent kmalloc(long bytesAlloc, String gfp, Boolean accounted) {
        return new KmemEvent(KmemEvent.Kind.KMALLOC, 0, 1.0, "f+0x1/0x2", 0xabc, null, bytesAlloc, bytesAlloc, gfp, -1, accounted);
    }

    /** What the snapshot shows: a resolver of cache names, merged ones to the cache that holds them. */
    private static UnaryOperator<String> snapshot(Map<String, String> names) {
        return names::get;
    }

    @Test
    void theSizeClassIsSpelledAsTheSnapshotSpellsIt() {
        UnaryOperator<String> newer = snapshot(Map.of("kmalloc-1k", "kmalloc-1k")), older = snapshot(Map.of("kmalloc-1024", "kmalloc-1024"));
        assertEquals("kmalloc-1k", KmallocCaches.of(kmalloc(1024, "GFP_KERNEL", false), newer, 8192));
        assertEquals("kmalloc-1024", KmallocCaches.of(kmalloc(1024, "GFP_KERNEL", false), older, 8192));
    }

    @Test
    void theFamilyFollowsTheFlagsAndAMergedCacheCountsUnderItsCreator() {
        UnaryOperator<String> s = snapshot(Map.of("kmalloc-64", "kmalloc-64", "kmalloc-cg-64", "kmalloc-cg-64",
                "kmalloc-rcl-64", "kmalloc-rcl-64", "dma-kmalloc-64", "ext4_prealloc_space")); // merged: sysfs aliases it
        assertEquals("kmalloc-cg-64", KmallocCaches.of(kmalloc(64, "GFP_KERNEL", true), s, 8192));
        assertEquals("kmalloc-cg-64", KmallocCaches.of(kmalloc(64, "GFP_KERNEL_ACCOUNT", null), s, 8192));
        assertEquals("kmalloc-rcl-64", KmallocCaches.of(kmalloc(64, "GFP_KERNEL|__GFP_RECLAIMABLE", false), s, 8192));
        assertEquals("ext4_prealloc_space", KmallocCaches.of(kmalloc(64, "GFP_DMA", false), s, 8192));
        assertEquals("ext4_prealloc_space", KmallocCaches.of(kmalloc(64, "GFP_KERNEL|__GFP_DMA", false), s, 8192));
        // GFP_DMA32 is another zone: kmalloc_type() gives it no cache of its own
        assertEquals("kmalloc-64", KmallocCaches.of(kmalloc(64, "GFP_KERNEL|GFP_DMA32", false), s, 8192));
    }

    @Test
    void aFamilyTheKernelLacksFallsBackToPlainKmallocAndTooLargeIsThePageAllocators() {
        UnaryOperator<String> noMemcg = snapshot(Map.of("kmalloc-64", "kmalloc-64"));
        assertEquals("kmalloc-64", KmallocCaches.of(kmalloc(64, "GFP_KERNEL", true), noMemcg, 8192));
        assertEquals("kmalloc-cg-96", KmallocCaches.of(kmalloc(96, "GFP_KERNEL", true), noMemcg, 8192), "neither is known: the name it would have");
        assertNull(KmallocCaches.of(kmalloc(16384, "GFP_KERNEL", false), noMemcg, 8192));
    }
}
