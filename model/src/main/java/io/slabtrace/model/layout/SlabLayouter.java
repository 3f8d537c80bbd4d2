package io.slabtrace.model.layout;

import io.slabtrace.model.Allocator;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static io.slabtrace.model.layout.PageMath.align;
import static io.slabtrace.model.layout.PageMath.fls;

/** Classic SLAB as in Linux 4.6 – 6.7 ({@code mm/slab.c}, freelist index array at the end of the slab). */
public final class SlabLayouter implements Layouter {
    private static final int WORD = Machine.WORD;
    private static final int REDZONE_ALIGN = 8;
    /** {@code SLAB_OBJ_MIN_SIZE}: min(KMALLOC_MIN_SIZE, 16). */
    private static final int OBJ_MIN_SIZE = 16;
    private static final int KMALLOC_MAX_ORDER = 10;

    /** One accepted candidate of {@code calculate_slab_order}. */
    private record Estimate(long num, int order, long left) {
    }

    @Override
    public CacheLayout layout(CacheSpec spec, Machine m) {
        List<Step> steps = new ArrayList<>();
        Set<SlabFlag> flags = spec.flags().isEmpty() ? EnumSet.noneOf(SlabFlag.class) : EnumSet.copyOf(spec.flags());
        if (spec.kmalloc()) flags.add(SlabFlag.HWCACHE_ALIGN); // ARCH_KMALLOC_FLAGS
        int requested = spec.kmalloc() ? Math.max(spec.align(), Alignment.kmalloc(spec.objectSize(), m.kernel())) : spec.align();
        int cacheAlign = Alignment.calculate(flags.contains(SlabFlag.HWCACHE_ALIGN), requested, spec.objectSize(), m.cacheLineSize());
        steps.add(flags.contains(SlabFlag.HWCACHE_ALIGN)
                ? Step.of(Rule.ALIGN_HWCACHE, spec.objectSize(), m.cacheLineSize(), cacheAlign)
                : Step.of(Rule.ALIGN_MIN, requested, cacheAlign));

        long size = spec.objectSize();
        if (m.debugSlab()) {
            // FORCED_DEBUG: red zone and last-user word where they do not push the slot to the next power of two
            if (size < 4096 || fls(size - 1) == fls(size - 1 + REDZONE_ALIGN + 2 * 8)) {
                flags.add(SlabFlag.RED_ZONE);
                flags.add(SlabFlag.STORE_USER);
            }
            if (!flags.contains(SlabFlag.TYPESAFE_BY_RCU)) flags.add(SlabFlag.POISON);
            steps.add(Step.of(Rule.SLAB_DEBUG_FORCED, flags.contains(SlabFlag.RED_ZONE) ? 1 : 0, flags.contains(SlabFlag.POISON) ? 1 : 0));
        }
        size = align(size, WORD);
        int ralign = WORD;
        if (flags.contains(SlabFlag.RED_ZONE)) size = align(size, REDZONE_ALIGN);
        if (ralign < cacheAlign) ralign = cacheAlign;
        if (ralign > 8 && (flags.contains(SlabFlag.RED_ZONE) || flags.contains(SlabFlag.STORE_USER))) {
            flags.remove(SlabFlag.RED_ZONE); // SLAB cannot red-zone objects aligned beyond 8 bytes
            flags.remove(SlabFlag.STORE_USER);
            steps.add(Step.of(Rule.SLAB_DEBUG_DROPPED, ralign));
        }
        int alignment = ralign;
        long colourOff = Math.max(m.cacheLineSize(), alignment);
        if (flags.contains(SlabFlag.RED_ZONE)) size += 2 * 8;
        if (flags.contains(SlabFlag.STORE_USER)) size += flags.contains(SlabFlag.RED_ZONE) ? REDZONE_ALIGN : WORD;
        if (m.debugSlab() && (flags.contains(SlabFlag.RED_ZONE) || flags.contains(SlabFlag.STORE_USER))) {
            steps.add(Step.of(Rule.SLAB_DEBUG_SPACE, size));
        }
        long before = size;
        size = align(size, alignment);
        steps.add(Step.of(Rule.SLAB_SLOT_ALIGN, before, alignment, size));
        if (size < OBJ_MIN_SIZE) {
            size = align(OBJ_MIN_SIZE, alignment);
            steps.add(Step.of(Rule.SLAB_MIN_SIZE, size));
        }
        int idx = indexBytes(m);
        int maxNum = idx == 1 ? 255 : 65535;
        boolean reclaim = flags.contains(SlabFlag.RECLAIM_ACCOUNT);

        SlabFreelist placement = null;
        Estimate e = null;
        if (spec.ctor() || flags.contains(SlabFlag.TYPESAFE_BY_RCU)) {
            steps.add(Step.of(Rule.OBJFREELIST_REFUSED, spec.ctor() ? 1 : 0, 0));
        } else {
            Estimate o = calculateSlabOrder(size, SlabFreelist.OBJFREELIST, reclaim, idx, maxNum, m);
            if (o != null && o.num * idx <= spec.objectSize()) {
                placement = SlabFreelist.OBJFREELIST;
                e = o;
                steps.add(Step.of(Rule.OBJFREELIST, o.num * idx, spec.objectSize()));
            } else {
                steps.add(Step.of(Rule.OBJFREELIST_REFUSED, 0, o == null ? 0 : o.num * idx));
            }
        }
        if (placement == null && !flags.contains(SlabFlag.NOLEAKTRACE)) {
            Estimate o = calculateSlabOrder(size, SlabFreelist.OFF_SLAB, reclaim, idx, maxNum, m);
            if (o != null && o.left < o.num * idx) {
                placement = SlabFreelist.OFF_SLAB;
                e = o;
                steps.add(Step.of(Rule.OFF_SLAB, o.num * idx));
            } else {
                steps.add(Step.of(Rule.OFF_SLAB_REFUSED, o == null ? 0 : 1, o == null ? 0 : o.left));
            }
        }
        if (placement == null) {
            e = calculateSlabOrder(size, SlabFreelist.ON_SLAB, reclaim, idx, maxNum, m);
            if (e == null) throw new IllegalArgumentException("no slab order holds one " + size + "-byte object (E2BIG)");
            placement = SlabFreelist.ON_SLAB;
            steps.add(Step.of(Rule.ON_SLAB, e.num * idx, e.num, idx));
        }
        steps.add(Step.of(Rule.SLAB_ORDER, e.order, e.num, e.left));
        long colour = e.left / colourOff;
        steps.add(Step.of(Rule.COLOUR, e.left, colourOff, colour));

        // enable_cpucache: per-CPU array limit from the slot size
        long limit = size > 131072 ? 1 : size > m.pageSize() ? 8 : size > 1024 ? 24 : size > 256 ? 54 : 120;
        if (m.debugSlab() && limit > 32) limit = 32;
        long batch = (limit + 1) / 2;
        long shared = size <= m.pageSize() && m.cpus() > 1 ? 8 : 0;
        steps.add(Step.of(Rule.SLAB_TUNABLES, size, limit, batch, shared));

        boolean ctorPerAlloc = spec.ctor() && flags.contains(SlabFlag.POISON) && m.debugSlab();
        if (spec.ctor()) steps.add(ctorPerAlloc ? Step.of(Rule.CTOR_PER_ALLOCATION) : Step.of(Rule.CTOR_PER_SLAB, e.num, e.order));
        long freelistBytes = placement == SlabFreelist.ON_SLAB ? e.num * idx : 0;
        return new CacheLayout(Allocator.SLAB, spec, m, alignment, size, size,
                new FreePointer(FreePointer.Placement.INDEX_ARRAY, -1), 0, e.order, e.num, e.left,
                placement, freelistBytes, colour, colourOff, ctorPerAlloc, flags,
                new Tunables.Slab((int) limit, (int) batch, (int) shared), steps);
    }

