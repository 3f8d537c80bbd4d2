package io.slabtrace.replay.trace;

import io.slabtrace.model.CacheStats;
import io.slabtrace.model.sim.IntPool;
import io.slabtrace.model.sim.SimEvent;
import io.slabtrace.model.sim.SlabSimulator;
import io.slabtrace.model.sim.SlubSim;
import io.slabtrace.model.sim.SlubStart;
import io.slabtrace.replay.trace.result.CpuTraffic;
import io.slabtrace.replay.trace.result.ModelActivity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One cache in a trace replay: its model, the objects it held before the trace, and what the trace
 * did to it (allocations and frees per CPU and per call site, the model's transitions).
 */
final class ReplayedCache {
    final int index; // what a live object's value names (LiveObjects.value)
    final String name;
    final SlabSimulator sim;
    final CacheStats start; // the snapshot before the trace, or null for a cache created during it
    final Map<String, long[]> sites = new HashMap<>(); // call site → allocations, bytes requested, bytes allocated
    long freesBefore; // of objects allocated before the trace; all frees are counted per CPU
    long reusedLive; // allocations at a pointer this cache still held: frees the trace did not show

    private final IntPool preexisting; // objects allocated before the trace: their pointers are unknown
    /** Per model object allocated in the trace: its call site (interned), bytes and time; reused with the object, so bounded by the model. */
    private String[] siteOf;
    private int[] bytesOf; // a slab object's bytes_alloc: far below 2 GiB
    private float[] bornAt; // seconds since the trace's first event: microseconds over an hour's trace
    /** Objects the arrays are sized for up front; a cache past that grows them as it goes. */
    private static final long MAX_PRESIZED = 1 << 24;
    private final long[] allocsOn, freesOn;
    private final long[][] transitions; // per CPU, per SimEvent, during the trace
    private long grownAtStart, freedAtStart, liveAtStart, slabsAtStart;

    /** Whether the start was shaped by a sysfs capture (per-CPU and partial slabs placed), or from the counters alone. */
    final boolean shapedBySysfs, shapedByCounters;

    /** The cache as the snapshot before the trace shows it (or empty), counting from here on. */
    ReplayedCache(int index, String name, CacheStats start, SlabSimulator sim, int cpus) {
        this(index, name, start, null, false, sim, cpus);
    }

    /** As above; {@code shape}: the sysfs capture's start state for a SLUB cache, used where it agrees with the snapshot. */
    ReplayedCache(int index, String name, CacheStats start, SlubStart shape, boolean fromSysfs, SlabSimulator sim, int cpus) {
        this.index = index;
        this.name = name;
        this.start = start;
        this.sim = sim;
        this.allocsOn = new long[cpus];
        this.freesOn = new long[cpus];
        this.transitions = new long[cpus][SimEvent.values().length];
        // sized for the start's objects: grown one doubling at a time, these copies were a tenth of a long replay's model time
        preexisting = new IntPool(start == null ? 64 : (int) Math.min(start.activeObjs(), MAX_PRESIZED));
        boolean shaped = false;
        if (start != null && shape != null && sim instanceof SlubSim slub) {
            slub.prefill(shape, preexisting::add);
            shaped = true;
        } else if (start != null) {
            prefill(start);
        }
        this.shapedBySysfs = shaped && fromSysfs;
        this.shapedByCounters = shaped && !fromSysfs;
        int objects = (int) Math.min(slabs() * sim.layout().objperslab(), MAX_PRESIZED); // the models number a slab's objects densely
        siteOf = new String[objects];
        bytesOf = new int[objects];
        bornAt = new float[objects];
        grownAtStart = sim.slabsGrown();
        freedAtStart = sim.slabsFreed();
        liveAtStart = sim.live();
        slabsAtStart = slabs();
        sim.listener((event, cpu, n) -> transitions[cpu][event.ordinal()]++);
    }

    /**
     * The state before the trace, as far as the counters tell it: the snapshot's slabs holding its
     * active objects, spread evenly (which objects the kernel holds where is not in the counters).
     * Those objects were allocated before the trace: their pointers are unknown.
     */
    private void prefill(CacheStats c) {
        long perSlab = Math.max(1, sim.layout().objperslab());
        long slabs = (c.numObjs() + perSlab - 1) / perSlab;
        sim.prefill(slabs, Math.min(c.activeObjs(), slabs * perSlab), preexisting::add);
    }

    /** An allocation the trace shows {@code sinceStart} seconds after its first event (NaN without timestamps); returns the model's object. */
    int alloc(int cpu, String callSite, long bytesReq, long bytesAlloc, double sinceStart) {
        int object = sim.alloc(cpu);
        if (object >= siteOf.length) growObjects(object);
        siteOf[object] = callSite;
        bytesOf[object] = (int) Math.min(Integer.MAX_VALUE, Math.max(0, bytesAlloc));
        bornAt[object] = (float) sinceStart;
        allocsOn[cpu]++;
        long[] s = sites.get(callSite);
        if (s == null) sites.put(callSite, s = new long[3]);
        s[0]++;
        s[1] += Math.max(0, bytesReq);
        s[2] += Math.max(0, bytesAlloc);
        return object;
    }

    private void growObjects(int object) {
        int n = Math.max(object + 1, siteOf.length * 2);
        siteOf = Arrays.copyOf(siteOf, n);
        bytesOf = Arrays.copyOf(bytesOf, n);
        bornAt = Arrays.copyOf(bornAt, n);
    }

    /** The call site, bytes and allocation time of a live object the trace allocated. */
    String siteOf(int object) {
        return siteOf[object];
    }

    long bytesOf(int object) {
        return bytesOf[object];
    }

    /** Seconds after the trace's first event; NaN without timestamps. */
    double bornAt(int object) {
        return bornAt[object];
    }

    /** Frees a trace-allocated object; {@code traced}: the trace showed the free (else the pointer was reused without one). */
    void free(int cpu, int object, boolean traced) {
        sim.free(cpu, object);
        if (traced) freesOn[cpu]++;
    }

    /** A free of an object allocated before the trace: one of the prefilled objects goes. */
    void freeBeforeTrace(int cpu) {
        freesBefore++;
        freesOn[cpu]++;
        if (!preexisting.isEmpty()) sim.free(cpu, preexisting.takeAny());
    }

    /** Allocations the trace showed. */
    long allocs() {
        return Arrays.stream(allocsOn).sum();
    }

    /** Frees the trace showed, of objects allocated during it or before. */
    long frees() {
        return Arrays.stream(freesOn).sum();
    }

    long slabs() {
        return sim.slabsGrown() - sim.slabsFreed();
    }

    ModelActivity activity(PredictedTimeline timeline, Boolean constructor) {
        List<CpuTraffic> perCpu = new ArrayList<>();
        for (int c = 0; c < allocsOn.length; c++) {
            long[] t = transitions[c];
            perCpu.add(new CpuTraffic(c, allocsOn[c], freesOn[c], t[SimEvent.GROW.ordinal()], t[SimEvent.REFILL.ordinal()],
                    t[SimEvent.FLUSH.ordinal()], t[SimEvent.REMOTE_FREE.ordinal()]));
        }
        long grown = sim.slabsGrown() - grownAtStart;
        return new ModelActivity(grown, sim.slabsFreed() - freedAtStart, grown * sim.layout().objperslab(), constructor,
                perCpu, timeline.of(index, liveAtStart, slabsAtStart));
    }
}
