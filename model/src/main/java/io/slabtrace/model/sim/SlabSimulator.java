package io.slabtrace.model.sim;

import io.slabtrace.model.CacheStats;
import io.slabtrace.model.layout.CacheLayout;

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
