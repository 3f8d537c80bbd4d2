package io.slabtrace.model.layout;

/** The per-cache runtime parameters each allocator derives at creation. */
public sealed interface Tunables {

    /**
     * SLUB: node partial lists keep {@code min_partial} slabs even when empty; CPU partial lists
     * hold up to {@code cpu_partial_slabs} slabs ({@code cpu_partial} objects assuming half-full slabs).
     */
    record Slub(int minPartial, int cpuPartial, int cpuPartialSlabs, int sheafCapacity) implements Tunables {
    }

    /** SLAB: per-CPU {@code array_cache} of {@code limit}, refilled/flushed by {@code batchcount}; shared array of sharedfactor × batchcount. */
    record Slab(int limit, int batchcount, int sharedfactor) implements Tunables {
    }
}
