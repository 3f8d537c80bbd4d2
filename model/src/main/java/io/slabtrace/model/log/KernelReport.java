package io.slabtrace.model.log;

import java.util.List;

/**
 * A slab report the kernel itself printed, with its whole block of lines: SLUB's
 * {@code BUG <cache> (...): <reason>}, "Slab cache still has objects", "SLUB: Unable to allocate
 * memory", classic SLAB's "slab error in", double-free and corruption messages, and page
 * allocation failures that came from growing a slab.
 */
public record KernelReport(Kind kind, String cache, String reason, long firstLine, LogTime time, List<String> lines) {

    public enum Kind {
        REDZONE_OVERWRITTEN, POISON_OVERWRITTEN, PADDING_OVERWRITTEN, FREEPOINTER_CORRUPT, DOUBLE_FREE,
        STILL_HAS_OBJECTS, ALLOC_FAILURE, SLAB_ERROR
    }

    public KernelReport {
        lines = List.copyOf(lines);
    }
}
