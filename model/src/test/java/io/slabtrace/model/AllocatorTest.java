package io.slabtrace.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AllocatorTest {
    static final SlabinfoFormat V21 = new SlabinfoFormat("2.1", false, false);

    static CacheStats row(long limit, long activeSlabs, long slabs) {
        return new CacheStats("c", 1, 64, 64, 64, 1, limit, limit / 2, limit == 0 ? 0 : 8, activeSlabs, slabs, 0, false, null);
    }

    @Test
    void tunablesMeanClassicSlab() {
        assertEquals(Allocator.SLAB, Allocator.detect(V21, List.of(row(120, 1, 2), row(54, 3, 3))));
    }

    @Test
    void zeroTunablesAndAllSlabsActiveMeanSlub() {
        assertEquals(Allocator.SLUB, Allocator.detect(V21, List.of(row(0, 2, 2), row(0, 0, 0))));
    }

    @Test
    void aHandEditedLineDoesNotOutvoteTheRest() {
        assertEquals(Allocator.SLUB, Allocator.detect(V21, List.of(row(0, 2, 2), row(0, 1, 1), row(10, 40, 50))));
    }

    @Test
    void zeroTunablesWithIdleSlabsIsNeither() {
        assertEquals(Allocator.UNKNOWN, Allocator.detect(V21, List.of(row(0, 215, 216))));
    }

    @Test
    void version1IsAlwaysSlab() {
        assertEquals(Allocator.SLAB, Allocator.detect(new SlabinfoFormat("1.1", false, true), List.of(row(0, 1, 1))));
    }
}
