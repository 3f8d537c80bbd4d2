/**
 * Runs a scenario through the allocator models and keeps the snapshots and what happened in between.
 * <p>
 * Uses io.slabtrace.model (sim, layout, scenario).
 */
package io.slabtrace.replay.scenario;
