package io.slabtrace.model.sim;

/** Counts or traces simulator transitions; {@code count} is how many objects or slabs the transition concerned. */
@FunctionalInterface
public interface SimListener {
    void on(SimEvent event, int cpu, long count);
}
