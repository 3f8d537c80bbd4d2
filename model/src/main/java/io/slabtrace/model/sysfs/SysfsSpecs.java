package io.slabtrace.model.sysfs;

import io.slabtrace.model.layout.CacheSpec;

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

    public static CacheSpec of(SysfsCache c) {
        String name = c.name();
        boolean kmalloc = name.startsWith("kmalloc-") || name.startsWith("dma-kmalloc-");
        int freeptr = FREEPTR_OFFSET_CREATORS.contains(name) || c.aliasNames().stream().anyMatch(FREEPTR_OFFSET_CREATORS::contains)
                ? CacheSpec.FREEPTR_UNKNOWN : -1;
        return new CacheSpec(name, (int) c.objectSize(), (int) c.align(), c.flags(), c.ctor() != null, kmalloc,
                freeptr, (int) c.sheafCapacity());
    }

    /**
     * The page size the geometry implies: the power of two P for which every cache's
     * {@code objs_per_slab == (P << order) / slab_size}; 0 if none fits.
     */
    public static int inferPageSize(SysfsTree tree) {
        for (int p = 4096; p <= 65536; p <<= 1) {
            boolean fits = true;
            for (SysfsCache c : tree.caches()) {
                if (c.slabSize() <= 0 || c.order() < 0 || c.objsPerSlab() <= 0) continue;
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
