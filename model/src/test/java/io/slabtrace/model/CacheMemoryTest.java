package io.slabtrace.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CacheMemoryTest {

    static CacheStats slub(String name, long active, long objs, long objsize, long perSlab, long pages, long slabs) {
        return new CacheStats(name, active, objs, objsize, perSlab, pages, 0, 0, 0, slabs, slabs, 0, false, null);
    }

    @Test
    void dentryOnThisHostDecomposesExactly() {
        // dentry 237300 237300 192 21 1 : tunables 0 0 0 : slabdata 11300 11300 0 (spec D.6)
        CacheMemory m = CacheMemory.of(slub("dentry", 237300, 237300, 192, 21, 1, 11300), 4096);
        assertEquals(46_284_800, m.memoryBytes());
        assertEquals(45_561_600, m.usedBytes());
        assertEquals(0, m.freeSlotBytes());
        assertEquals(11300L * (4096 - 21 * 192), m.slabTailBytes());
        assertEquals(m.memoryBytes(), m.usedBytes() + m.freeSlotBytes() + m.slabTailBytes());
        assertEquals(1.0, m.utilization());
    }

    @Test
    void classicSlabSeedCacheHasOneByteTailAndFreeSlots() {
        // custom-6.1.192-slab/seed: slab_test_cache 16 63 64 63 1 : tunables 120 60 8 : slabdata 1 1 0
        CacheStats c = new CacheStats("slab_test_cache", 16, 63, 64, 63, 1, 120, 60, 8, 1, 1, 0, false, null);
        CacheMemory m = CacheMemory.of(c, 4096);
        assertEquals(4096, m.memoryBytes());
        assertEquals(16 * 64, m.usedBytes());
        assertEquals(47 * 64, m.freeSlotBytes());
        assertEquals(4096 - 63 * 64, m.slabTailBytes());
        assertEquals(m.freeSlotBytes() + m.slabTailBytes(), m.wasteBytes());
        assertEquals(16.0 / 63, m.utilization(), 1e-12);
    }

    @Test
    void pageSizeScalesMemoryAndTailOnly() {
        CacheStats c = slub("kmalloc-64", 1000, 1024, 64, 1024, 1, 1);
        CacheMemory m = CacheMemory.of(c, 65536);
        assertEquals(65536, m.memoryBytes());
        assertEquals(0, m.slabTailBytes());
        assertEquals(24 * 64, m.wasteBytes());
    }

    @Test
    void emptyCacheHasZeroUtilizationNotNaN() {
        assertEquals(0.0, CacheMemory.of(slub("x", 0, 0, 64, 64, 1, 0), 4096).utilization());
    }

    @Test
    void countsConsistencyFlagsOrderFallback() {
        assertEquals(true, slub("a", 1, 64, 64, 64, 1, 1).countsConsistent());
        assertEquals(false, slub("b", 1, 60, 64, 64, 1, 1).countsConsistent());
    }

    @Test
    void inconsistentCountsStillSplitMemoryIntoUsedAndWaste() {
        // telegraf's fixture (plugins/inputs/slab/testdata/slabinfo): 7329 slabs x 32 per slab = 234528 slots, num_objs 234304
        CacheMemory m = CacheMemory.of(slub("kmalloc-1024", 155845, 234304, 1024, 32, 8, 7329), 4096);
        assertEquals(7329L * 8 * 4096, m.memoryBytes());
        assertEquals(224L * 1024, m.unaccountedBytes());
        assertEquals(229_376, m.unaccountedBytes());
        assertEquals(m.memoryBytes() - m.usedBytes(), m.wasteBytes());
        assertEquals(m.wasteBytes(), m.freeSlotBytes() + m.slabTailBytes() + m.unaccountedBytes());
    }

    @Test
    void moreObjectsThanTheSlabsHoldGiveNegativeUnaccounted() {
        CacheMemory m = CacheMemory.of(slub("x", 10, 70, 64, 64, 1, 1), 4096);
        assertEquals(-6 * 64, m.unaccountedBytes());
        assertEquals(4096 - 640, m.wasteBytes());
        assertEquals(0, CacheMemory.of(slub("dentry", 237300, 237300, 192, 21, 1, 11300), 4096).unaccountedBytes());
    }
}
