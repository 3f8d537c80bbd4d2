package io.slabtrace.replay.series;

import io.slabtrace.model.CacheStats;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A series consumer's state per cache name. Consecutive snapshots nearly always list the same caches in the
 * same order (the kernel walks its slab_caches list), so the states of the previous snapshot's rows are
 * reused by position, checked by the name (the same String, as the parser interns names), without a map
 * look-up per row. A name repeated within a snapshot shares one state, as a look-up by name would give.
 */
final class SlotsByName<S> {
    private final Map<String, S> byName = new HashMap<>();
    private final Supplier<S> fresh;
    private String[] names = new String[0];
    private Object[] rows = new Object[0];

    SlotsByName(Supplier<S> fresh) {
        this.fresh = fresh;
    }

    /** Lines this snapshot's rows up with their states (created for names not seen before); then {@link #row} gives them. */
    void align(List<CacheStats> caches) {
        if (sameNames(caches)) return;
        names = new String[caches.size()];
        rows = new Object[caches.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = caches.get(i).name();
            rows[i] = byName.computeIfAbsent(names[i], k -> fresh.get());
        }
    }

    private boolean sameNames(List<CacheStats> caches) {
        return sameNames(caches, names);
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

    S get(String name) {
        return byName.get(name);
    }

    int size() {
        return byName.size();
    }

    Set<String> names() {
        return byName.keySet();
    }

    Collection<S> all() {
        return byName.values();
    }

    Set<Map.Entry<String, S>> entries() {
        return byName.entrySet();
    }
}
