package io.slabtrace.replay.explain;

import io.slabtrace.model.Allocator;
import io.slabtrace.model.CacheStats;
import io.slabtrace.model.Snapshot;
import io.slabtrace.model.layout.CacheLayout;
import io.slabtrace.model.layout.CacheSpec;
import io.slabtrace.model.layout.Layouter;
import io.slabtrace.model.layout.Machine;
import io.slabtrace.model.layout.SlabFlag;
import io.slabtrace.model.sysfs.SysfsCache;
import io.slabtrace.model.sysfs.SysfsSpecs;
import io.slabtrace.model.sysfs.SysfsTree;
import io.slabtrace.replay.kernellog.KmallocSizes;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts together what a sysfs reading, a slabinfo snapshot and the layout model say about a cache.
 * Either input may be missing; the explanation says what was inferred.
 */
public final class Explainer {

    private final SysfsTree sysfs;
    private final Snapshot slabinfo;
    private final Allocator allocator;
    private final Machine machine;
    private final Layouter layouter;
    /** Each name's first slabinfo row, by its position: a look-up per cache, not a scan (explain --all asks every cache). */
    private final Map<String, Integer> firstRow = new HashMap<>();

    public Explainer(SysfsTree sysfs, Snapshot slabinfo, Allocator allocator, Machine machine) {
        this.sysfs = sysfs;
        this.slabinfo = slabinfo;
        this.allocator = allocator;
        this.machine = machine;
        this.layouter = Layouter.of(allocator);
        if (slabinfo != null) {
            List<CacheStats> rows = slabinfo.caches();
            for (int i = 0; i < rows.size(); i++) firstRow.putIfAbsent(rows.get(i).name(), i);
        }
    }

    /** Every cache the inputs know, each once, sysfs order first. */
    public List<String> cacheNames() {
        Set<String> names = new LinkedHashSet<>();
        if (sysfs != null) sysfs.caches().forEach(c -> names.add(c.name()));
        if (slabinfo != null) {
            for (CacheStats c : slabinfo.caches()) {
                if (sysfs == null || sysfs.find(c.name()) == null) names.add(c.name());
            }
        }
        return new ArrayList<>(names);
    }

    /** Null when no input knows the name. */
    public CacheExplanation explain(String asked, CacheSpec given) {
        SysfsCache sc = sysfs == null ? null : sysfs.find(asked);
        CacheStats row = slabinfoRow(asked, sc);
        if (sc == null && row == null && given == null) return null;
        String name = sc != null ? sc.name() : row != null ? row.name() : asked;
        List<CacheExplanation.Inference> inferred = new ArrayList<>();

        List<String> lacksCreation = sc == null ? List.of() : SysfsSpecs.missingCreation(sc);
        List<String> lacksGeometry = sc == null ? List.of() : SysfsSpecs.missingGeometry(sc);
        List<String> lacksUsage = sc == null ? List.of() : missingUsage(sc);
        CacheSpec spec = given;
        if (spec != null) inferred.add(CacheExplanation.Inference.PARAMETERS_GIVEN);
        else if (sc != null && lacksCreation.isEmpty()) spec = SysfsSpecs.of(sc);
        else if (sc != null && lacksCreation.equals(List.of("align"))) spec = SysfsSpecs.ofObjectSize(sc);
        else if ((spec = kmallocSpec(row != null ? row.name() : asked)) != null) inferred.add(CacheExplanation.Inference.KMALLOC_FROM_NAME);
        else inferred.add(CacheExplanation.Inference.OBJECT_SIZE_UNKNOWN);
        CacheLayout computed = layout(spec);

        Geometry observed = sc != null && lacksGeometry.isEmpty() ? Geometry.of(sc) : row != null ? Geometry.of(row) : null;
        if ((sc == null || !lacksGeometry.isEmpty()) && row != null) inferred.add(CacheExplanation.Inference.GEOMETRY_FROM_SLABINFO);
        Boolean match = computed == null || observed == null ? null : Geometry.of(computed).equals(observed);
        Usage usage = sc != null && lacksUsage.isEmpty() && lacksGeometry.isEmpty() ? usage(sc, spec) : row != null ? usage(row, spec) : null;
        String ctor = sc != null ? sc.ctor() : null;
        List<String> merged = sc != null ? sc.aliasNames() : List.of();
        Set<String> missing = new LinkedHashSet<>(lacksCreation);
        missing.addAll(lacksGeometry);
        missing.addAll(lacksUsage);
        if (!missing.isEmpty()) inferred.add(CacheExplanation.Inference.SYSFS_INCOMPLETE);
        return new CacheExplanation(asked, name, merged, allocator, computed, observed, match, usage, ctor, sc, row, inferred,
                List.copyOf(missing));
    }

