package io.slabtrace.replay.trace;

import io.slabtrace.model.Allocator;
import io.slabtrace.model.CacheStats;
import io.slabtrace.model.Snapshot;
import io.slabtrace.model.layout.CacheLayout;
import io.slabtrace.model.layout.Machine;
import io.slabtrace.model.layout.ObservedLayout;
import io.slabtrace.model.layout.SlubLayouter;
import io.slabtrace.model.sim.SlabSim;
import io.slabtrace.model.sim.SlabSimulator;
import io.slabtrace.model.sim.SlubSim;
import io.slabtrace.model.sim.SlubStart;
import io.slabtrace.model.sysfs.SysfsCache;
import io.slabtrace.model.sysfs.SysfsTree;
import io.slabtrace.model.trace.KmemEvent;
import io.slabtrace.model.trace.TraceStats;
import io.slabtrace.replay.trace.result.Accuracy;
import io.slabtrace.replay.trace.result.Assumption;
import io.slabtrace.replay.trace.result.CacheReplay;
import io.slabtrace.replay.trace.result.CallSite;
import io.slabtrace.replay.trace.result.Checkpoint;
import io.slabtrace.replay.trace.result.Divergence;
import io.slabtrace.replay.trace.result.ReplayFinding;
import io.slabtrace.replay.trace.result.ReplayResult;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Feeds a stream of kmem events, cache by cache, through the allocator model, starting from what
 * the snapshot before the trace showed, and compares the model's prediction with the snapshot after.
 * Memory follows the objects live in the trace, not its length.
 */
public final class TraceReplayer implements Consumer<KmemEvent> {
    private final Allocator allocator;
    private final Machine machine;
    private final SysfsTree sysfs;
    private final Map<String, CacheStats> beforeByName = new HashMap<>();
    private final long largestKmalloc;

    private final Map<String, ReplayedCache> runs = new HashMap<>();
    private final List<ReplayedCache> runList = new ArrayList<>();
    private final LiveObjects live = new LiveObjects();
    /** kmalloc_large objects still live: their kfree is theirs, not a free of a slab object from before the trace. */
    private final LiveObjects liveLarge = new LiveObjects();
    /** A kmalloc's cache follows from its flags and size: each combination is worked out once (flags strings are interned). */
    private record KmallocKey(String gfpFlags, Boolean accounted, long bytesAlloc) {
        // Written out: a record's generated equals and hashCode go through method handles, which the quick JIT the
        // launcher uses does not inline; this one is asked on every kmalloc of a trace.
        @Override
        public boolean equals(Object o) {
            return o instanceof KmallocKey k && bytesAlloc == k.bytesAlloc && Objects.equals(gfpFlags, k.gfpFlags)
                    && Objects.equals(accounted, k.accounted);
        }

        @Override
        public int hashCode() {
            return (Objects.hashCode(gfpFlags) * 31 + Objects.hashCode(accounted)) * 31 + Long.hashCode(bytesAlloc);
        }
    }

    private final Map<KmallocKey, Optional<String>> kmallocCaches = new HashMap<>(); // empty: the page allocator's
    private final PredictedTimeline timeline = new PredictedTimeline(runList);
    private final Map<Long, KmemEvent> pending = new HashMap<>(); // unnamed kmem_cache_alloc (before 6.18)
    private final Map<String, Map<String, Long>> siteVotes = new HashMap<>();
    private final Map<String, String> siteCache = new HashMap<>();
    private final KfreeSites kfreeSites = new KfreeSites();
    private final KfreeSites.Free strayFree = this::freeStray; // one object, not one per kfree
    private long unattributed, kmallocLarge, strayKfree, strayAttributed;
    private int highestCpu = -1;

