package io.slabtrace.replay.series;

import io.slabtrace.model.CacheStats;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A series consumer's state per cache: per {@link CacheKey}, so two caches of one name (kmem_cache_create allows
 * it, and captured kernels have them: a parisc64 6.10 has two file_lock_cache) keep states of their own. A state
 * shared by name took both rows of a snapshot in turn, and a series then showed moves between two caches as the
 * growth and reclaim of one. Consecutive snapshots nearly always list the same caches in the same order (the kernel
 * walks its slab_caches list), so the states of the previous snapshot's rows are reused by position, checked by
 * the name (the same String, as the parser interns names), without a map look-up per row.
 */
final class SlotsByCache<S> {
    private final Map<CacheKey, S> byKey = new LinkedHashMap<>();
    private final Map<String, List<S>> byName = new HashMap<>();
    private final Supplier<S> fresh;
    private String[] names = new String[0];
    private Object[] rows = new Object[0];

    SlotsByCache(Supplier<S> fresh) {
        this.fresh = fresh;
    }

    /** Lines this snapshot's rows up with their states (created for caches not seen before); then {@link #row} gives them. */
    void align(List<CacheStats> caches) {
        if (sameNames(caches, names)) return;
        names = new String[caches.size()];
        rows = new Object[caches.size()];
        List<CacheKey> keys = CacheKeys.of(caches);
        for (int i = 0; i < names.length; i++) {
            names[i] = caches.get(i).name();
            S state = byKey.get(keys.get(i));
            if (state == null) {
                byKey.put(keys.get(i), state = fresh.get());
                byName.computeIfAbsent(names[i], k -> new ArrayList<>(1)).add(state);
            }
            rows[i] = state;
        }
    }

    /** Whether {@code caches} list exactly {@code names}, in order: names are nearly always the same Strings, so identity first. */
    static boolean sameNames(List<CacheStats> caches, String[] names) {
        if (caches.size() != names.length) return false;
        for (int i = 0; i < names.length; i++) {
            String name = caches.get(i).name();
            if (name != names[i] && !name.equals(names[i])) return false;
        }
        return true;
    }

    /** The state of row {@code i} of the snapshot last aligned. */
    @SuppressWarnings("unchecked")
    S row(int i) {
        return (S) rows[i];
    }

    /** The states of the caches named {@code name}, in the order their rows come (none: empty). */
    List<S> named(String name) {
        return byName.getOrDefault(name, List.of());
    }

    int size() {
        return byKey.size();
    }

    /** The names of the caches seen, each once. */
    Set<String> names() {
        return byName.keySet();
    }

    Collection<S> all() {
        return byKey.values();
    }

    Set<Map.Entry<CacheKey, S>> entries() {
        return byKey.entrySet();
    }
}
