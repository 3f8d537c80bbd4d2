package io.slabtrace.model.sysfs;

import io.slabtrace.model.CacheStats;
import io.slabtrace.model.layout.CacheSpec;
import io.slabtrace.model.layout.Machine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** What a sysfs directory says about how its cache was created, as a {@link CacheSpec}. */
public final class SysfsSpecs {
    /**
     * Creators that pass {@code kmem_cache_args.freeptr_offset} (6.12+), which sysfs does not show:
     * {@code vm_area_struct} ({@code vm_area_cachep}, mm) and the file caches ({@code filp_cachep},
     * {@code bfilp_cachep}, fs/file_table.c). Their free pointer stays inside the object although
     * they are TYPESAFE_BY_RCU.
     */
    static final Set<String> FREEPTR_OFFSET_CREATORS = Set.of("vm_area_struct", "filp", "bfilp");

    private SysfsSpecs() {
    }

    public static final long MAX_OBJECT_SIZE = CacheStats.MAX_OBJSIZE;
    public static final int MAX_ORDER = CacheStats.MAX_ORDER;

    /**
     * The creation attributes ({@code object_size}, {@code align}) a capture lacks or gives out of range; empty when
     * {@link #of} can be used. A partial capture ({@code grep . /sys/kernel/slab/}{@code *}{@code /object_size}) names its gaps here.
     */
    public static List<String> missingCreation(SysfsCache c) {
        List<String> missing = new ArrayList<>();
        if (c.objectSize() < 1 || c.objectSize() > MAX_OBJECT_SIZE) missing.add("object_size");
        if (c.align() < 1 || c.align() > MAX_OBJECT_SIZE || Long.bitCount(c.align()) != 1) missing.add("align");
        return missing;
    }

    /** The geometry attributes ({@code slab_size}, {@code objs_per_slab}, {@code order}) a capture lacks or gives out of range. */
    public static List<String> missingGeometry(SysfsCache c) {
        List<String> missing = new ArrayList<>();
        if (c.slabSize() < 1 || c.slabSize() > MAX_OBJECT_SIZE) missing.add("slab_size");
        if (c.objsPerSlab() < 1 || c.objsPerSlab() > MAX_OBJECT_SIZE) missing.add("objs_per_slab");
        if (c.number("order") < 0 || c.number("order") > MAX_ORDER) missing.add("order");
        return missing;
    }

    /** Only when {@link #missingCreation} is empty; {@link #ofObjectSize} takes a missing align as the word size. */
    public static CacheSpec of(SysfsCache c) {
        String name = c.name();
        boolean kmalloc = name.startsWith("kmalloc-") || name.startsWith("dma-kmalloc-");
        int freeptr = FREEPTR_OFFSET_CREATORS.contains(name) || c.aliasNames().stream().anyMatch(FREEPTR_OFFSET_CREATORS::contains)
                ? CacheSpec.FREEPTR_UNKNOWN : -1;
        return new CacheSpec(name, (int) c.objectSize(), (int) c.align(), c.flags(), c.ctor() != null, kmalloc,
                freeptr, (int) Math.min(c.sheafCapacity(), 1 << 16));
    }

    /** As {@link #of}, for a capture with a usable object_size but no align: the smallest the kernel gives, a word. */
    public static CacheSpec ofObjectSize(SysfsCache c) {
        return of(new SysfsCache(c.name(), withAlign(c), c.aliasNames()));
    }

    private static java.util.Map<String, SysfsValue> withAlign(SysfsCache c) {
        java.util.Map<String, SysfsValue> a = new java.util.HashMap<>(c.attributes());
        a.put("align", new SysfsValue.Number(Machine.WORD));
        return a;
    }

    /**
     * The page size the geometry implies: the power of two P for which every cache's
     * {@code objs_per_slab == (P << order) / slab_size}; 0 if none fits.
     */
    public static int inferPageSize(SysfsTree tree) {
        for (int p = 4096; p <= 65536; p <<= 1) {
            boolean fits = true;
            for (SysfsCache c : tree.caches()) {
                if (!missingGeometry(c).isEmpty()) continue;
                if (((long) p << c.order()) / c.slabSize() != c.objsPerSlab()) {
                    fits = false;
                    break;
                }
            }
            if (fits) return p;
        }
        return 0;
    }
}