    private final Map<String, CacheStats> afterByName = new HashMap<>();
    private final List<Checkpoint> checkpoints;
    private int nextCheckpoint;
    /** Per cache run: at each checkpoint passed, [checkpoint index, predicted minus observed active objects, strict bound]. */
    private final Map<Integer, List<long[]>> checked = new HashMap<>();
    /** The model at the snapshot after, when that snapshot was taken before the trace ended (a collection's last). */
    private final Map<Integer, CacheStats> predictedAtAfter = new HashMap<>();
    private final Snapshot after;

    /**
     * @param before  the snapshot taken right before the trace (state to start from), or null
     * @param after   the snapshot right after, or null; its geometry serves caches created during the trace
     * @param sites   call site → cache learned by a first pass ({@link CallSiteLearner}), or empty
     * @param checkpoints snapshots taken during the trace, in time order: the model is compared with each when the trace reaches it
     */
    public TraceReplayer(Allocator allocator, Machine machine, Snapshot before, Snapshot after, SysfsTree sysfs, Map<String, String> sites,
                         List<Checkpoint> checkpoints) {
        this.checkpoints = List.copyOf(checkpoints);
        this.after = after;
        this.allocator = allocator;
        this.machine = machine;
        this.sysfs = sysfs;
        this.siteCache.putAll(sites);
        if (after != null) for (CacheStats c : after.caches()) afterByName.putIfAbsent(c.name(), c);
        long largest = allocator == Allocator.SLAB ? 4L << 20 : 8192;
        if (before != null) {
            for (CacheStats c : before.caches()) {
                beforeByName.putIfAbsent(c.name(), c);
                if (c.name().matches("kmalloc-\\d+k?")) largest = Math.max(largest, c.objsize());
            }
        }
        this.largestKmalloc = largest;
    }

    /** The slabinfo name an event's cache goes by: a merged alias is counted under its cache's creator. */
    private String canonical(String name) {
        if (sysfs == null || beforeByName.containsKey(name)) return name;
        SysfsCache c = sysfs.find(name);
        if (c == null) return name;
        for (String alias : c.aliasNames()) if (beforeByName.containsKey(alias)) return alias;
        return name;
    }

    /** The name the snapshot before the trace shows this cache under (its own or, merged, its creator's), or null. */
    private String inSnapshot(String name) {
        String c = canonical(name);
        return beforeByName.containsKey(c) ? c : null;
    }

    private double firstTime = Double.NaN, lastTime = Double.NaN;

    @Override
    public void accept(KmemEvent e) {
        while (nextCheckpoint < checkpoints.size() && e.time() >= checkpoints.get(nextCheckpoint).traceTime()) check(nextCheckpoint++);
        timeline.tick(e.time());
        if (!Double.isNaN(e.time())) {
            if (Double.isNaN(firstTime)) firstTime = e.time();
            lastTime = e.time();
        }
        switch (e.kind()) {
            case KMALLOC -> {
                if (e.ptr() == 0) return;
                // get, then put: a capturing lambda per event is an allocation through a method handle under the quick JIT
                KmallocKey key = new KmallocKey(e.gfpFlags(), e.accounted(), e.bytesAlloc());
                Optional<String> known = kmallocCaches.get(key);
                if (known == null) kmallocCaches.put(key, known = Optional.ofNullable(KmallocCaches.of(e, this::inSnapshot, largestKmalloc)));
                String cache = known.orElse(null);
                if (cache == null) {
                    kmallocLarge++; // kmalloc_large: pages straight from the buddy allocator
                    liveLarge.put(e.ptr(), 0);
                    return;
                }
                alloc(e, cache);
            }
            case KMEM_CACHE_ALLOC -> {
                if (e.ptr() == 0) return;
                String cache = e.name() != null ? canonical(e.name()) : siteCache.get(e.callSite());
                if (cache == null) pending.put(e.ptr(), e); // 6.1: the name comes with the free of the same pointer
                else alloc(e, cache);
            }
            case KMEM_CACHE_FREE, KFREE -> free(e);
        }
    }

