package io.slabtrace.model.layout;

import io.slabtrace.model.Allocator;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static io.slabtrace.model.layout.PageMath.align;
import static io.slabtrace.model.layout.PageMath.alignDown;
import static io.slabtrace.model.layout.PageMath.fls;
import static io.slabtrace.model.layout.PageMath.getOrder;
import static io.slabtrace.model.layout.PageMath.ilog2;
import static io.slabtrace.model.layout.PageMath.orderObjects;

/** SLUB as in Linux 6.x ({@code mm/slub.c}), with the gates the spec names for older releases. */
public final class SlubLayouter implements Layouter {
    private static final int WORD = Machine.WORD;
    private static final long MAX_OBJS_PER_PAGE = 32767; // 15-bit objects counter in struct slab
    private static final int MIN_PARTIAL = 5;
    private static final int MAX_PARTIAL = 10;

    @Override
    public CacheLayout layout(CacheSpec spec, Machine m) {
        List<Step> steps = new ArrayList<>();
        KernelVersion k = m.kernel();
        Set<SlabFlag> flags = EnumSet.copyOf(spec.flags().isEmpty() ? EnumSet.noneOf(SlabFlag.class) : spec.flags());
        int requested = spec.kmalloc() ? Math.max(spec.align(), Alignment.kmalloc(spec.objectSize(), k)) : spec.align();
        int align = Alignment.calculate(flags.contains(SlabFlag.HWCACHE_ALIGN), requested, spec.objectSize(), m.cacheLineSize());
        steps.add(flags.contains(SlabFlag.HWCACHE_ALIGN)
                ? Step.of(Rule.ALIGN_HWCACHE, spec.objectSize(), m.cacheLineSize(), align)
                : Step.of(Rule.ALIGN_MIN, requested, align));

        // calculate_sizes
        long objectSize = spec.objectSize();
        long size = align(objectSize, WORD);
        steps.add(Step.of(Rule.SIZE_TO_WORD, objectSize, size));
        boolean redZone = flags.contains(SlabFlag.RED_ZONE);
        if (redZone && size == objectSize) {
            size += WORD; // room for the right red zone
            steps.add(Step.of(Rule.RED_ZONE_RIGHT_WORD, size));
        }
        long inuse = size;
        FreePointer fp;
        boolean rcu = flags.contains(SlabFlag.TYPESAFE_BY_RCU);
        if (rcu && spec.usesFreeptrOffset() && k.atLeast(KernelVersion.V6_12)) {
            long at = spec.freeptrOffset() == CacheSpec.FREEPTR_UNKNOWN ? -1 : spec.freeptrOffset();
            fp = new FreePointer(FreePointer.Placement.CREATOR_OFFSET, at);
            steps.add(Step.of(Rule.FP_CREATOR_OFFSET, at));
        } else if (rcu || flags.contains(SlabFlag.POISON) || spec.ctor()
                || (redZone && (objectSize < WORD || (spec.kmalloc() && flags.contains(SlabFlag.STORE_USER) && k.atLeast(KernelVersion.V6_2))))) {
            fp = new FreePointer(FreePointer.Placement.AFTER_OBJECT, size);
            steps.add(Step.of(rcu ? Rule.FP_AFTER_RCU : flags.contains(SlabFlag.POISON) ? Rule.FP_AFTER_POISON
                    : spec.ctor() ? Rule.FP_AFTER_CTOR : Rule.FP_AFTER_RED_ZONE, size, size + WORD));
            size += WORD;
        } else if (k.atLeast(KernelVersion.V5_7)) {
            fp = new FreePointer(FreePointer.Placement.MIDDLE, alignDown(objectSize / 2, WORD));
            steps.add(Step.of(Rule.FP_MIDDLE, fp.offset()));
        } else {
            fp = new FreePointer(FreePointer.Placement.START, 0);
            steps.add(Step.of(Rule.FP_ZERO));
        }
        if (flags.contains(SlabFlag.STORE_USER)) {
            long track = k.atLeast(KernelVersion.V5_17) ? 32 : 152; // struct track: stackdepot handle, or 16 saved addresses
            size += 2 * track;
            steps.add(Step.of(Rule.STORE_USER_TRACKS, track, size));
            if (spec.kmalloc() && k.atLeast(new KernelVersion(6, 1))) {
                long orig = k.atLeast(KernelVersion.V6_12) ? 8 : 4; // kmalloc's original request size
                size += orig;
                steps.add(Step.of(Rule.KMALLOC_ORIG_SIZE, orig, size));
            }
        }
        long redLeftPad = 0;
        if (redZone) {
            size += WORD;
            redLeftPad = align(WORD, align);
            size += redLeftPad;
            steps.add(Step.of(Rule.RED_ZONE_PADS, WORD, redLeftPad, size));
        }
        long slot = align(size, align);
        steps.add(Step.of(Rule.SLOT_ALIGN, size, align, slot));

        int order = calculateOrder(slot, m, steps);
        long objs = orderObjects(order, slot, m.pageSize());
        long leftover = ((long) m.pageSize() << order) - objs * slot;

        boolean debug = flags.stream().anyMatch(SlabFlag.DEBUG::contains);
        Tunables.Slub t = tunables(slot, objs, debug, spec.sheafCapacity(), m);
        steps.add(Step.of(Rule.MIN_PARTIAL, slot, t.minPartial()));
        steps.add(Step.of(Rule.CPU_PARTIAL, slot, t.cpuPartial(), t.cpuPartialSlabs(), debug ? 1 : 0));
        if (t.sheafCapacity() > 0) steps.add(Step.of(Rule.SHEAVES, t.sheafCapacity()));
        if (spec.ctor()) steps.add(Step.of(Rule.CTOR_PER_SLAB, objs, order));

        return new CacheLayout(Allocator.SLUB, spec, m, align, slot, inuse, fp, redLeftPad, order, objs, leftover,
                null, 0, 0, 0, false, flags, t, steps);
    }

