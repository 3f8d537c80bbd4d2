package io.slabtrace.replay.trace;

import io.slabtrace.model.Allocator;
import io.slabtrace.model.CacheStats;
import io.slabtrace.model.layout.KernelVersion;
import io.slabtrace.model.layout.Machine;
import io.slabtrace.model.layout.ObservedLayout;
import io.slabtrace.model.sim.SlubSim;
import io.slabtrace.replay.trace.result.PredictedPoint;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PredictedTimelineTest {
    private static final Machine MACHINE = Machine.x86_64(2, KernelVersion.V6_18);

    /** A cache of 64 slots of 64 bytes per slab, empty, as the replay creates one the snapshot did not have. */
    private static ReplayedCache cache(List<ReplayedCache> caches, String name) {
        CacheStats geometry = new CacheStats(name, 0, 0, 64, 64, 1, 0, 0, 0, 0, 0, 0, false, null);
        ReplayedCache c = new ReplayedCache(caches.size(), name, null, new SlubSim(ObservedLayout.of(geometry, Allocator.SLUB, MACHINE), 1), 2);
        caches.add(c);
        return c;
    }

    @Test
    void aLongTraceKeepsAtMostItsPointsAndEveryCacheItsLastState() {
        List<ReplayedCache> caches = new ArrayList<>();
        ReplayedCache busy = cache(caches, "busy"), once = cache(caches, "once");
        PredictedTimeline t = new PredictedTimeline(caches);
        long events = 200_003;
        for (long e = 1; e <= events; e++) {
            t.tick(e / 1000.0);
            if (e % 2 == 0) { // the busy cache: an allocation every other event
                busy.alloc((int) (e % 2), "site", 64, 64, Double.NaN);
                t.changed(busy.index);
            }
            if (e == 10) {
                for (int i = 0; i < 7; i++) once.alloc(0, "site", 64, 64, Double.NaN);
                t.changed(once.index);
            }
        }
        List<PredictedPoint> a = t.of(busy.index, 0, 0), b = t.of(once.index, 0, 0);
        assertTrue(a.size() <= PredictedTimeline.MAX_POINTS && a.size() > PredictedTimeline.MAX_POINTS / 2, "points " + a.size());
        PredictedPoint last = a.get(a.size() - 1);
        assertEquals(events, last.event());
        assertEquals(events / 1000.0, last.time(), 1e-9);
        assertEquals(events / 2, last.live());
        assertEquals((events / 2 + 63) / 64, last.slabs());
        for (int i = 1; i < a.size(); i++) {
            assertTrue(a.get(i).event() > a.get(i - 1).event());
            assertTrue(a.get(i).live() >= a.get(i - 1).live());
        }
        assertEquals(7, b.get(b.size() - 1).live(), "a cache keeps its state through points without its events");
        assertEquals(1, b.get(b.size() - 1).slabs());
    }

    @Test
    void pointsBeforeACachesFirstEventShowTheStateItStartedIn() {
        List<ReplayedCache> caches = new ArrayList<>();
        ReplayedCache c = cache(caches, "c");
        PredictedTimeline t = new PredictedTimeline(caches);
        t.tick(Double.NaN);
        t.tick(Double.NaN);
        c.alloc(0, "site", 64, 64, Double.NaN);
        t.changed(c.index);
        List<PredictedPoint> p = t.of(c.index, 4, 2);
        assertEquals(List.of(new PredictedPoint(1, null, 4, 2), new PredictedPoint(2, null, 1, 1)), p);
        assertNull(p.get(0).time(), "a trace format without timestamps");
    }
}