    private void alloc(KmemEvent e, String cache) {
        if (liveLarge.size() > 0) liveLarge.remove(e.ptr()); // pages freed without their kfree traced, now a slab object
        ReplayedCache r = run(cache, e.bytesAlloc());
        if (r == null) {
            unattributed++;
            return;
        }
        int cpu = cpu(e);
        long old = live.put(e.ptr(), LiveObjects.value(r.index, r.alloc(cpu, e.callSite(), e.bytesReq(), e.bytesAlloc(), e.time() - firstTime)));
        if (old != LiveObjects.NONE) { // a free the trace missed: the pointer was reused
            runList.get(LiveObjects.run(old)).reusedLive++;
            freeLive(old, cpu, false);
        }
        timeline.changed(r.index);
    }

    private void free(KmemEvent e) {
        if (e.ptr() == 0) return; // kfree(NULL) is traced
        long l = live.remove(e.ptr());
        if (l != LiveObjects.NONE) {
            if (e.name() == null) kfreeSites.saw(e.callSite(), LiveObjects.run(l), strayFree);
            freeLive(l, cpu(e), true);
            return;
        }
        KmemEvent p = pending.remove(e.ptr());
        if (p != null && e.name() != null) { // learn the call site's cache from the free's name
            String cache = canonical(e.name());
            siteVotes.computeIfAbsent(p.callSite(), k -> new HashMap<>()).merge(cache, 1L, Long::sum);
            siteCache.putIfAbsent(p.callSite(), cache);
            alloc(p, cache);
            long now = live.remove(p.ptr());
            if (now != LiveObjects.NONE) freeLive(now, cpu(e), true);
            return;
        }
        if (e.name() == null && liveLarge.remove(e.ptr()) != LiveObjects.NONE) return; // kfree of a kmalloc_large: pages, no slab
        if (e.name() == null) {
            strayKfree++; // a kfree of an object allocated before the trace: no event names its cache, its call site may
            int run = kfreeSites.cacheOf(e.callSite());
            if (run >= 0) freeStray(run, cpu(e));
            else kfreeSites.defer(e.callSite(), cpu(e));
            return;
        }
        ReplayedCache r = run(canonical(e.name()), -1);
        if (r == null) return;
        r.freeBeforeTrace(cpu(e));
        timeline.changed(r.index);
    }

    /** A kfree of an object from before the trace, attributed to the cache its call site frees into. */
    private void freeStray(int run, int cpu) {
        ReplayedCache r = runList.get(run);
        r.freeBeforeTrace(cpu);
        strayAttributed++;
        timeline.changed(r.index);
    }

    /** Gives a live object back to its cache's model; {@code traced}: the trace showed the free. */
    private void freeLive(long value, int cpu, boolean traced) {
        ReplayedCache r = runList.get(LiveObjects.run(value));
        r.free(cpu, LiveObjects.object(value), traced);
        timeline.changed(r.index);
    }

    /** The model's CPU for the event's: a trace from a machine with more CPUs than the model folds them. */
    private int cpu(KmemEvent e) {
        if (e.cpu() < 0) return 0;
        if (e.cpu() > highestCpu) highestCpu = e.cpu();
        return e.cpu() % machine.cpus();
    }

    /** The cache's replay, created on first use from the snapshot's geometry (or the slot the event shows). */
    private ReplayedCache run(String cache, long bytesAlloc) {
        ReplayedCache r = runs.get(cache);
        if (r != null) return r;
        CacheStats start = beforeByName.get(cache);
        CacheStats geometry = start != null ? start : afterByName.get(cache);
        if (geometry == null) {
            if (bytesAlloc <= 0) return null;
            geometry = newCacheGeometry(cache, bytesAlloc);
        }
        CacheLayout l;
        try {
            l = ObservedLayout.of(geometry, allocator, machine);
        } catch (IllegalArgumentException ex) {
            return null;
        }
        SlabSimulator sim = allocator == Allocator.SLAB ? new SlabSim(l, 1) : new SlubSim(l, 1);
        SlubStart shape = start == null || allocator != Allocator.SLUB ? null : StartShapes.of(sysfs, cache, start, l);
        boolean fromSysfs = shape != null;
        if (shape == null && start != null && allocator == Allocator.SLUB) shape = StartShapes.fromCounters(start, l, machine.cpus());
        r = new ReplayedCache(runList.size(), cache, start, shape, fromSysfs, sim, machine.cpus());
        runs.put(cache, r);
        runList.add(r);
        return r;
    }

