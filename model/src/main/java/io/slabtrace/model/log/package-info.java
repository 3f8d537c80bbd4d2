/**
 * What a kernel log says about slabs: constructor, allocation and free messages, and the kernel's own slab reports (SLUB, SLAB, KASAN, KFENCE, kmemleak, the OOM killer) with the facts read from each.
 * <p>
 * Records only; uses only the JDK.
 */
package io.slabtrace.model.log;
