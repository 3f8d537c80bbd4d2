package io.slabtrace.model.layout;

/**
 * Where a free object keeps the pointer to the next free object.
 *
 * @param offset bytes from the start of the object (SLUB); -1 for classic SLAB, which keeps an index array instead
 */
public record FreePointer(Placement placement, long offset) {

    public enum Placement {
        /** after the object: the slot grows by a word (ctor, RCU, poison, some red zones) */
        AFTER_OBJECT,
        /** inside the object at the creator's {@code freeptr_offset} */
        CREATOR_OFFSET,
        /** inside, in the middle of the object (5.7+), so small overflows do not hit it */
        MIDDLE,
        /** inside, at offset 0 (before 5.7) */
        START,
        /** classic SLAB: an array of 1-byte indices, not a pointer in the object */
        INDEX_ARRAY
    }

    public boolean growsSlot() {
        return placement == Placement.AFTER_OBJECT;
    }
}
