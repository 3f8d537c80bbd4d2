package io.slabtrace.model.layout;

/**
 * Computes a cache's geometry from what its creator asked for and the machine it runs on.
 * Implementations differ in which allocator they mirror; all return the same type, so any two
 * can be compared.
 */
public sealed interface Layouter permits SlubLayouter, SlabLayouter {

    CacheLayout layout(CacheSpec spec, Machine machine);

    static Layouter of(io.slabtrace.model.Allocator allocator) {
        return switch (allocator) {
            case SLAB -> new SlabLayouter();
            case SLUB, UNKNOWN -> new SlubLayouter();
        };
    }
}
