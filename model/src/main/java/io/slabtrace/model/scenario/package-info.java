/**
 * A workload for the allocator models: caches, operations and snapshots, as a scenario file describes them.
 * <p>
 * Records only; uses io.slabtrace.model and model.layout.
 */
package io.slabtrace.model.scenario;
