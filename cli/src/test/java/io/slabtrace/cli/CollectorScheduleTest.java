package io.slabtrace.cli;

import io.slabtrace.cli.collect.Collector;
import io.slabtrace.model.Snapshot;
import io.slabtrace.parser.Problems;
import io.slabtrace.parser.slabinfo.SlabinfoReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The schedule on a simulated clock: ticks at fixed points, a slow tick skips what it overran. */
class CollectorScheduleTest {
    @TempDir
    Path dir;

    @Test
    void ticksKeepAFixedScheduleAndASlowOneSkipsInsteadOfStacking() throws Exception {
        long interval = 1000;
        long[] now = {0};
        int[] tick = {0};
        StringWriter err = new StringWriter();
        Collector c = new Collector(dir, Path.of(Run.sample("live-6.18/slabinfo.after")), interval, 10, 0, false, null, null,
                new PrintWriter(err, true));
        // each tick costs 10 ms of simulated time, except the fourth, which costs 3.5 intervals
        Collector.Stop stop = c.run(() -> now[0] += 1_000_000L, () -> now[0] += (++tick[0] == 4 ? 3_500 : 10) * 1_000_000L,
                ms -> now[0] += ms * 1_000_000L);
        assertEquals(Collector.Stop.DONE, stop);
        assertEquals(10, c.snapshots());
        assertEquals(2, c.skippedTicks());
        assertTrue(err.toString().contains("2 tick(s) skipped"), err.toString());
        List<Snapshot> s = new SlabinfoReader(Problems.collecting()).readAll(dir.toString());
        assertEquals(10, s.size());
    }
}
