/**
 * kmem tracepoint events (kmalloc, kfree, kmem_cache_alloc, kmem_cache_free) and what reading a trace showed about it.
 * <p>
 * Records only; uses only the JDK.
 */
package io.slabtrace.model.trace;
