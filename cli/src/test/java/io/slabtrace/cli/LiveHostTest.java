package io.slabtrace.cli;

import io.slabtrace.model.Allocator;
import io.slabtrace.model.CacheStats;
import io.slabtrace.model.Snapshot;
import io.slabtrace.parser.Problems;
import io.slabtrace.parser.slabinfo.SlabinfoReader;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Invariants the running kernel guarantees for its own /proc/slabinfo (this host and CI are Linux, as root). */
class LiveHostTest {

    @Test
    void liveSlabinfoParsesWholeAndKeepsKernelInvariants() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/slabinfo")), "needs a readable /proc/slabinfo");
        Problems problems = Problems.collecting();
        List<Snapshot> s = new SlabinfoReader(problems).readAll("/proc/slabinfo");
        assertEquals(0, problems.skippedLines(), () -> problems.first().toString());
        assertEquals(1, s.size());
        Snapshot live = s.get(0);
        assertEquals("2.1", live.format().version());
        assertTrue(live.caches().size() > 50);
        // Names in slabinfo are unique per real cache on a mainline kernel; sysfs dirs exist for each (SLUB)
        for (CacheStats c : live.caches()) {
            assertTrue(c.activeObjs() <= c.numObjs(), c.name());
            assertTrue(c.objperslab() >= 1 && Long.bitCount(c.pagesperslab()) == 1, c.name());
            assertTrue(c.objperslab() * c.objsize() <= c.pagesperslab() * 4096L * 16, c.name());
            if (live.allocator() == Allocator.SLUB) {
                assertEquals(c.activeSlabs(), c.numSlabs(), c.name());
                assertEquals(0, c.limit() + c.batchcount() + c.sharedfactor() + c.sharedavail(), c.name());
            }
        }
    }

    @Test
    void topWithNoInputReadsTheLiveHost() {
        assumeTrue(Files.isReadable(Path.of("/proc/slabinfo")), "needs a readable /proc/slabinfo");
        Run r = Run.of("top", "--limit", "5");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith(" Source                      : /proc/slabinfo"), r.out());
        assertEquals("", r.err());
    }
}
