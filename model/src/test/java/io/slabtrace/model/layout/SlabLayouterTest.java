package io.slabtrace.model.layout;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Classic SLAB against the spec's worked example (A.6.1) and real 4.x slabinfo geometries (A.6.2, V.2). */
class SlabLayouterTest {
    static final Machine V61 = Machine.x86_64(2, new KernelVersion(6, 1));

    static CacheLayout slab(int size, int align, String flags, boolean ctor, boolean kmalloc, Machine m) {
        return new SlabLayouter().layout(new CacheSpec("t", size, align, SlabFlag.parseList(flags), ctor, kmalloc, -1, 0), m);
    }

    @Test
    void seedCacheGets63ObjectsBecauseTheIndexArrayTakesOneSlotsWorth() {
        CacheLayout l = slab(40, 8, "HWCACHE_ALIGN", true, false, V61);
        assertEquals(64, l.slotSize());
        assertEquals(SlabFreelist.ON_SLAB, l.freelist());
        assertEquals(63, l.objperslab());
        assertEquals(63, l.freelistBytes());
        assertEquals(1, l.leftoverBytes());
        assertEquals(0, l.order());
        assertEquals(0, l.colour());
        assertEquals(63, l.ctorCallsPerNewSlab());
        assertEquals(new Tunables.Slab(120, 60, 8), l.tunables());
    }

    @Test
    void debugSlabKeepsTheGeometryButRunsTheCtorPerAllocation() {
        CacheLayout l = slab(40, 8, "HWCACHE_ALIGN", true, false, V61.withDebugSlab(true));
        assertEquals(64, l.slotSize());
        assertEquals(63, l.objperslab());
        assertTrue(l.ctorPerAllocation());
        assertEquals(0, l.ctorCallsPerNewSlab());
        assertFalse(l.flags().contains(SlabFlag.RED_ZONE), "align 64 > 8 drops the red zone");
        assertTrue(l.flags().contains(SlabFlag.POISON));
        assertEquals(new Tunables.Slab(32, 16, 8), l.tunables());
    }

    @Test
    void labVariant200BytesHwcacheCtorGives16SlotsOf256() {
        CacheLayout l = slab(200, 8, "HWCACHE_ALIGN", true, false, V61);
        assertEquals(256, l.slotSize());
        assertEquals(16, l.objperslab());
        assertEquals(0, l.order());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // name | size | flags | ctor | kmalloc | slot | num | pages | freelist | colour
            "kmalloc-32 | 32 | | false | true | 32 | 124 | 1 | ON_SLAB | 0",
            "kmalloc-64 | 64 | | false | true | 64 | 64 | 1 | OBJFREELIST | 0",
            "kmalloc-96 | 96 | | false | true | 128 | 32 | 1 | OBJFREELIST | 0",
            "kmalloc-192 | 192 | | false | true | 192 | 21 | 1 | OBJFREELIST | 1",
            "kmalloc-1024 | 1024 | | false | true | 1024 | 4 | 1 | OBJFREELIST | 0",
            "kmalloc-8192 | 8192 | | false | true | 8192 | 1 | 2 | OBJFREELIST | 0",
            "jbd2_revoke_table_s | 16 | RECLAIM_ACCOUNT | false | false | 16 | 240 | 1 | ON_SLAB | 0",
            "jbd2_journal_head | 112 | RECLAIM_ACCOUNT | false | false | 112 | 36 | 1 | OBJFREELIST | 1",
            "kvm_mmu_page_header | 168 | | false | false | 168 | 24 | 1 | OBJFREELIST | 1",
            "drm_i915_gem_request | 576 | HWCACHE_ALIGN | false | false | 576 | 7 | 1 | OBJFREELIST | 1",
            "raid6-md0 | 5984 | | false | false | 5984 | 1 | 2 | OBJFREELIST | 34",
            "kvm_vcpu | 16192 | | false | false | 16192 | 1 | 4 | OBJFREELIST | 3",
            "kmem_cache | 192 | HWCACHE_ALIGN | false | false | 192 | 21 | 1 | OBJFREELIST | 1",
            "40 align 8 ctor | 40 | | true | false | 40 | 99 | 1 | ON_SLAB | 0",
    })
    void realSlabGeometries(String name, int size, String flags, boolean ctor, boolean kmalloc,
                            long slot, long num, long pages, SlabFreelist freelist, long colour) {
        CacheLayout l = slab(size, 8, flags, ctor, kmalloc, V61);
        assertEquals(slot, l.slotSize(), "slot");
        assertEquals(num, l.objperslab(), "num");
        assertEquals(pages, l.pagesperslab(), "pages");
        assertEquals(freelist, l.freelist(), "freelist");
        assertEquals(colour, l.colour(), "colour");
    }

    @Test
    void oneCpuHasNoSharedArray() {
        assertEquals(0, ((Tunables.Slab) slab(40, 8, "HWCACHE_ALIGN", true, false, Machine.x86_64(1, new KernelVersion(6, 1))).tunables()).sharedfactor());
    }
}
