package io.slabtrace.replay.trace;

import io.slabtrace.model.Allocator;
import io.slabtrace.model.CacheStats;
import io.slabtrace.model.Snapshot;
import io.slabtrace.model.layout.KernelVersion;
import io.slabtrace.model.layout.Machine;
import io.slabtrace.model.layout.ObservedLayout;
import io.slabtrace.model.sim.SlabSim;
import io.slabtrace.model.sim.SlabSimulator;
import io.slabtrace.model.sim.SlubSim;
import io.slabtrace.parser.Problems;
import io.slabtrace.parser.slabinfo.SlabinfoReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A replay starts each cache from the snapshot before the trace: the model must then show exactly
 * that snapshot's line, whatever the allocator does with frees (an earlier prefill that allocated
 * everything and freed the difference let SLUB discard emptied slabs and SLAB keep freed objects in
 * its arrays: 40 of 129 live caches started off their counters, ext4_inode_cache at 42,882 objects
 * instead of 111,076).
 */
class ReplayStartTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"live-6.18", "lab/debian-6.1.0-56-slub/seed", "lab/custom-6.1.192-slab/seed",
            "lab/custom-6.1.192-slab-debug/seed", "lab/custom-6.1.192-slub-stats/lab-200-hw-ctor-n500-every-other"})
    void everyCacheStartsAtItsSnapshotLine(String capture) throws Exception {
        Snapshot before = new SlabinfoReader(Problems.collecting()).readAll(TraceReplayTest.sample(capture + "/slabinfo.before").toString()).get(0);
        boolean slab = before.allocator() == Allocator.SLAB;
        Machine m = Machine.x86_64(2, KernelVersion.parse(slab ? "6.1" : capture.startsWith("live") ? "6.18" : "6.1"));
        int checked = 0;
        for (CacheStats c : before.caches()) {
            SlabSimulator sim = slab ? new SlabSim(ObservedLayout.of(c, before.allocator(), m), 1) : new SlubSim(ObservedLayout.of(c, before.allocator(), m), 1);
            new ReplayedCache(0, c.name(), c, sim, m.cpus());
            CacheStats start = sim.slabinfo();
            assertEquals(c.activeObjs() + "/" + c.numObjs(), start.activeObjs() + "/" + start.numObjs(), capture + " " + c.name());
            sim.checkInvariants();
            checked++;
        }
        assertTrue(checked > 50, capture + ": caches " + checked);
    }

    /** The start from the counters alone, CPU partial slabs and all, shows exactly the snapshot's line too. */
    @org.junit.jupiter.api.Test
    void theCountersStartShowsTheSnapshotLine() throws Exception {
        Snapshot before = new SlabinfoReader(Problems.collecting()).readAll(TraceReplayTest.sample("live-6.18/slabinfo.before").toString()).get(0);
        Machine m = Machine.x86_64(2, KernelVersion.V6_18);
        int shaped = 0, withCpuPartial = 0;
        for (CacheStats c : before.caches()) {
            SlubSim sim = new SlubSim(ObservedLayout.of(c, Allocator.SLUB, m), 1);
            io.slabtrace.model.sim.SlubStart s = StartShapes.fromCounters(c, sim.layout(), m.cpus());
            if (s == null) continue;
            new ReplayedCache(0, c.name(), c, s, false, sim, m.cpus());
            assertEquals(c.activeObjs() + "/" + c.numObjs(), sim.slabinfo().activeObjs() + "/" + sim.slabinfo().numObjs(), c.name());
            assertEquals(s.cpuPartialSlabs(), sim.cpuPartialSlabs(), c.name());
            sim.checkInvariants();
            shaped++;
            if (s.cpuPartialSlabs() > 0) withCpuPartial++;
        }
        assertTrue(shaped > 50 && withCpuPartial > 40, shaped + " caches shaped, " + withCpuPartial + " with CPU partial slabs");
    }
}
