package io.slabtrace.replay.trace;

import io.slabtrace.replay.trace.result.HeldSeries;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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

    /** A cache's run and a call site, compared by value. */
    private record Key(int run, String site) {
        // written out: a record's generated equals and hashCode go through method handles the quick JIT does not inline
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && run == k.run && Objects.equals(site, k.site);
        }

        @Override
        public int hashCode() {
            return 31 * run + Objects.hashCode(site);
        }
    }

    /** Sites whose survivors get a curve of bytes held by allocation time, and its points. */
    static final int CURVES = 8, POINTS = 64;

    private final Map<Key, Site> bySite;
    private final List<HeldSeries> curves;

    private Held(Map<Key, Site> bySite, List<HeldSeries> curves) {
        this.bySite = bySite;
        this.curves = curves;
    }

    /** The {@link #CURVES} sites holding the most bytes at the end, each with its bytes by allocation time. */
    List<HeldSeries> curves() {
        return curves;
    }

    Site at(int run, String site) {
        return bySite.getOrDefault(new Key(run, site), Site.NONE);
    }

    /** Walks the live objects once, at the end: memory is that of the survivors, never of the trace. */
    static Held of(LiveObjects live, List<ReplayedCache> runs, double end) {
        Map<Key, long[]> counts = new HashMap<>();
        Map<Key, List<double[]>> births = new HashMap<>(); // {seconds since the start, bytes} per survivor
        live.forEachValue(v -> {
            ReplayedCache r = runs.get(LiveObjects.run(v));
            int object = LiveObjects.object(v);
            Key k = new Key(r.index, r.siteOf(object));
            long[] c = counts.computeIfAbsent(k, x -> new long[2]);
            c[0]++;
            c[1] += r.bytesOf(object);
            double born = r.bornAt(object);
            if (!Double.isNaN(born) && !Double.isNaN(end)) births.computeIfAbsent(k, x -> new ArrayList<>()).add(new double[] {born, r.bytesOf(object)});
        });
        Map<Key, Site> out = new HashMap<>();
        counts.forEach((k, c) -> {
            List<double[]> b = births.get(k);
            Double oldest = null, median = null;
            if (b != null && b.size() == c[0]) { // every survivor has a time: else an age would mislead
                double[] sorted = new double[b.size()];
                for (int i = 0; i < sorted.length; i++) sorted[i] = end - b.get(i)[0];
                Arrays.sort(sorted);
                oldest = round(sorted[sorted.length - 1]);
                median = round(sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2);
            }
            out.put(k, new Site(c[0], c[1], oldest, median));
        });
        List<HeldSeries> curves = new ArrayList<>();
        if (!Double.isNaN(end) && end > 0) {
            counts.entrySet().stream().filter(e -> births.containsKey(e.getKey()))
                    .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1])).limit(CURVES)
                    .forEach(e -> curves.add(curve(runs.get(e.getKey().run()).name, e.getKey().site(), births.get(e.getKey()), end)));
        }
        return new Held(out, curves);
    }

    /** Bytes of survivors allocated by each of {@link #POINTS} even times from the start to {@code end}. */
    private static HeldSeries curve(String cache, String site, List<double[]> born, double end) {
        double[] t = new double[POINTS];
        long[] bytes = new long[POINTS];
        for (double[] b : born) { // a damaged trace's clock may step back before its first event: such births count at the start
            int bin = (int) Math.floor(b[0] / end * POINTS);
            bytes[Math.max(0, Math.min(POINTS - 1, bin))] += (long) b[1];
        }
        for (int i = 0; i < POINTS; i++) {
            t[i] = end * (i + 1) / POINTS;
            if (i > 0) bytes[i] += bytes[i - 1];
        }
        return new HeldSeries(site, cache, t, bytes);
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1e6) / 1e6;
    }
}
