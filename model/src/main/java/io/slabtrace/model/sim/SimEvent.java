package io.slabtrace.model.sim;

/** The transitions a simulator reports to a listener ({@code SimListener}); none are reported when nobody listens. */
public enum SimEvent {
    /** a new slab from the page allocator (cache_grow_begin / allocate_slab) */
    GROW,
    /** one constructor call */
    CTOR,
    /** objects moved into a per-CPU array or CPU slab freelist (cache_alloc_refill, get_freelist) */
    REFILL,
    /** objects moved out of a full per-CPU array, or a CPU slab deactivated (cache_flusharray, deactivate_slab) */
    FLUSH,
    /** a slab changed lists (partial, full, free, CPU partial) */
    LIST_MOVE,
    /** a slab given back to the page allocator */
    SLAB_FREED,
    /** periodic reaping (cache_reap) freed objects or slabs */
    REAP,
    /** a free went to another node (alien cache or remote slab) */
    REMOTE_FREE
}
