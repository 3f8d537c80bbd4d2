package io.slabtrace.model.sim;

import io.slabtrace.model.layout.CacheLayout;

import java.util.function.IntConsumer;

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

    /**
     * {@link SlabSimulator#prefill}: new slabs on node 0, the objects in use spread evenly over them,
     * each slab then listed as what it holds makes it (the allocator's own rule).
     */
    public final void prefill(long slabs, long inUse, IntConsumer held) {
        long perSlab = layout.objperslab();
        if (grown != 0) throw new IllegalStateException("prefill runs on a new model only");
        if (slabs < 0 || inUse < 0 || inUse > slabs * perSlab) {
            throw new IllegalArgumentException(inUse + " objects in use do not fit " + slabs + " slabs of " + perSlab);
        }
        for (long k = 0; k < slabs; k++) {
            int s = prefillSlab();
            for (long i = share(inUse, slabs, k); i > 0; i--) hold(s, held);
            listPrefilled(s);
        }
    }

    /** One object of slab {@code s} handed to the user before the trace: counted live, its id to {@code held}. */
    final void hold(int s, IntConsumer held) {
        live++;
        held.accept(takeForUser(s));
    }

    /** Slab {@code k}'s share of {@code total} objects spread over {@code slabs}, the first ones taking the remainder. */
    static long share(long total, long slabs, long k) {
        return total / slabs + (k < total % slabs ? 1 : 0);
    }

    /** A new, empty slab on node 0 for {@link #prefill}. */
    abstract int prefillSlab();

    /** One free object of slab {@code s}, now the user's. */
    abstract int takeForUser(int s);

    /** Puts a prefilled slab where the allocator keeps a slab holding what it holds. */
    abstract void listPrefilled(int s);

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
