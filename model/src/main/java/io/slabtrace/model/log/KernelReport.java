package io.slabtrace.model.log;

import java.util.List;

/**
 * A slab report the kernel itself printed, with its whole block of lines: SLUB's
 * {@code BUG <cache> (...): <reason>}, "Slab cache still has objects", "SLUB: Unable to allocate
 * memory", classic SLAB's "slab error in", double-free and corruption messages, page allocation
 * failures that came from growing a slab, KASAN and KFENCE reports, kmemleak's unreferenced
 * objects, the OOM killer's unreclaimable-slab table and {@code cache_from_obj}'s wrong-cache warning.
 *
 * @param detector  which part of the kernel printed it
 * @param facts     what the report says, field by field (never null; {@link ReportFacts#NONE} when nothing was read)
 */
public record KernelReport(Kind kind, Detector detector, String cache, String reason, long firstLine, LogTime time,
                           List<String> lines, ReportFacts facts) {

    public enum Kind {
        REDZONE_OVERWRITTEN, POISON_OVERWRITTEN, PADDING_OVERWRITTEN, FREEPOINTER_CORRUPT, DOUBLE_FREE,
        STILL_HAS_OBJECTS, ALLOC_FAILURE, SLAB_ERROR,
        USE_AFTER_FREE, OUT_OF_BOUNDS, INVALID_FREE, MEMORY_CORRUPTION, LEAK, OOM_SLAB, WRONG_CACHE
    }

    /** Who reported: the two sanitizers, kmemleak, SLUB's debug checks, the allocator's own checks, the OOM killer. */
    public enum Detector {
        KASAN, KFENCE, KMEMLEAK, SLUB_DEBUG, SLAB, OOM
    }

    public KernelReport {
        lines = List.copyOf(lines);
        if (facts == null) facts = ReportFacts.NONE;
    }
}
