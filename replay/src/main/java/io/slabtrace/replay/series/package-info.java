/**
 * Series of snapshots: per-cache peaks, moves over time, differences between two snapshots, and snapshots rebuilt from a sysfs capture.
 * <p>
 * Pure functions over model snapshots; uses io.slabtrace.model only.
 */
package io.slabtrace.replay.series;
