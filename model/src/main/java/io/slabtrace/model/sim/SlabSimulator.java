package io.slabtrace.model.sim;

import io.slabtrace.model.CacheStats;
import io.slabtrace.model.layout.CacheLayout;

import java.util.function.IntConsumer;

/**
 * A cache as an allocator runs it: allocations and frees on given CPUs, a clock, shrinking and
 * destruction, and at any instant the counters the kernel would show. Objects are ints handed out
 * by {@link #alloc}; the hot paths allocate nothing.
 */
public sealed interface SlabSimulator permits SlubSim, SlabSim {

    /** Allocates one object on {@code cpu}; returns its id. */
    int alloc(int cpu);

    /** Frees an object previously returned by {@link #alloc}, on {@code cpu}. */
    void free(int cpu, int object);

    /**
     * Sets up, on a model nothing has run on yet, the state a {@code /proc/slabinfo} line shows when the
     * operations that led to it are unknown: {@code slabs} slabs on node 0 holding {@code inUse} objects
     * spread as evenly as the counts allow, every slab with free objects on its node's partial (or free)
     * list, nothing in per-CPU structures (the counters do not say what CPUs hold). Afterwards
     * {@link #slabinfo()} shows those counts. Each object in use goes to {@code held}.
     */
    void prefill(long slabs, long inUse, IntConsumer held);

    /** Advances the clock; SLAB's periodic reaping runs as the kernel would. */
    void tick(long millis);

    /** {@code kmem_cache_shrink}: flush per-CPU state and give back empty slabs. */
    void shrink();

    /** {@code kmem_cache_destroy}: flush everything; returns how many objects were still allocated. */
    long destroy();

    /** The {@code /proc/slabinfo} line as the kernel would print it now. */
    CacheStats slabinfo();

    CacheLayout layout();

    long ctorCalls();

    long slabsGrown();

    long slabsFreed();

    /** Objects the user holds now. */
    long live();

    void listener(SimListener listener);

    /** Recounts every structure from scratch and throws if any counter or place disagrees (for tests). */
    void checkInvariants();
}
