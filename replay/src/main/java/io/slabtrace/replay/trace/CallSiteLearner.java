package io.slabtrace.replay.trace;

import io.slabtrace.model.trace.KmemEvent;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A first pass over a trace from a kernel whose {@code kmem_cache_alloc} prints no cache name
 * (before 6.18): the name on the free of the same pointer tells which cache each call site
 * allocates from. Memory: the unnamed allocations still live, and one vote table per call site.
 */
public final class CallSiteLearner implements Consumer<KmemEvent> {
    private final Map<Long, String> pending = new HashMap<>();
    private final Map<String, Map<String, Long>> votes = new HashMap<>();

    @Override
    public void accept(KmemEvent e) {
        if (e.kind() == KmemEvent.Kind.KMEM_CACHE_ALLOC && e.name() == null && e.ptr() != 0) {
            pending.put(e.ptr(), e.callSite());
        } else if (e.kind() == KmemEvent.Kind.KMEM_CACHE_FREE && e.name() != null) {
            String site = pending.remove(e.ptr());
            if (site != null) votes.computeIfAbsent(site, k -> new HashMap<>()).merge(e.name(), 1L, Long::sum);
        } else if (e.kind() == KmemEvent.Kind.KFREE) {
            pending.remove(e.ptr());
        }
    }

    /** Each call site's cache, by majority of the frees that named it. */
    public Map<String, String> sites() {
        Map<String, String> out = new HashMap<>();
        votes.forEach((site, v) -> out.put(site, v.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey()));
        return out;
    }
}
