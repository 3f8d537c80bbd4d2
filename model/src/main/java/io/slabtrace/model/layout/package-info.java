/**
 * Cache geometry: what kmem_cache_create() received (CacheSpec) and the slot size, order and objects per slab each allocator computes from it.
 * <p>
 * Pure functions over model types; uses only the JDK and io.slabtrace.model.
 */
package io.slabtrace.model.layout;
