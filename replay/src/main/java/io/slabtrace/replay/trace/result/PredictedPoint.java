package io.slabtrace.replay.trace.result;

/**
 * The model's state of one cache at a point of the trace.
 *
 * @param event the trace's event number the point ends at (1-based)
 * @param time  that event's timestamp in seconds, or null when the trace format has none
 * @param live  objects allocated and not freed (what the kernel's active count is made of, before per-CPU caching)
 * @param slabs slabs the cache holds
 */
public record PredictedPoint(long event, Double time, long live, long slabs) {
}
