/**
 * Why a cache looks the way it does: geometry recomputed from its attributes, memory split into use and waste, checked against what the kernel reports.
 * <p>
 * Pure functions over model types; uses io.slabtrace.model only.
 */
package io.slabtrace.replay.explain;