    /** A cache the snapshot did not have: the SLUB order rules for a slot of the size the trace shows. */
    private CacheStats newCacheGeometry(String cache, long slot) {
        long page = machine.pageSize();
        int order = 0;
        while ((page << order) / slot < 8 && order < 3) order++;
        long objs = Math.max(1, (page << order) / slot);
        return new CacheStats(cache, 0, 0, slot, objs, 1L << order, 0, 0, 0, 0, 0, 0, false, null);
    }

    /** The model against a snapshot taken during the trace, for every cache the trace has touched so far. */
    private void check(int k) {
        Map<String, CacheStats> seen = new HashMap<>();
        for (CacheStats c : checkpoints.get(k).snapshot().caches()) seen.putIfAbsent(c.name(), c);
        for (ReplayedCache r : runList) {
            CacheStats o = seen.get(r.name);
            if (o == null) continue;
            CacheStats predicted = r.sim.slabinfo();
            if (checkpoints.get(k).snapshot() == after) predictedAtAfter.put(r.index, predicted);
            long miss = predicted.activeObjs() - o.activeObjs();
            checked.computeIfAbsent(r.index, x -> new ArrayList<>()).add(new long[] {k, miss, Accuracy.strictBound(o)});
        }
    }

    /** How a cache's prediction went over the snapshots during the trace; null when none was compared. */
    private Divergence divergence(ReplayedCache r) {
        List<long[]> c = checked.get(r.index);
        if (c == null || c.isEmpty()) return null;
        int within = 0;
        long[] first = null;
        for (long[] v : c) {
            if (Math.abs(v[1]) <= v[2]) within++;
            else if (first == null) first = v;
        }
        long[] last = c.get(c.size() - 1);
        if (first == null) return new Divergence(null, c.size(), within, 0, last[1], 0);
        Checkpoint from = checkpoints.get((int) first[0]), to = checkpoints.get((int) last[0]);
        double seconds = to.traceTime() - from.traceTime();
        double rate = seconds > 0 ? Math.round((last[1] - first[1]) / seconds * 10) / 10.0 : 0;
        return new Divergence(from.snapshot().timestamp() == null ? null : from.snapshot().timestamp().toString(), c.size(), within,
                first[1], last[1], rate);
    }

