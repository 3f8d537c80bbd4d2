package io.slabtrace.model.trace;

/**
 * One kmem tracepoint event ({@code include/trace/events/kmem.h}). Fields a kernel version does
 * not print are null (or -1 for numbers): {@code name} on {@code kmem_cache_alloc} before 6.18,
 * {@code node} before 6.1 except on the {@code _node} events, {@code accounted} before 6.0.
 *
 * @param ptr the object pointer as printed (hashed values are stable within a boot); 0 for NULL
 */
public record KmemEvent(Kind kind, int cpu, double time, String callSite, long ptr, String name,
                        long bytesReq, long bytesAlloc, String gfpFlags, int node, Boolean accounted) {

    public enum Kind {
        KMALLOC, KMEM_CACHE_ALLOC, KFREE, KMEM_CACHE_FREE;

        public boolean isAlloc() {
            return this == KMALLOC || this == KMEM_CACHE_ALLOC;
        }
    }
}
