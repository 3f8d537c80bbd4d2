package io.slabtrace.replay.trace.result;

/**
 * One CPU's share of a cache's replay: the trace's allocations and frees on it, and how often the
 * model had to go past that CPU's own objects: new slabs it grew, refills of its array or CPU slab
 * ({@code cache_alloc_refill}, {@code get_freelist}), flushes back ({@code cache_flusharray},
 * {@code deactivate_slab}, {@code put_cpu_partial}), frees to another node's slabs.
 */
public record CpuTraffic(int cpu, long allocs, long frees, long newSlabs, long refills, long flushes, long remoteFrees) {

    /** Whether anything happened on this CPU. */
    public boolean idle() {
        return allocs == 0 && frees == 0 && newSlabs == 0 && refills == 0 && flushes == 0 && remoteFrees == 0;
    }
}
