/**
 * A /sys/kernel/slab capture: each cache's attributes, typed, and the CacheSpec they imply.
 * <p>
 * Records and pure functions; uses io.slabtrace.model.layout.
 */
package io.slabtrace.model.sysfs;
