package io.slabtrace.replay.trace.result;

/**
 * Something a replay took for granted, or left out, that its figures depend on. {@code count} is
 * how many events it concerns (0 where it is about the method); {@code placed}, where the method places some of them
 * and leaves the rest out, how many it placed (else null); {@code text} says it in English.
 */
public record Assumption(Kind kind, long count, Long placed, String text) {
    public Assumption(Kind kind, long count, String text) {
        this(kind, count, null, text);
    }

    public enum Kind {
        /** each cache starts as the snapshot before the trace shows it, its objects spread evenly ({@code count}: caches) */
        PREFILL,
        /** SLUB caches start with their slabs where a sysfs capture puts them ({@code count}: caches) */
        PREFILL_SYSFS,
        /** SLUB caches start from their counters alone: partial slabs as few as hold the free objects, a CPU slab per CPU ({@code count}: caches) */
        PREFILL_COUNTERS,
        /** unnamed kmem_cache_alloc events attributed by the free's name or their call site */
        NAMES_FROM_FREES,
        /** the trace shows more CPUs than the model has: they are folded onto its CPUs ({@code count}: the trace's) */
        CPUS_FOLDED,
        /** kmalloc events too large for a kmalloc cache (the page allocator served them) */
        KMALLOC_LARGE,
        /** kfree events of objects older than the trace, whose cache no event names */
        STRAY_KFREE
    }
}
