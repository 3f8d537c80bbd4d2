package io.slabtrace.replay.kernellog;

import io.slabtrace.model.layout.CacheLayout;

/**
 * Where a bad address falls in a cache's slot, from the layout model's geometry.
 *
 * @param place        which part of the slot
 * @param neighbour    for {@link Place#NEXT_OBJECT} and {@link Place#PREVIOUS_OBJECT}: how many slots away (1 = adjacent)
 * @param byteInTarget the byte of the object (or of the neighbour's slot) that was hit
 * @param slabIndex    which object of its slab (0-based) the report's object is, from SLUB's {@code @offset=}, or null
 * @param fitsModel    SLUB's {@code @offset=} is a whole number of the model's slots: the model's geometry is the kernel's
 *                     (null when the report gives no offset to check)
 * @param layout       the model's layout the place was computed with
 */
public record SlotPlace(Place place, Long neighbour, Long byteInTarget, Long slabIndex, Boolean fitsModel, CacheLayout layout) {

    public enum Place {
        /** within the object's requested bytes */
        INSIDE_OBJECT,
        /** within the object but past the kmalloc request: the cache's size class rounded the request up */
        KMALLOC_SLACK,
        /** on the word SLUB keeps the free list in, while the object is free */
        FREE_POINTER,
        /** past the object, in SLUB's right red zone (slub_debug=Z) */
        RIGHT_RED_ZONE,
        /** before the object, in SLUB's left red zone */
        LEFT_RED_ZONE,
        /** past the object, in the alignment padding of its slot */
        SLOT_PADDING,
        /** past the object, in the slot's debug metadata (owner tracks, original size, padding) */
        METADATA,
        /** past this slot, in a following object */
        NEXT_OBJECT,
        /** before this slot, in an earlier object */
        PREVIOUS_OBJECT,
        /** KFENCE: outside its one object, on the canary bytes or the guard page next to it */
        KFENCE_GUARD
    }
}