    /** {@code freelist_idx_t}: one byte while a slab cannot hold more than 255 objects of the smallest size. */
    private static int indexBytes(Machine m) {
        return (m.pageSize() >> 8) <= OBJ_MIN_SIZE ? 1 : 2;
    }

    /** {@code calculate_slab_order}: the first order with acceptable waste, never above slab_max_order once one fits. */
    private Estimate calculateSlabOrder(long size, SlabFreelist mode, boolean reclaim, int idx, int maxNum, Machine m) {
        Estimate best = null;
        for (int order = 0; order <= KMALLOC_MAX_ORDER; order++) {
            long slab = (long) m.pageSize() << order;
            long num = mode == SlabFreelist.ON_SLAB ? slab / (size + idx) : slab / size;
            long left = mode == SlabFreelist.ON_SLAB ? slab % (size + idx) : slab % size;
            if (num == 0) continue;
            if (num > maxNum) break;
            if (mode == SlabFreelist.OFF_SLAB) {
                // the index array would be a kmalloc object: not from an off-slab cache, and worth it
                long arrayBytes = num * idx;
                CacheLayout holder = kmallocCacheFor(arrayBytes, m);
                if (holder.freelist() == SlabFreelist.OFF_SLAB) continue;
                if (holder.slotSize() > size / 2) continue;
            }
            best = new Estimate(num, order, left);
            if (reclaim) break;                 // reclaimable caches stay at low orders
            if (order >= m.slabMaxOrder()) break;
            if (left * 8 <= slab) break;        // at most 1/8 wasted
        }
        return best;
    }

    /** The kmalloc cache SLAB would take {@code bytes} from ({@code kmalloc_slab}): 32, 64, 96, 128, 192, then powers of two. */
    private CacheLayout kmallocCacheFor(long bytes, Machine m) {
        int size = bytes <= 32 ? 32 : bytes <= 64 ? 64 : bytes <= 96 ? 96 : bytes <= 128 ? 128 : bytes <= 192 ? 192
                : 1 << fls(bytes - 1);
        return layout(new CacheSpec("kmalloc-" + size, size, 0, EnumSet.noneOf(SlabFlag.class), false, true, -1, 0), m);
    }
}