    /**
     * The runtime parameters set at creation: {@code min_partial} (do_kmem_cache_create), {@code cpu_partial}
     * and {@code cpu_partial_slabs} (set_cpu_partial, 5.16+ counts slabs assuming half-full ones), and 6.18's
     * sheaf capacity, which debug caches do not get.
     */
    public static Tunables.Slub tunables(long slot, long objs, boolean debug, int sheafCapacity, Machine m) {
        int minPartial = (int) Math.max(MIN_PARTIAL, Math.min(MAX_PARTIAL, ilog2(slot) / 2));
        int cpuPartial = debug ? 0 : slot >= m.pageSize() ? 6 : slot >= 1024 ? 24 : slot >= 256 ? 52 : 120;
        int cpuPartialSlabs = m.kernel().atLeast(KernelVersion.V5_16) ? (int) ((cpuPartial * 2L + objs - 1) / objs) : 0;
        int sheaves = debug || !m.kernel().atLeast(KernelVersion.V6_18) ? 0 : sheafCapacity;
        return new Tunables.Slub(minPartial, cpuPartial, cpuPartialSlabs, sheaves);
    }

    /** {@code calculate_order}: 6.8+ single pass over waste fractions, earlier releases the min_objects back-off. */
    static int calculateOrder(long size, Machine m, List<Step> steps) {
        long minObjects = m.slubMinObjects();
        if (minObjects == 0) {
            // num_present_cpus() (5.12+; nr_cpu_ids before), falling back to nr_cpu_ids on one CPU
            minObjects = 4L * (fls(m.cpus()) + 1);
        }
        steps.add(Step.of(Rule.MIN_OBJECTS, m.cpus(), minObjects));
        int maxOrder = m.slubMaxOrder();
        int page = m.pageSize();
        if (m.kernel().atLeast(KernelVersion.V6_8)) {
            long maxObjects = Math.max(orderObjects(maxOrder, size, page), 1);
            minObjects = Math.min(minObjects, maxObjects);
            int minOrder = Math.max(m.slubMinOrder(), getOrder(minObjects * size, page));
            if (orderObjects(minOrder, size, page) > MAX_OBJS_PER_PAGE) return getOrder(size * MAX_OBJS_PER_PAGE, page) - 1;
            for (int fract = 16; fract > 1; fract /= 2) {
                int order = calcSlabOrder(size, minOrder, maxOrder, fract, page);
                if (order <= maxOrder) {
                    steps.add(Step.of(Rule.ORDER_BY_WASTE, minObjects, order, fract, ((long) page << order) % size));
                    return order;
                }
            }
            int order = getOrder(size, page);
            steps.add(Step.of(Rule.ORDER_SINGLE_OBJECT, size, maxOrder, order));
            return order;
        }
        // 6.1 and earlier
        long maxObjects = orderObjects(maxOrder, size, page);
        minObjects = Math.min(minObjects, maxObjects);
        while (minObjects > 1) {
            for (int fract = 16; fract >= 4; fract /= 2) {
                int order = calcSlabOrderOld(size, minObjects, maxOrder, fract, m);
                if (order <= maxOrder) {
                    steps.add(Step.of(Rule.ORDER_BY_WASTE, minObjects, order, fract, ((long) page << order) % size));
                    return order;
                }
            }
            minObjects--;
        }
        int order = calcSlabOrderOld(size, 1, maxOrder, 1, m);
        if (order > maxOrder) order = calcSlabOrderOld(size, 1, 10, 1, m);
        steps.add(Step.of(Rule.ORDER_SINGLE_OBJECT, size, maxOrder, order));
        return order;
    }

    /** {@code calc_slab_order} (6.8+): the first order whose leftover is at most 1/fract of the slab. */
    private static int calcSlabOrder(long size, int minOrder, int maxOrder, int fract, int page) {
        for (int order = minOrder; order <= maxOrder; order++) {
            long slab = (long) page << order;
            if (slab % size <= slab / fract) return order;
        }
        return maxOrder + 1;
    }

    /** {@code calc_slab_order} before 6.8: starts at the order holding min_objects. */
    private static int calcSlabOrderOld(long size, long minObjects, int maxOrder, int fract, Machine m) {
        int page = m.pageSize();
        if (orderObjects(m.slubMinOrder(), size, page) > MAX_OBJS_PER_PAGE) return getOrder(size * MAX_OBJS_PER_PAGE, page) - 1;
        int order = Math.max(m.slubMinOrder(), getOrder(minObjects * size, page));
        for (; order <= maxOrder; order++) {
            long slab = (long) page << order;
            if (slab % size <= slab / fract) break;
        }
        return order;
    }
}
