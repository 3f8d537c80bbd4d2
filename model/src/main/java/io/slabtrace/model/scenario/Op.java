package io.slabtrace.model.scenario;

import io.slabtrace.model.layout.SlabFlag;

import java.util.Set;

/** One command of a workload scenario, with the line it came from. */
public sealed interface Op {
    long line();

    /** Declares a cache (or selects one declared before) for the operations that follow. */
    record Cache(long line, String name, int size, int align, Set<SlabFlag> flags, boolean ctor) implements Op {
    }

    /** Later operations run on this CPU. */
    record Cpu(long line, int cpu) implements Op {
    }

    record Alloc(long line, int count) implements Op {
    }

    record Free(long line, Selector which) implements Op {
    }

    /** Advances the clock; periodic reaping runs as the kernel would. */
    record Tick(long line, long millis) implements Op {
    }

    /** {@code kmem_cache_shrink}. */
    record Shrink(long line) implements Op {
    }

    /** {@code kmem_cache_destroy}. */
    record Destroy(long line) implements Op {
    }

    /** Records the observable state under a label. */
    record Snapshot(long line, String label) implements Op {
    }
}
