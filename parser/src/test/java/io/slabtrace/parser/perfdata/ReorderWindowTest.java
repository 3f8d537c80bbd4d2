package io.slabtrace.parser.perfdata;

import io.slabtrace.model.trace.KmemEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReorderWindowTest {
    static KmemEvent at(long ns) {
        return new KmemEvent(KmemEvent.Kind.KFREE, 0, ns / 1e9, "0x1", ns, null, -1, -1, null, -1, null);
    }

    static List<Long> times(List<KmemEvent> out) {
        List<Long> t = new ArrayList<>();
        for (KmemEvent e : out) t.add(e.ptr());
        return t;
    }

    @Test
    void samplesOfTwoCpusInterleavedAcrossRoundsComeOutInTimeOrder() {
        List<KmemEvent> out = new ArrayList<>();
        ReorderWindow w = new ReorderWindow(out::add);
        // round 1: cpu0 buffer then cpu1 buffer
        for (long t : new long[]{10, 20, 30, 15, 25}) w.add(t, at(t));
        w.roundFinished();
        assertEquals(List.of(), times(out), "nothing is final after the first round: the next may still hold earlier samples");
        for (long t : new long[]{35, 28, 40}) w.add(t, at(t)); // 28 came late, from the other CPU's buffer
        w.roundFinished();
        assertEquals(List.of(10L, 15L, 20L, 25L, 28L, 30L), times(out), "up to the first round's latest time (30)");
        w.flushAll();
        assertEquals(List.of(10L, 15L, 20L, 25L, 28L, 30L, 35L, 40L), times(out));
    }

    @Test
    void equalTimesKeepTheirFileOrder() {
        List<KmemEvent> out = new ArrayList<>();
        ReorderWindow w = new ReorderWindow(out::add);
        KmemEvent a = at(5), b = new KmemEvent(KmemEvent.Kind.KMALLOC, 1, 5e-9, "0x2", 5, null, 8, 8, "GFP_KERNEL", -1, false);
        w.add(5, a);
        w.add(5, b);
        w.flushAll();
        assertEquals(List.of(a, b), out);
    }

    @Test
    void withoutRoundsTheWindowStaysBounded() {
        List<KmemEvent> out = new ArrayList<>();
        ReorderWindow w = new ReorderWindow(out::add);
        for (long t = 0; t < ReorderWindow.MAX_HELD + 10; t++) w.add(t, at(t));
        assertTrue(w.peak() <= ReorderWindow.MAX_HELD + 1, "held at most " + ReorderWindow.MAX_HELD + ": " + w.peak());
        assertEquals(ReorderWindow.MAX_HELD / 2, out.size(), "the older half went out");
        assertEquals(0L, out.get(0).ptr());
    }
}
