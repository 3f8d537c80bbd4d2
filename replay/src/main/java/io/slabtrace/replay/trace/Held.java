package io.slabtrace.replay.trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who holds the memory at the end of the trace: the objects it allocated and never freed, per cache and call
 * site, with their bytes and ages. A pointer stays live until a free of it or a new allocation at it, as
 * {@link LiveObjects} keeps them; objects from before the trace are not counted (their pointers are unknown).
 */
final class Held {
    /** One call site's survivors in one cache; ages in seconds before the trace's last event, null without timestamps. */
    record Site(long objects, long bytes, Double oldestAge, Double medianAge) {
        static final Site NONE = new Site(0, 0, null, null);
    }

    /** A cache's run and a call site (by value: each reader thread interns its own copy of a site's name). */
    private record Key(int run, String site) {
    }

    private final Map<Key, Site> bySite;

    private Held(Map<Key, Site> bySite) {
        this.bySite = bySite;
    }

    Site at(int run, String site) {
        return bySite.getOrDefault(new Key(run, site), Site.NONE);
    }

    /** Walks the live objects once, at the end: memory is that of the survivors, never of the trace. */
    static Held of(LiveObjects live, List<ReplayedCache> runs, double end) {
        Map<Key, long[]> counts = new HashMap<>();
        Map<Key, List<Double>> ages = new HashMap<>();
        live.forEachValue(v -> {
            ReplayedCache r = runs.get(LiveObjects.run(v));
            int object = LiveObjects.object(v);
            Key k = new Key(r.index, r.siteOf(object));
            long[] c = counts.computeIfAbsent(k, x -> new long[2]);
            c[0]++;
            c[1] += r.bytesOf(object);
            double born = r.bornAt(object);
            if (!Double.isNaN(born) && !Double.isNaN(end)) ages.computeIfAbsent(k, x -> new ArrayList<>()).add(end - born);
        });
        Map<Key, Site> out = new HashMap<>();
        counts.forEach((k, c) -> {
            List<Double> a = ages.get(k);
            Double oldest = null, median = null;
            if (a != null && a.size() == c[0]) { // every survivor has a time: else an age would mislead
                double[] sorted = a.stream().mapToDouble(Double::doubleValue).toArray();
                Arrays.sort(sorted);
                oldest = round(sorted[sorted.length - 1]);
                median = round(sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2);
            }
            out.put(k, new Site(c[0], c[1], oldest, median));
        });
        return new Held(out);
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1e6) / 1e6;
    }
}