    /** Ends the stream: unnamed allocations never freed are attributed by call site, and everything is compared. */
    public ReplayResult finish(TraceStats trace) {
        while (nextCheckpoint < checkpoints.size()) check(nextCheckpoint++); // snapshots after the last event see the final state
        for (KmemEvent p : pending.values()) {
            String cache = majority(p.callSite());
            if (cache == null) cache = uniqueSlot(p.bytesAlloc());
            if (cache != null) alloc(p, cache);
            else unattributed++;
        }
        pending.clear();
        kfreeSites.drain(strayFree);
        List<CacheReplay> caches = new ArrayList<>();
        List<ReplayFinding> findings = new ArrayList<>();
        if (trace.lossy()) {
            findings.add(new ReplayFinding(ReplayFinding.Kind.LOST_EVENTS, null, trace.lostEvents(),
                    (trace.lossMarkers() > 0 ? trace.lostEvents() + " events were counted as lost, and events were dropped at " + trace.lossMarkers()
                            + " more places without a count (the tracer's [EVENTS DROPPED], or an input that ends early)"
                            : trace.lostEvents() + " events were lost (the buffer overflowed)") + ": every figure below is approximate"));
        }
        for (ReplayedCache r : runList) {
            // events after the last snapshot (the recorder stops after it) are not in what that snapshot saw
            CacheStats predicted = predictedAtAfter.getOrDefault(r.index, r.sim.slabinfo());
            CacheStats observed = afterByName.get(r.name);
            long tol = tolerance(predicted);
            long untraced = 0;
            if (observed != null) {
                long traceNet = r.allocs() - r.frees();
                long seenNet = observed.activeObjs() - (r.start == null ? 0 : r.start.activeObjs());
                // claimed only where the trace itself proves frees it did not show: allocations at a pointer still live. One may be
                // two objects whose printed pointers collide (%p prints a 32-bit hash), so it takes two. A cache whose frees are all
                // traced (dentry, filp) is never named, whatever a late snapshot or a busy start does to its counts.
                if (traceNet - seenNet > tol && r.reusedLive >= 2) untraced = traceNet - seenNet;
            }
            CacheReplay cr = new CacheReplay(r.name, r.allocs(), r.frees(), untraced, r.freesBefore, tol, r.start, predicted, observed,
                    r.activity(timeline, constructor(r.name)), divergence(r));
            caches.add(cr);
            if (untraced > 0) {
                SysfsCache sc = sysfs == null ? null : sysfs.find(r.name);
                findings.add(new ReplayFinding(ReplayFinding.Kind.UNTRACED_FREES, r.name, untraced, untraced
                        + " objects the trace left allocated are gone from the counters: frees the trace did not see ("
                        + UntracedFrees.paths(machine.kernel(), sc != null && sc.sheafCapacity() > 0) + ")"));
            } else if (cr.miss() != null && Math.abs(cr.miss()) > tol) {
                findings.add(new ReplayFinding(ReplayFinding.Kind.PREDICTION_MISS, r.name, Math.abs(cr.miss()), "predicted "
                        + predicted.activeObjs() + " active objects, observed " + observed.activeObjs() + " (tolerance " + tol + ")"));
            }
            if (r.freesBefore > 0) {
                findings.add(new ReplayFinding(ReplayFinding.Kind.FREES_BEFORE_TRACE, r.name, r.freesBefore,
                        r.freesBefore + " frees of objects allocated before the trace began"));
            }
        }
        if (unattributed > 0) {
            findings.add(new ReplayFinding(ReplayFinding.Kind.UNATTRIBUTED, null, unattributed, unattributed
                    + " allocations could not be attributed to a cache (no name, no known call site, no unique slot size)"));
        }
        findings.sort(Comparator.comparingInt((ReplayFinding f) -> f.kind().ordinal() == ReplayFinding.Kind.FREES_BEFORE_TRACE.ordinal() ? 9 : f.kind().ordinal())
                .thenComparing(f -> -f.count()));
        caches.sort(Comparator.comparingLong((CacheReplay c) -> c.miss() == null ? -1 : Math.abs(c.miss())).reversed()
                .thenComparing(CacheReplay::name));
        Held held = Held.of(live, runList, lastTime - firstTime);
        List<CallSite> callSites = new ArrayList<>();
        for (ReplayedCache r : runList) {
            r.sites.forEach((site, v) -> {
                Held.Site h = held.at(r.index, site);
                callSites.add(new CallSite(site, r.name, v[0], v[1], v[2], h.objects(), h.bytes(), h.oldestAge(), h.medianAge()));
            });
        }
        callSites.sort(Comparator.comparingLong(CallSite::bytesAlloc).reversed().thenComparing(CallSite::callSite));
        List<Assumption> assumptions = new ArrayList<>();
        long shaped = runList.stream().filter(r -> r.shapedBySysfs).count();
        long fromCounters = runList.stream().filter(r -> r.shapedByCounters).count();
        long even = runList.stream().filter(r -> r.start != null && !r.shapedBySysfs && !r.shapedByCounters).count();
        if (even > 0) assumptions.add(new Assumption(Assumption.Kind.PREFILL, even,
                "each cache starts as the snapshot before the trace shows it: its slabs holding its active objects, spread evenly over them, and nothing in per-CPU structures (the counters do not say where the kernel keeps which object)"));
        if (fromCounters > 0) assumptions.add(new Assumption(Assumption.Kind.PREFILL_COUNTERS, fromCounters, fromCounters
                + " SLUB caches start from their counters alone: the free objects slabinfo shows on as few node partial slabs as hold them, a CPU slab and half its cpu_partial_slabs on each CPU, half their objects in use, the rest full (a sysfs capture before the trace, --sysfs, places them as the kernel had them)"));
        if (shaped > 0) assumptions.add(new Assumption(Assumption.Kind.PREFILL_SYSFS, shaped, shaped
                + " caches start as the sysfs capture shows them: full slabs, node partial slabs holding objects_partial, each CPU's slab and CPU partial slabs;"
                + " half the objects of the per-CPU slabs are taken to be in use (the counters count them all as active, so this is an estimate)"));
        if (!siteCache.isEmpty() || !siteVotes.isEmpty()) assumptions.add(new Assumption(Assumption.Kind.NAMES_FROM_FREES, 0,
                "kmem_cache_alloc events without a name were attributed through the name on the free of the same pointer or their call site; "
                        + "those freed within the trace are replayed at their free"));
        if (highestCpu >= machine.cpus()) assumptions.add(new Assumption(Assumption.Kind.CPUS_FOLDED, highestCpu + 1L,
                "the trace shows CPUs up to " + highestCpu + " but the model has " + machine.cpus() + " (--cpus): CPU n is modelled as n mod "
                        + machine.cpus() + ", so per-CPU figures and caching are approximate"));
        if (kmallocLarge > 0) assumptions.add(new Assumption(Assumption.Kind.KMALLOC_LARGE, kmallocLarge,
                kmallocLarge + " kmalloc events larger than the largest kmalloc cache went to the page allocator and were left out"));
        if (strayKfree > 0) assumptions.add(new Assumption(Assumption.Kind.STRAY_KFREE, strayKfree, strayAttributed, strayKfree
                + " kfree events of objects allocated before the trace name no cache: " + strayAttributed
                + " were counted in the cache their call site's other kfrees free into (at least 9 in 10 of them), "
                + (strayKfree - strayAttributed) + " were left out"));
        return new ReplayResult(trace, caches, findings, callSites, assumptions, unattributed, Accuracy.of(caches), held.curves());
    }

