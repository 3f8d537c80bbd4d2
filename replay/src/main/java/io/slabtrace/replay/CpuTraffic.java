package io.slabtrace.replay;

/**
 * One CPU's share of a cache's replay: the trace's allocations and frees on it, and how often the
 * model had to go past that CPU's own objects: refills of its array or CPU slab
 * ({@code cache_alloc_refill}, {@code get_freelist}), flushes back ({@code cache_flusharray},
 * {@code deactivate_slab}), frees to another node's slabs.
 */
public record CpuTraffic(int cpu, long allocs, long frees, long refills, long flushes, long remoteFrees) {
}
