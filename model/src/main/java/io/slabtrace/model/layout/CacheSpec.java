package io.slabtrace.model.layout;

import java.util.EnumSet;
import java.util.Set;

/**
 * What the creator of a cache asked for: the arguments of {@code kmem_cache_create}, without
 * any layout (JOL's "data" side). The layout is computed from this and a {@link Machine}.
 *
 * @param objectSize    requested object size in bytes
 * @param align         requested alignment (0 or the kernel's final {@code align}; both give the same result)
 * @param kmalloc       a kmalloc size-class cache (SLAB_KMALLOC; matters for debug metadata)
 * @param freeptrOffset where the creator put the free pointer inside the object ({@code kmem_cache_args.freeptr_offset},
 *                      6.12+), or -1 when it did not
 * @param sheafCapacity 6.18 per-CPU sheaf capacity, 0 = none
 */
public record CacheSpec(String name, int objectSize, int align, Set<SlabFlag> flags, boolean ctor, boolean kmalloc,
                        int freeptrOffset, int sheafCapacity) {

    /** The creator passed a {@code freeptr_offset} whose value is not known (sysfs does not show it). */
    public static final int FREEPTR_UNKNOWN = Integer.MAX_VALUE;

    public CacheSpec {
        if (objectSize < 1) throw new IllegalArgumentException("object size must be at least 1 byte");
        if (align < 0 || (align != 0 && Integer.bitCount(align) != 1)) throw new IllegalArgumentException("align must be a power of two");
        flags = flags.isEmpty() ? EnumSet.noneOf(SlabFlag.class) : EnumSet.copyOf(flags);
    }

    public static CacheSpec of(String name, int objectSize, int align, Set<SlabFlag> flags, boolean ctor) {
        return new CacheSpec(name, objectSize, align, flags, ctor, false, -1, 0);
    }

    public boolean has(SlabFlag f) {
        return flags.contains(f);
    }

    public boolean usesFreeptrOffset() {
        return freeptrOffset >= 0;
    }
}