    private String majority(String callSite) {
        Map<String, Long> v = siteVotes.get(callSite);
        return v == null ? null : v.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
    }

    /** A slot size that only one cache of the snapshot has. */
    private String uniqueSlot(long slot) {
        String found = null;
        for (CacheStats c : beforeByName.values()) {
            if (c.objsize() != slot) continue;
            if (found != null) return null;
            found = c.name();
        }
        return found;
    }

    /**
     * How far a prediction may be off: SLUB keeps objects counted as active in each CPU's slab and CPU
     * partial slabs; SLAB in per-CPU and shared arrays. Plus 1 % for activity between the trace and the snapshot.
     */
    private long tolerance(CacheStats c) {
        long cpus = machine.cpus();
        long perCpu = allocator == Allocator.SLAB ? Math.max(1, c.limit()) + (long) c.sharedfactor() * c.batchcount() / Math.max(1, cpus)
                : c.objperslab() * (1 + SlubLayouter.tunables(c.objsize(), Math.max(1, c.objperslab()), false, 0, machine).cpuPartialSlabs());
        // never more than the cache holds: a slack larger than the cache is no check at all
        return Math.min(cpus * perCpu + c.numObjs() / 100, Math.max(c.numObjs(), c.objperslab()));
    }

    /** Whether the cache has a constructor, as its sysfs directory says; null without one. */
    private Boolean constructor(String cache) {
        SysfsCache c = sysfs == null ? null : sysfs.find(cache);
        return c == null ? null : c.ctor() != null;
    }

}
