package io.slabtrace.replay.series;

import io.slabtrace.model.CacheStats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Gives every line of a snapshot its {@link CacheKey}, numbering repeated names in order. */
final class CacheKeys {
    private CacheKeys() {
    }

    static List<CacheKey> of(List<CacheStats> caches) {
        List<CacheKey> keys = new ArrayList<>(caches.size());
        Map<String, Integer> seen = new HashMap<>();
        for (CacheStats c : caches) {
            int n = seen.merge(c.name(), 1, Integer::sum) - 1;
            keys.add(new CacheKey(c.name(), n));
        }
        return keys;
    }
}
