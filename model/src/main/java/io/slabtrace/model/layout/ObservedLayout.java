package io.slabtrace.model.layout;

import io.slabtrace.model.Allocator;
import io.slabtrace.model.CacheStats;

import java.util.EnumSet;
import java.util.List;

/**
 * A layout taken from what the kernel printed rather than computed: the slot, objects per slab and
 * pages per slab of a {@code /proc/slabinfo} line, with the runtime parameters the allocator derives
 * from them (SLAB's printed tunables; SLUB's min_partial and cpu_partial from the slot size). What a
 * simulator needs when the creation parameters are unknown.
 */
public final class ObservedLayout {
    private ObservedLayout() {
    }

    public static CacheLayout of(CacheStats c, Allocator allocator, Machine m) {
        int order = Long.numberOfTrailingZeros(Math.max(1, c.pagesperslab()));
        long slab = (long) m.pageSize() << order;
        long objs = Math.max(1, c.objperslab());
        long slot = c.objsize();
        if (objs * slot > slab) throw new IllegalArgumentException(c.name() + ": " + objs + " x " + slot + " bytes do not fit "
                + c.pagesperslab() + " page(s) of " + m.pageSize() + " bytes (another page size?)");
        CacheSpec spec = new CacheSpec(c.name(), (int) slot, 0, EnumSet.noneOf(SlabFlag.class), false, false, -1, 0);
        Tunables t = allocator == Allocator.SLAB
                ? new Tunables.Slab((int) Math.max(1, c.limit()), (int) Math.max(1, c.batchcount()), (int) c.sharedfactor())
                : SlubLayouter.tunables(slot, objs, false, 0, m);
        return new CacheLayout(allocator == Allocator.SLAB ? Allocator.SLAB : Allocator.SLUB, spec, m, 8, slot, slot,
                new FreePointer(allocator == Allocator.SLAB ? FreePointer.Placement.INDEX_ARRAY : FreePointer.Placement.MIDDLE, -1),
                0, order, objs, slab - objs * slot, null, 0, 0, m.cacheLineSize(), false, EnumSet.noneOf(SlabFlag.class), t, List.of());
    }
}
