package io.slabtrace.model.log;

/**
 * What a module's own messages say happened to its cache. Pointers are as printed: hashed
 * ({@code 000000005332292f}, stable within one boot) or raw ({@code ffff8881...}).
 */
public sealed interface SlabEvent {

    /** Where the event was read: line number, time, and the {@code pr_fmt} prefix of the message. */
    record At(long line, LogTime time, String prefix) {
    }

    At at();

    /** {@code kmem_cache_create} reported; size, align and flags when the message gives them (else -1 / null). */
    record CacheCreated(At at, String cache, int objectSize, int align, String flags) implements SlabEvent {
    }

    /** The module printed its cache's flags ({@code hwcache=1 ctor=1 rcu=0}, or a list). */
    record CacheFlags(At at, String flags) implements SlabEvent {
    }

    record CtorCalled(At at, String ptr) implements SlabEvent {
    }

    record Allocated(At at, String ptr) implements SlabEvent {
    }

    /** {@code ptr} is null when the message does not name the object ("object freed"). */
    record Freed(At at, String ptr) implements SlabEvent {
    }

    record CacheDestroyed(At at) implements SlabEvent {
    }

    record ModuleInit(At at) implements SlabEvent {
    }

    record ModuleExit(At at) implements SlabEvent {
    }
}
