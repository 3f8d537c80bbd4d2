/**
 * The allocator models: classic SLAB (array_cache, shared, alien, slab lists, cache_reap) and SLUB (CPU slabs, CPU partial, node partial, sheaves).
 * <p>
 * Pure and allocation-free on the hot path; uses io.slabtrace.model and model.layout.
 */
package io.slabtrace.model.sim;
