package io.slabtrace.model.sim;

import io.slabtrace.model.CacheStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A model set up from counters shows those counters, keeps every invariant, and then runs as any other. */
class PrefillTest {

    @ParameterizedTest(name = "{0} size {1} cpus {2} sheaves {3}: {4} slabs, {5} in use")
    @CsvSource({
            "slub, 1128, 2, 0, 7934, 42786",   // ext4_inode_cache of the live capture: 5.4 of 14 per slab
            "slub, 64, 2, 0, 10, 640",         // every slab full
            "slub, 192, 4, 32, 12, 0",         // nothing in use: empty slabs stay, as the counters say
            "slab, 40, 2, 0, 32, 16",          // seed-like: mostly free, a partial and free slabs
            "slab, 256, 2, 0, 32, 512",
    })
    void theCountersAreThoseGivenAndEveryInvariantHolds(String allocator, int size, int cpus, int sheaves, long slabs, long inUse) {
        SlabSimulator s = SimulatorPropertiesTest.sim(allocator, size, "", false, cpus, 1, false, sheaves);
        List<Integer> held = new ArrayList<>();
        s.prefill(slabs, inUse, held::add);
        s.checkInvariants();
        CacheStats line = s.slabinfo();
        long perSlab = s.layout().objperslab();
        assertEquals(slabs * perSlab, line.numObjs());
        assertEquals(inUse, line.activeObjs());
        assertEquals(inUse, held.size());
        assertEquals(inUse, new HashSet<>(held).size(), "every object handed out once");
        assertEquals(inUse, s.live());
        // and it runs on: frees of what was held, allocations on every CPU
        for (int i = 0; i < held.size(); i += 3) s.free(i % cpus, held.get(i));
        for (int i = 0; i < 100; i++) s.alloc(i % cpus);
        s.checkInvariants();
    }

    @Test
    void onlyANewModelIsPrefilledAndOnlyWithWhatFits() {
        SlabSimulator used = SimulatorPropertiesTest.sim("slub", 64, "", false, 2, 1, false, 0);
        used.alloc(0);
        assertThrows(IllegalStateException.class, () -> used.prefill(1, 1, o -> { }));
        SlabSimulator fresh = SimulatorPropertiesTest.sim("slab", 64, "", false, 2, 1, false, 0);
        assertThrows(IllegalArgumentException.class, () -> fresh.prefill(1, fresh.layout().objperslab() + 1, o -> { }));
    }

    /** A sysfs capture's shape: the model shows the same slabinfo line and the same sysfs counters, and runs on. */
    @Test
    void slubStartsWhereTheCaptureSaysItsSlabsAre() {
        SlubSim s = (SlubSim) SimulatorPropertiesTest.sim("slub", 192, "", false, 2, 1, false, 0);
        long perSlab = s.layout().objperslab(); // 21
        // 10 full slabs, 3 node partial slabs holding 20 objects, a CPU slab on each CPU, one CPU partial slab
        SlubStart start = new SlubStart(10, 3, 20, 2, 1, 3 * perSlab / 2);
        List<Integer> held = new ArrayList<>();
        s.prefill(start, held::add);
        s.checkInvariants();
        CacheStats line = s.slabinfo();
        assertEquals(16 * perSlab, line.numObjs());
        assertEquals(16 * perSlab - (3 * perSlab - 20), line.activeObjs(), "only free objects on node partial slabs are not active (count_partial)");
        assertEquals(3, s.partialSlabs());
        assertEquals(20, s.objectsPartial());
        assertEquals(3, s.cpuSlabs(), "cpu_slabs counts CPU slabs and CPU partial slabs");
        assertEquals(1, s.cpuPartialSlabs());
        assertEquals(10 * perSlab + 20 + 3 * perSlab / 2, held.size());
        long grownBefore = s.slabsGrown();
        for (int i = 0; i < 2 * perSlab; i++) s.alloc(i % 2); // served from the per-CPU slabs' free objects first
        assertEquals(grownBefore, s.slabsGrown(), "the hidden free objects serve allocations before any new slab");
        s.checkInvariants();
        assertThrows(IllegalArgumentException.class, () -> new SlubStart(1, -1, 0, 0, 0, 0));
    }
}
