package io.slabtrace.model.layout;

import io.slabtrace.model.Allocator;

import java.util.List;
import java.util.Set;

/**
 * A cache's geometry as an allocator lays it out: every byte of a slab accounted for
 * ({@code objperslab × slotSize + leftoverBytes = pagesperslab × page size}).
 *
 * @param align          final alignment
 * @param slotSize       {@code s->size}: the slot, what slabinfo calls objsize
 * @param inuse          SLUB {@code s->inuse}: object plus right red zone; classic SLAB: the slot
 * @param redLeftPad     bytes of left red zone before each object (SLUB debug)
 * @param leftoverBytes  end of the slab too small for a slot (classic SLAB: after its on-slab index array)
 * @param freelist       classic SLAB's index array placement, null for SLUB
 * @param freelistBytes  bytes of that array inside the slab (on-slab only)
 * @param colour         classic SLAB: number of colour offsets ({@code left_over / colour_off})
 * @param ctorPerAllocation the constructor runs at each allocation, not when a slab is built
 *                       (classic SLAB with CONFIG_DEBUG_SLAB poisoning)
 * @param flags          the flags in effect after the allocator added or dropped debug flags
 * @param steps          the rules applied, in order, for explanations
 */
public record CacheLayout(
        Allocator allocator,
        CacheSpec spec,
        Machine machine,
        int align,
        long slotSize,
        long inuse,
        FreePointer freePointer,
        long redLeftPad,
        int order,
        long objperslab,
        long leftoverBytes,
        SlabFreelist freelist,
        long freelistBytes,
        long colour,
        long colourOff,
        boolean ctorPerAllocation,
        Set<SlabFlag> flags,
        Tunables tunables,
        List<Step> steps) {

    public CacheLayout {
        steps = List.copyOf(steps);
        long slab = ((long) machine.pageSize()) << order; // accessors are not usable before the fields are set
        if (objperslab * slotSize + freelistBytes + leftoverBytes != slab) {
            throw new IllegalStateException("layout does not account for every byte: " + objperslab + " x " + slotSize
                    + " + " + freelistBytes + " + " + leftoverBytes + " != " + slab);
        }
    }

    public long pagesperslab() {
        return 1L << order;
    }

    public long slabBytes() {
        return pagesperslab() * machine.pageSize();
    }

    /** Bytes of each slot that are not the object: alignment, free pointer, debug metadata. */
    public long metadataPerObject() {
        return slotSize - spec.objectSize();
    }

    /** How many times the constructor runs when the cache grows by one slab (0 without one, or when it runs per allocation). */
    public long ctorCallsPerNewSlab() {
        return spec.ctor() && !ctorPerAllocation ? objperslab : 0;
    }
}
