package io.slabtrace.replay.trace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which cache a kfree call site frees into, learned from its kfrees of objects the trace allocated. A kfree event names
 * no cache ({@code trace_kfree} has only the call site and pointer), so a kfree of an object from before the trace can
 * only be placed through its call site: {@code seq_release} frees 4 KiB seq_file buffers, {@code kernfs_fop_release}
 * kernfs_open_file in kmalloc-192. A site counts as known when at least 9 in 10 of its attributed kfrees went to one
 * cache, from two on; kfrees at a site not yet known wait for the end of the trace.
 */
final class KfreeSites {
    /** Per call site (interned): the first cache seen (its run), kfrees into it, kfrees into any other. */
    private final Map<String, int[]> sites = new HashMap<>();
    /** Per call site: waiting kfrees of objects from before the trace, per CPU. */
    private final Map<String, List<Integer>> waiting = new HashMap<>();

    void saw(String site, int run) {
        if (site == null) return;
        int[] v = sites.get(site);
        if (v == null) sites.put(site, new int[] {run, 1, 0});
        else if (v[0] == run) v[1]++;
        else v[2]++;
    }

    /** The cache's run this site frees into, or -1 while that is not known. */
    int cacheOf(String site) {
        int[] v = site == null ? null : sites.get(site);
        return v != null && v[1] >= 2 && v[1] >= 9L * v[2] ? v[0] : -1;
    }

    void defer(String site, int cpu) {
        if (site != null) waiting.computeIfAbsent(site, k -> new ArrayList<>()).add(cpu);
    }

    interface Free {
        void at(int run, int cpu);
    }

    /** At the end of the trace: the waiting kfrees of sites known by now; the rest stay unplaced. */
    void drain(Free free) {
        waiting.forEach((site, cpus) -> {
            int run = cacheOf(site);
            if (run >= 0) for (int cpu : cpus) free.at(run, cpu);
        });
        waiting.clear();
    }
}
