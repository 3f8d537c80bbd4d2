package io.slabtrace.model.sim;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * Benchmark (not a test): replays mixed allocations and frees through each simulator, one cache,
 * 4 CPUs, no listener, and prints events per second, collections and heap growth during the run.
 * Run with model/bench/sim-bench.sh [EVENTS].
 */
public final class SimBench {
    private SimBench() {
    }

    public static void main(String[] args) {
        long events = args.length > 0 ? Long.parseLong(args[0]) : 50_000_000L;
        for (String allocator : new String[] {"slub", "slab"}) {
            run(allocator, events / 10, false); // warm-up
            run(allocator, events, true);
        }
    }

    private static void run(String allocator, long events, boolean report) {
        SlabSimulator s = SimulatorPropertiesTest.sim(allocator, 200, "HWCACHE_ALIGN", true, 4, 1, false, 0);
        int cap = 1 << 17;
        int[] live = new int[cap];
        int n = 0;
        long x = 0x9E3779B97F4A7C15L;
        System.gc();
        long gcBefore = gcCount();
        Runtime rt = Runtime.getRuntime();
        long heapBefore = rt.totalMemory() - rt.freeMemory();
        long t0 = System.nanoTime();
        for (long e = 0; e < events; e++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            int cpu = (int) (x & 3);
            // drift between 25% and 75% of the pool so slabs grow, drain and are freed
            boolean alloc = n == 0 || (n < cap && ((x >>> 8) & 1023) < (n < cap / 4 ? 700 : n > 3 * cap / 4 ? 300 : 512));
            if (alloc) {
                live[n++] = s.alloc(cpu);
            } else {
                int i = (int) ((x >>> 20) % n);
                int o = live[i];
                live[i] = live[--n];
                s.free(cpu, o);
            }
        }
        long ns = System.nanoTime() - t0;
        long heapAfter = rt.totalMemory() - rt.freeMemory();
        if (report) {
            System.out.printf("%-4s %,d events in %.2f s: %.1f M events/s; live %d objects, %d slabs grown, %d freed; "
                            + "%d collections during the run, heap %+.1f MiB%n", allocator, events, ns / 1e9, events / (ns / 1e3),
                    s.live(), s.slabsGrown(), s.slabsFreed(), gcCount() - gcBefore, (heapAfter - heapBefore) / 1048576.0);
        }
    }

    private static long gcCount() {
        long n = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) n += Math.max(0, b.getCollectionCount());
        return n;
    }
}
