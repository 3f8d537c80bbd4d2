package io.slabtrace.replay.kernellog;

import io.slabtrace.model.layout.CacheLayout;
import io.slabtrace.model.layout.CacheSpec;
import io.slabtrace.model.layout.FreePointer;
import io.slabtrace.model.layout.Machine;
import io.slabtrace.model.layout.SlabFlag;
import io.slabtrace.model.layout.SlubLayouter;
import io.slabtrace.model.log.KernelReport;
import io.slabtrace.model.log.ReportFacts;

import java.util.EnumSet;
import java.util.Set;

/**
 * Puts a report's bad address into the slot the layout model computes for its cache (SLUB's {@code calculate_sizes}):
 * object, kmalloc slack, free pointer, red zones, padding, metadata, or a neighbouring object. The geometry is the
 * model's, never recomputed here.
 */
final class SlotExplainer {
    private SlotExplainer() {
    }

    /** The object size to lay out: the report's, or the one a kmalloc cache's name gives; null when neither. */
    static Long objectSize(KernelReport r) {
        Long s = r.facts().objectSize();
        if (s != null && r.detector() != KernelReport.Detector.KFENCE) return s;
        Long named = KmallocSizes.sizeOf(r.cache());
        if (r.detector() == KernelReport.Detector.KFENCE) return named != null ? named : s; // KFENCE prints the request; the cache's size is the class
        return named;
    }

    /** Where the report's offset falls, or null when the report gives no offset or the cache's size is unknown. */
    static SlotPlace place(KernelReport r, Machine machine) {
        ReportFacts f = r.facts();
        Long size = objectSize(r);
        if (f.offset() == null || size == null || size < 1 || size > Integer.MAX_VALUE) return null;
        long off = f.offset();
        Machine m = machine.withRelease(f.release());
        boolean kmalloc = KmallocSizes.sizeOf(r.cache()) != null;
        Set<SlabFlag> flags = EnumSet.noneOf(SlabFlag.class);
        if (r.detector() == KernelReport.Detector.SLUB_DEBUG) {
            // a SLUB debug report prints red zones and owner tracks: the cache ran with slub_debug=FZPU
            flags.addAll(EnumSet.of(SlabFlag.CONSISTENCY_CHECKS, SlabFlag.RED_ZONE, SlabFlag.POISON, SlabFlag.STORE_USER));
        }
        CacheLayout l = new SlubLayouter().layout(new CacheSpec(r.cache() == null ? "?" : r.cache(), (int) (long) size, 0, flags, false,
                kmalloc, -1, 0), m);
        Long request = r.detector() == KernelReport.Detector.KFENCE ? f.objectSize() : f.regionSize();
        if (request != null && request >= size) request = null;
        Long slabIndex = null;
        Boolean fits = null;
        if (f.slabOffset() != null) {
            long start = f.slabOffset() - l.redLeftPad();
            fits = start >= 0 && start % l.slotSize() == 0;
            slabIndex = fits ? start / l.slotSize() : null;
        }
        if (r.detector() == KernelReport.Detector.KFENCE) {
            // KFENCE gives each object a page of its own: outside it there is no neighbour, only canary and guard page
            long kfenceSize = f.objectSize() != null ? f.objectSize() : size;
            SlotPlace.Place p = off < 0 || off >= kfenceSize ? SlotPlace.Place.KFENCE_GUARD : SlotPlace.Place.INSIDE_OBJECT;
            return new SlotPlace(p, null, off, null, null, l);
        }
        long slot = l.slotSize();
        FreePointer fp = l.freePointer();
        boolean free = Boolean.TRUE.equals(f.freed()) || r.kind() == KernelReport.Kind.USE_AFTER_FREE || r.kind() == KernelReport.Kind.POISON_OVERWRITTEN;
        if (off < 0) {
            if (l.redLeftPad() > 0 && -off <= l.redLeftPad()) return new SlotPlace(SlotPlace.Place.LEFT_RED_ZONE, null, off, slabIndex, fits, l);
            long back = (-off - l.redLeftPad() + slot - 1) / slot;
            long byteIn = back * slot + off; // from the start of that earlier slot's object
            return new SlotPlace(SlotPlace.Place.PREVIOUS_OBJECT, back, byteIn, slabIndex, fits, l);
        }
        if (off >= slot - l.redLeftPad() && off >= size) {
            long fwd = (off + l.redLeftPad()) / slot;
            return new SlotPlace(SlotPlace.Place.NEXT_OBJECT, fwd, off - fwd * slot, slabIndex, fits, l);
        }
        if (free && fp.offset() >= 0 && off >= fp.offset() && off < fp.offset() + Machine.WORD) {
            return new SlotPlace(SlotPlace.Place.FREE_POINTER, null, off, slabIndex, fits, l);
        }
        if (off < size) {
            return new SlotPlace(request != null && off >= request ? SlotPlace.Place.KMALLOC_SLACK : SlotPlace.Place.INSIDE_OBJECT,
                    null, off, slabIndex, fits, l);
        }
        if (l.flags().contains(SlabFlag.RED_ZONE) && off < l.inuse()) return new SlotPlace(SlotPlace.Place.RIGHT_RED_ZONE, null, off, slabIndex, fits, l);
        if (off < ((size + Machine.WORD - 1) / Machine.WORD) * Machine.WORD || !l.flags().stream().anyMatch(SlabFlag.DEBUG::contains)) {
            return new SlotPlace(SlotPlace.Place.SLOT_PADDING, null, off, slabIndex, fits, l);
        }
        return new SlotPlace(SlotPlace.Place.METADATA, null, off, slabIndex, fits, l);
    }
}
