package io.slabtrace.replay.series;

import io.slabtrace.model.CacheStats;
import io.slabtrace.model.SlabinfoFormat;
import io.slabtrace.model.Snapshot;
import io.slabtrace.model.sysfs.SysfsCache;
import io.slabtrace.model.sysfs.SysfsTree;

import java.util.ArrayList;
import java.util.List;

/**
 * The /proc/slabinfo lines a SLUB kernel would print, rebuilt from a /sys/kernel/slab capture alone
 * ({@code get_slabinfo} reads the same node counters: slabs, total_objects, and the objects in use).
 * Caches without those counters (an aliases-only dump, CONFIG_SLUB_DEBUG off) are left out.
 */
public final class SysfsSnapshot {
    private SysfsSnapshot() {
    }

    public static Snapshot of(SysfsTree tree) {
        List<CacheStats> caches = new ArrayList<>();
        for (SysfsCache c : tree.caches()) {
            long slabs = c.slabs(), total = c.totalObjects(), inUse = c.objects(), slot = c.slabSize(), perSlab = c.objsPerSlab();
            if (slabs < 0 || total < 0 || inUse < 0 || slot <= 0 || perSlab <= 0 || c.order() < 0) continue;
            caches.add(new CacheStats(c.name(), inUse, total, slot, perSlab, 1L << c.order(), 0, 0, 0, slabs, slabs, 0, false, null));
        }
        return new Snapshot(null, tree.source(), 1, new SlabinfoFormat("2.1", false, false), caches);
    }
}
