package io.slabtrace.model.sim;

import io.slabtrace.model.layout.CacheLayout;

/**
 * What both models keep alike: the layout they run, the counters every cache has (slabs grown and
 * freed, constructor calls, objects the user holds) and the listener told of each step.
 */
abstract sealed class SimCounters permits SlubSim, SlabSim {
    protected final CacheLayout layout;
    protected long ctorCalls, grown, freed, live;
    private SimListener listener;

    SimCounters(CacheLayout layout) {
        this.layout = layout;
    }

    final void emit(SimEvent e, int cpu, long n) {
        if (listener != null) listener.on(e, cpu, n);
    }

    /** How many of {@code inUse} objects the {@code s}-th of {@code slabs} prefilled slabs holds: an even spread. */
    static int prefillShare(long s, long slabs, long inUse) {
        return (int) (inUse / slabs + (s < inUse % slabs ? 1 : 0));
    }

    /** A prefill asks for what the counts can hold, on a model nothing has run on. */
    final void checkPrefill(long slabs, long inUse, long perSlab, boolean fresh) {
        if (!fresh) throw new IllegalStateException("prefill runs on a new model only");
        if (slabs < 0 || inUse < 0 || inUse > slabs * perSlab) {
            throw new IllegalArgumentException(inUse + " objects in use do not fit " + slabs + " slabs of " + perSlab);
        }
    }

    /** A slab was allocated for the cache; {@code constructed}: the constructor ran on each of its {@code objects}. */
    final void grew(int cpu, int objects, boolean constructed) {
        grown++;
        emit(SimEvent.GROW, cpu, 1);
        if (constructed) {
            ctorCalls += objects;
            emit(SimEvent.CTOR, cpu, objects);
        }
    }

    public CacheLayout layout() {
        return layout;
    }

    public long ctorCalls() {
        return ctorCalls;
    }

    public long slabsGrown() {
        return grown;
    }

    public long slabsFreed() {
        return freed;
    }

    /** Objects the user holds now. */
    public long live() {
        return live;
    }

    public void listener(SimListener l) {
        this.listener = l;
    }
}
