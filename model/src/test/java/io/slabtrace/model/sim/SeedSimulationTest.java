package io.slabtrace.model.sim;

import io.slabtrace.model.SlabinfoLine;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** One allocation from the seed's cache: 64 constructor calls on SLUB, 63 on SLAB, 1 with CONFIG_DEBUG_SLAB. */
class SeedSimulationTest {

    static String normal(String line) {
        return line.replaceAll("\\s+", " ");
    }

    @Test
    void slub64() {
        SlabSimulator s = SimulatorPropertiesTest.sim("slub", 40, "HWCACHE_ALIGN", true, 2, 1, false, 0);
        s.alloc(0);
        assertEquals(64, s.ctorCalls());
        assertEquals("slab_test_cache 64 64 64 64 1 : tunables 0 0 0 : slabdata 1 1 0".replace("slab_test_cache", "prop"),
                normal(SlabinfoLine.of(s.slabinfo())));
    }

    @Test
    void slab63BecauseTheFirstRefillTakes16() {
        SlabSimulator s = SimulatorPropertiesTest.sim("slab", 40, "HWCACHE_ALIGN", true, 2, 1, false, 0);
        s.alloc(0);
        assertEquals(63, s.ctorCalls());
        assertEquals("prop 16 63 64 63 1 : tunables 120 60 8 : slabdata 1 1 0", normal(SlabinfoLine.of(s.slabinfo())));
    }

    @Test
    void debugSlabRunsTheConstructorPerAllocation() {
        SlabSimulator s = SimulatorPropertiesTest.sim("slab", 40, "HWCACHE_ALIGN", true, 2, 1, true, 0);
        s.alloc(0);
        assertEquals(1, s.ctorCalls());
        s.alloc(0);
        assertEquals(2, s.ctorCalls());
        assertEquals(1, s.slabsGrown());
    }

    @Test
    void slubDebugCacheCountsExactly() {
        SlabSimulator s = SimulatorPropertiesTest.sim("slub", 40, "HWCACHE_ALIGN,F,Z,P,U", true, 2, 1, false, 0);
        s.alloc(0);
        assertEquals(21, s.ctorCalls());
        assertEquals("prop 1 21 192 21 1 : tunables 0 0 0 : slabdata 1 1 0", normal(SlabinfoLine.of(s.slabinfo())));
    }
}
