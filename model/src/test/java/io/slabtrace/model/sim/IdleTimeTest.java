package io.slabtrace.model.sim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * SLAB's idle time in closed form: once cache_reap has nothing left to do, whole 4 s periods are skipped, and the
 * result must equal stepping through every reap (small ticks never take the shortcut), with more traffic after it.
 */
class IdleTimeTest {

    /** 2,000 objects, every other one freed across two CPUs and two nodes, then idle time, then more traffic. */
    private static String run(SlabSimulator s, long idle, boolean stepped) {
        int[] objs = new int[2000];
        for (int i = 0; i < objs.length; i++) objs[i] = s.alloc(i % 2);
        for (int i = 0; i < objs.length; i += 2) s.free(1 - i % 2, objs[i]);
        if (stepped) for (long t = 0; t < idle; t += 3000) s.tick(Math.min(3000, idle - t));
        else s.tick(idle);
        String afterIdle = s.slabinfo().toString();
        for (int i = 0; i < 300; i++) s.alloc(i % 2);
        s.tick(5000); // the reap schedule's phase after the jump shows in what this reaps
        return afterIdle + "\n" + s.slabinfo() + " grown " + s.slabsGrown() + " freed " + s.slabsFreed();
    }

    @ParameterizedTest(name = "{0} ms idle")
    @ValueSource(longs = {9_000, 60_000, 1_000_000, 3_600_001})
    void oneLongTickEqualsEveryReapStepped(long idle) {
        for (int nodes : new int[] {1, 2}) {
            String jumped = run(SimulatorPropertiesTest.sim("slab", 256, "", false, 2, nodes, false, 0), idle, false);
            String stepped = run(SimulatorPropertiesTest.sim("slab", 256, "", false, 2, nodes, false, 0), idle, true);
            assertEquals(stepped, jumped, nodes + " node(s)");
        }
    }

    @Test
    void theLongestTickReturnsAtOnce() {
        SlabSimulator s = SimulatorPropertiesTest.sim("slab", 256, "", false, 4, 2, false, 0);
        String[] longest = new String[1];
        assertTimeoutPreemptively(java.time.Duration.ofSeconds(2), () -> {
            longest[0] = run(s, Long.MAX_VALUE, false);
            s.tick(Long.MAX_VALUE); // the clock stops at 2^62 ms, it does not overflow
        });
        // drained after a minute, the cache looks the same after 2^63 ms
        String minute = run(SimulatorPropertiesTest.sim("slab", 256, "", false, 4, 2, false, 0), 60_000, true);
        assertEquals(minute.lines().findFirst().orElseThrow(), longest[0].lines().findFirst().orElseThrow());
    }

    @Test
    void timeDoesNotRunBackwards() {
        SlabSimulator s = SimulatorPropertiesTest.sim("slab", 256, "", false, 2, 1, false, 0);
        assertThrows(IllegalArgumentException.class, () -> s.tick(-1));
    }
}
