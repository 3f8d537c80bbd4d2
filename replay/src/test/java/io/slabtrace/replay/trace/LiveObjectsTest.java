package io.slabtrace.replay.trace;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LiveObjectsTest {

    @Test
    void agreesWithAHashMapThroughGrowthAndRemovalsInsideClusters() {
        LiveObjects live = new LiveObjects();
        Map<Long, Long> expected = new HashMap<>();
        SplittableRandom random = new SplittableRandom(42);
        for (int step = 0; step < 400_000; step++) {
            // few distinct pointers, aligned like raw kernel ones, so clusters form and are broken up by removals
            long pointer = 0xffff888000000000L + 64L * random.nextInt(20_000);
            long value = LiveObjects.value(random.nextInt(300), random.nextInt(1 << 20));
            if (random.nextInt(3) == 0) {
                assertEquals(expected.getOrDefault(pointer, LiveObjects.NONE), live.remove(pointer), "remove at step " + step);
                expected.remove(pointer);
            } else {
                assertEquals(expected.getOrDefault(pointer, LiveObjects.NONE), live.put(pointer, value), "put at step " + step);
                expected.put(pointer, value);
            }
            assertEquals(expected.size(), live.size());
        }
        for (Map.Entry<Long, Long> e : expected.entrySet()) assertEquals((long) e.getValue(), live.remove(e.getKey()));
        assertEquals(0, live.size());
    }

    @Test
    void aValueKeepsItsRunAndObject() {
        long v = LiveObjects.value(299, (1 << 31) - 1);
        assertEquals(299, LiveObjects.run(v));
        assertEquals((1 << 31) - 1, LiveObjects.object(v));
    }
}
