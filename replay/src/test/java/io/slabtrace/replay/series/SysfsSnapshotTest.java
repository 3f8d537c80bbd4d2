package io.slabtrace.replay.series;

import io.slabtrace.model.CacheStats;
import io.slabtrace.model.Snapshot;
import io.slabtrace.parser.Problems;
import io.slabtrace.parser.slabinfo.SlabinfoReader;
import io.slabtrace.parser.sysfs.SysfsReader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SysfsSnapshotTest {
    static final Path SAMPLES = Path.of(System.getProperty("slabtrace.samples", "../samples"));

    @Test
    void slabinfoRebuiltFromSysfsMatchesTheKernelsTakenAtTheSameMoment() throws Exception {
        Snapshot fromSysfs = SysfsSnapshot.of(new SysfsReader(Problems.collecting()).read(SAMPLES.resolve("live-6.18/sysfs-all.after.txt").toString()));
        Snapshot kernel = new SlabinfoReader(Problems.collecting()).readAll(SAMPLES.resolve("live-6.18/slabinfo.after").toString()).get(0);
        Map<String, CacheStats> k = kernel.caches().stream().collect(Collectors.toMap(CacheStats::name, Function.identity(), (a, b) -> a));
        int compared = 0;
        for (CacheStats s : fromSysfs.caches()) {
            CacheStats o = k.get(s.name());
            if (o == null) continue; // merged caches appear in slabinfo under one of their names only
            compared++;
            // geometry is fixed; counters were read a moment apart by grep and cat, so only they may drift
            assertEquals(o.objsize(), s.objsize(), s.name());
            assertEquals(o.objperslab(), s.objperslab(), s.name());
            assertEquals(o.pagesperslab(), s.pagesperslab(), s.name());
            assertTrue(s.activeObjs() <= s.numObjs(), s.name());
        }
        assertTrue(compared > 100, "caches compared: " + compared);
    }
}
