package io.slabtrace.replay.scenario;

import java.util.List;

/** The snapshots a scenario recorded, and what it left behind (objects still live at a destroy). */
public record SimulationResult(List<Snap> snapshots, List<String> notes) {

    /** One {@code snapshot} command's view of every cache of the scenario. */
    public record Snap(String label, long line, List<SimCacheState> caches) {
        public Snap {
            caches = List.copyOf(caches);
        }
    }

    public SimulationResult {
        snapshots = List.copyOf(snapshots);
        notes = List.copyOf(notes);
    }
}
