package io.slabtrace.model.sim;

import io.slabtrace.model.CacheStats;
import io.slabtrace.model.layout.CacheLayout;
import io.slabtrace.model.layout.CacheSpec;
import io.slabtrace.model.layout.KernelVersion;
import io.slabtrace.model.layout.Machine;
import io.slabtrace.model.layout.SlabFlag;
import io.slabtrace.model.layout.SlabLayouter;
import io.slabtrace.model.layout.SlubLayouter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random workloads, thousands of operations each, on both allocators and several CPU and node
 * counts: after every step every object is in exactly one place, list membership matches slab
 * fill, counters equal a recount, no live object is handed out twice, and constructor calls equal
 * grown slabs times objects per slab. A failure names its seed.
 */
class SimulatorPropertiesTest {

    static SlabSimulator sim(String allocator, int size, String flags, boolean ctor, int cpus, int nodes, boolean debugSlab, int sheaves) {
        Machine m = Machine.x86_64(cpus, allocator.equals("slab") ? new KernelVersion(6, 1) : KernelVersion.V6_18).withDebugSlab(debugSlab);
        CacheSpec spec = new CacheSpec("prop", size, 8, SlabFlag.parseList(flags), ctor, false, -1, sheaves);
        CacheLayout l = allocator.equals("slab") ? new SlabLayouter().layout(spec, m) : new SlubLayouter().layout(spec, m);
        return allocator.equals("slab") ? new SlabSim(l, nodes) : new SlubSim(l, nodes);
    }

    @ParameterizedTest(name = "{0} size {1} flags [{2}] ctor {3} cpus {4} nodes {5} debug {6} sheaves {7} seed {8}")
    @CsvSource({
            "slub, 40, HWCACHE_ALIGN, true, 1, 1, false, 0, 1",
            "slub, 40, HWCACHE_ALIGN, true, 2, 1, false, 0, 2",
            "slub, 200, , false, 4, 2, false, 0, 3",
            "slub, 192, , true, 8, 1, false, 0, 4",
            "slub, 96, 'F,Z,P,U', true, 2, 1, false, 0, 5",
            "slub, 192, TYPESAFE_BY_RCU, false, 4, 1, false, 32, 6",
            "slub, 4000, , false, 3, 1, false, 0, 7",
            "slab, 40, HWCACHE_ALIGN, true, 1, 1, false, 0, 11",
            "slab, 40, HWCACHE_ALIGN, true, 2, 1, false, 0, 12",
            "slab, 200, , false, 4, 2, false, 0, 13",
            "slab, 256, , true, 2, 2, true, 0, 14",
            "slab, 1500, , false, 8, 4, false, 0, 15",
            "slab, 64, , false, 3, 1, true, 0, 16",
    })
    void randomWorkloadsKeepEveryInvariant(String allocator, int size, String flags, boolean ctor, int cpus, int nodes,
                                           boolean debugSlab, int sheaves, long seed) {
        SlabSimulator s = sim(allocator, size, flags == null ? "" : flags, ctor, cpus, nodes, debugSlab, sheaves);
        Random r = new Random(seed);
        List<Integer> live = new ArrayList<>();
        Set<Integer> liveSet = new HashSet<>();
        for (int step = 0; step < 4000; step++) {
            int op = r.nextInt(100);
            int cpu = r.nextInt(cpus);
            try {
                if (op < 55 || live.isEmpty()) {
                    int burst = 1 + r.nextInt(r.nextInt(10) == 0 ? 200 : 5);
                    for (int i = 0; i < burst; i++) {
                        int o = s.alloc(cpu);
                        assertTrue(liveSet.add(o), "object " + o + " handed out twice while live");
                        live.add(o);
                    }
                } else if (op < 95) {
                    int burst = 1 + r.nextInt(r.nextInt(10) == 0 ? 200 : 5);
                    for (int i = 0; i < burst && !live.isEmpty(); i++) {
                        int o = live.remove(r.nextInt(live.size()));
                        liveSet.remove(o);
                        s.free(cpu, o);
                    }
                } else if (op < 98) {
                    s.tick(r.nextInt(5000));
                } else {
                    s.shrink();
                }
                s.checkInvariants();
                assertEquals(live.size(), s.live());
                CacheStats c = s.slabinfo();
                assertTrue(c.activeObjs() >= live.size() && c.activeObjs() <= c.numObjs(), c.toString());
                assertEquals(c.numSlabs() * c.objperslab(), c.numObjs());
            } catch (AssertionError | IllegalStateException e) {
                throw new AssertionError("seed " + seed + ", step " + step + ": " + e.getMessage(), e);
            }
        }
        for (int o : live) s.free(0, o);
        assertEquals(0, s.destroy());
        s.checkInvariants();
        assertEquals(0, s.slabinfo().numSlabs(), "a destroyed cache holds no slabs");
        assertEquals(s.slabsGrown(), s.slabsFreed());
    }
}
