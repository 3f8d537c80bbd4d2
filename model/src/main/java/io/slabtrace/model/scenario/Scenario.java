package io.slabtrace.model.scenario;

import java.util.List;

/** A workload: caches, CPUs, allocations, frees, time, snapshots — in order. */
public record Scenario(String source, List<Op> ops) {
    public Scenario {
        ops = List.copyOf(ops);
    }
}
