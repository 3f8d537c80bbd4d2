/**
 * /sys/kernel/slab trees, tar files and grep-style dumps into model.sysfs.
 * <p>
 * Uses io.slabtrace.parser and io.slabtrace.model.sysfs.
 */
package io.slabtrace.parser.sysfs;
