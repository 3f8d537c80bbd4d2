/**
 * Kernel-log analysis: constructor bursts as slab grows, object lifetimes, and the kernel's slab reports as findings, checked against the layout model.
 * <p>
 * Uses io.slabtrace.model; reads nothing itself (the parser hands it events).
 */
package io.slabtrace.replay.kernellog;