    /** The model's layout, or null when the parameters are out of what it models (a damaged capture's values). */
    private CacheLayout layout(CacheSpec spec) {
        if (spec == null) return null;
        try {
            return layouter.layout(spec, machine);
        } catch (IllegalArgumentException | ArithmeticException e) {
            return null;
        }
    }

    /** The counters the memory figures need: absent ones leave the usage to slabinfo, or out. */
    private static List<String> missingUsage(SysfsCache c) {
        List<String> missing = new ArrayList<>();
        for (String a : List.of("slabs", "objects", "total_objects")) if (c.number(a) < 0) missing.add(a);
        return missing;
    }

    /** The first row that names the cache asked for, its sysfs directory or one of its aliases. */
    private CacheStats slabinfoRow(String asked, SysfsCache sc) {
        if (slabinfo == null) return null;
        int first = firstRow.getOrDefault(asked, Integer.MAX_VALUE);
        if (sc != null) {
            first = Math.min(first, firstRow.getOrDefault(sc.name(), Integer.MAX_VALUE));
            for (String alias : sc.aliasNames()) first = Math.min(first, firstRow.getOrDefault(alias, Integer.MAX_VALUE));
        }
        return first == Integer.MAX_VALUE ? null : slabinfo.caches().get(first);
    }

    /** kmalloc caches say their size in their name: {@code kmalloc-64}, {@code kmalloc-cg-1k}, {@code dma-kmalloc-8k}. */
    static CacheSpec kmallocSpec(String name) {
        Long named = KmallocSizes.sizeOf(name); // the one reading of kmalloc names; a size past every class is no kmalloc cache
        if (named == null || named < 1 || named > KmallocSizes.LARGEST) return null;
        int size = (int) (long) named;
        Set<SlabFlag> flags = EnumSet.noneOf(SlabFlag.class);
        if (name.contains("-rcl-")) flags.add(SlabFlag.RECLAIM_ACCOUNT);
        if (name.contains("-cg-")) flags.add(SlabFlag.ACCOUNT);
        if (name.startsWith("dma-")) flags.add(SlabFlag.CACHE_DMA);
        return new CacheSpec(name, size, 0, flags, false, true, -1, 0);
    }

    private Usage usage(SysfsCache c, CacheSpec spec) {
        long slabBytes = (long) machine.pageSize() << c.order();
        long inUse = c.objects();
        long freeNode = Math.max(0, c.freeOnNodePartial());
        Long objectBytes = spec == null ? null : inUse * c.objectSize();
        Long metadata = spec == null ? null : inUse * (c.slabSize() - c.objectSize());
        var cpuPartial = c.slabsCpuPartial();
        return new Usage(c.slabs() * slabBytes, c.slabs(), c.totalObjects(), inUse, true, objectBytes, metadata,
                freeNode, freeNode * c.slabSize(), c.slabs() * (slabBytes - c.objsPerSlab() * c.slabSize()),
                c.has("cpu_slabs") ? c.cpuSlabs() : null, cpuPartial == null ? null : cpuPartial.slabs(), null);
    }

    private Usage usage(CacheStats s, CacheSpec spec) {
        long slabBytes = s.pagesperslab() * machine.pageSize();
        Long objectBytes = spec == null ? null : s.activeObjs() * spec.objectSize();
        Long metadata = spec == null ? null : s.activeObjs() * (s.objsize() - spec.objectSize());
        long free = s.numObjs() - s.activeObjs();
        return new Usage(s.numSlabs() * slabBytes, s.numSlabs(), s.numObjs(), s.activeObjs(), allocator == Allocator.SLUB,
                objectBytes, metadata, free, free * s.objsize(), s.numSlabs() * (slabBytes - s.objperslab() * s.objsize()),
                null, null, allocator == Allocator.SLAB ? s.sharedavail() : null);
    }
}
