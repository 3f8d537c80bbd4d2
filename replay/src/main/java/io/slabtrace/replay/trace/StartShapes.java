package io.slabtrace.replay.trace;

import io.slabtrace.model.CacheStats;
import io.slabtrace.model.layout.CacheLayout;
import io.slabtrace.model.layout.Tunables;
import io.slabtrace.model.sim.SlubStart;
import io.slabtrace.model.sysfs.SysfsCache;
import io.slabtrace.model.sysfs.SysfsTree;
import io.slabtrace.model.sysfs.SysfsValue;

/**
 * Where a SLUB cache's slabs are when a trace starts: from a sysfs capture where there is one, else from the counters.
 * A SLUB cache's start state from a sysfs capture ({@code mm/slub.c show_slab_objects}): {@code slabs}, {@code partial}
 * and {@code objects_partial} of the nodes, {@code cpu_slabs} (CPU slabs and CPU partial slabs) and
 * {@code slabs_cpu_partial}. Used only where the capture agrees with the snapshot the replay starts from.
 */
final class StartShapes {
    private StartShapes() {
    }

    /** The placed start, or null without a capture, for another allocator, or where capture and snapshot disagree. */
    static SlubStart of(SysfsTree sysfs, String cache, CacheStats snapshot, CacheLayout layout) {
        SysfsCache c = sysfs == null ? null : sysfs.find(cache);
        if (c == null && sysfs != null) c = mergedDirectory(sysfs, snapshot);
        if (c == null || !c.has("cpu_slabs") || !c.has("partial") || !c.has("objects_partial") || !c.has("slabs")) return null;
        long perSlab = layout.objperslab();
        SysfsValue.CpuPartial cp = c.slabsCpuPartial();
        long cpuPartial = cp == null ? 0 : Math.max(0, cp.slabs());
        long cpuAll = c.cpuSlabs(), partial = c.partial(), inUse = c.objectsPartial(), slabs = c.slabs();
        long full = slabs - partial - cpuAll, cpuSlabs = cpuAll - cpuPartial;
        boolean agrees = c.objsPerSlab() == perSlab && slabs == snapshot.numSlabs() && full >= 0 && cpuSlabs >= 0
                && partial * perSlab - inUse == snapshot.numObjs() - snapshot.activeObjs() // what slabinfo does not count as active
                && inUse <= partial * (perSlab - 1);
        // a CPU slab's freelist is used from one end: half in use is the estimate that errs least either way (the
        // counters count all of it as active, so nothing tells); it decides only when the model's CPU slabs run out
        return agrees ? new SlubStart(full, partial, inUse, cpuSlabs, cpuPartial, (cpuSlabs + cpuPartial) * perSlab / 2) : null;
    }

    /**
     * A merged cache's directory when the capture has no alias links ({@code grep -r} does not follow sysfs's symlinks):
     * the one unique-id directory ({@code :0000080}) whose object count, active count and slabs are the snapshot line's.
     */
    private static SysfsCache mergedDirectory(SysfsTree sysfs, CacheStats snapshot) {
        SysfsCache found = null;
        for (SysfsCache d : sysfs.caches()) {
            if (!d.name().startsWith(":") || d.totalObjects() != snapshot.numObjs() || d.slabs() != snapshot.numSlabs()
                    || d.objects() != snapshot.activeObjs() || d.slabSize() != snapshot.objsize()) continue;
            if (found != null) return null; // two candidates: no guess
            found = d;
        }
        return found;
    }

    /**
     * The start the counters alone allow, without a sysfs capture. The free objects slabinfo shows sit on node partial
     * slabs (count_partial is all get_slabinfo subtracts), as few as hold them; each CPU has a CPU slab, as a running SLUB
     * cache does. Each CPU's partial list holds half its {@code cpu_partial_slabs}: put_cpu_partial adds a slab at each
     * first free into a full one and drains the whole list when it is full, so over time a list is as often nearly empty
     * as nearly full (a sysfs dump of this host's caches shows about one limit's worth of CPU partial slabs over its two
     * CPUs). The rest are full. Half the per-CPU slabs' objects are taken to be in use, as with a capture: slabinfo counts
     * all of them as active. Without the CPU partial slabs, a cache whose slabs all counted as active started with no room
     * the model knew of, and grew slabs the kernel never grew (bio-184: four slabs over 1,088 allocations and frees).
     */
    static SlubStart fromCounters(CacheStats snapshot, CacheLayout layout, int cpus) {
        long perSlab = layout.objperslab(), slabs = snapshot.numSlabs(), free = snapshot.numObjs() - snapshot.activeObjs();
        if (perSlab < 2 || slabs <= 0 || free < 0 || snapshot.numObjs() != slabs * perSlab) return null;
        long partial = (free + perSlab - 1) / perSlab;
        long cpu = Math.min(cpus, slabs - partial);
        if (cpu < 0) return null;
        long limit = layout.tunables() instanceof Tunables.Slub t ? t.cpuPartialSlabs() : 0;
        long cpuPartial = Math.min(slabs - partial - cpu, cpus * limit / 2);
        return new SlubStart(slabs - partial - cpu - cpuPartial, partial, partial * perSlab - free, cpu, cpuPartial,
                (cpu + cpuPartial) * perSlab / 2);
    }
}
