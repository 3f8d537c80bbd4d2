package io.slabtrace.replay;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PredictedTimelineTest {

    @Test
    void aLongTraceKeepsAtMostItsPointsAndEveryCacheItsLastState() {
        PredictedTimeline t = new PredictedTimeline();
        long events = 1_000_003;
        for (long e = 1; e <= events; e++) {
            t.tick(e / 1000.0);
            if (e % 2 == 0) t.record(0, e, e / 64); // cache 0: every other event
            if (e == 10) t.record(1, 7, 1);        // cache 1: one event early on
        }
        List<PredictedPoint> a = t.of(0, 0, 0), b = t.of(1, 3, 1);
        assertTrue(a.size() <= PredictedTimeline.MAX_POINTS && a.size() > PredictedTimeline.MAX_POINTS / 2, "points " + a.size());
        assertEquals(events, a.get(a.size() - 1).event());
        assertEquals(events / 1000.0, a.get(a.size() - 1).time(), 1e-9);
        assertEquals(events - 1, a.get(a.size() - 1).live(), "the last even event");
        for (int i = 1; i < a.size(); i++) {
            assertTrue(a.get(i).event() > a.get(i - 1).event());
            assertTrue(a.get(i).live() >= a.get(i - 1).live());
        }
        assertEquals(7, b.get(b.size() - 1).live(), "a cache keeps its state through points without its events");
        assertEquals(1, b.get(b.size() - 1).slabs());
    }

    @Test
    void pointsBeforeACachesFirstEventShowTheStateItStartedIn() {
        PredictedTimeline t = new PredictedTimeline();
        t.tick(Double.NaN);
        t.tick(Double.NaN);
        t.record(0, 5, 2);
        List<PredictedPoint> p = t.of(0, 4, 2);
        assertEquals(List.of(new PredictedPoint(1, null, 4, 2), new PredictedPoint(2, null, 5, 2)), p);
        assertNull(p.get(0).time(), "a trace format without timestamps");
    }
}
