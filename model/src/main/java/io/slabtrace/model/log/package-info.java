/**
 * What a kernel log says about slabs: constructor, allocation and free messages, and the kernel's own slab reports.
 * <p>
 * Records only; uses only the JDK.
 */
package io.slabtrace.model.log;
