package io.slabtrace.replay.trace;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Which cache a kfree call site frees into, learned from its kfrees of objects the trace allocated. A kfree event names
 * no cache ({@code trace_kfree} has only the call site and pointer), so a kfree of an object from before the trace can
 * only be placed through its call site: {@code seq_release} frees 4 KiB seq_file buffers, {@code kernfs_fop_release}
 * kernfs_open_file in kmalloc-192. A site counts as known when at least 9 in 10 of its attributed kfrees went to one
 * cache, from two on. Kfrees at a site not yet known wait, counted per CPU, until it is (or the trace ends): memory
 * grows with the call sites and caches, not with the trace.
 */
final class KfreeSites {

    /** One call site: its attributed kfrees per cache (by run), and its waiting kfrees of older objects per CPU. */
    private static final class Site {
        int[] byRun = new int[0];
        int total, top = -1; // the run most of them went to
        long[] waitingByCpu = new long[0];
        long waiting;
    }

    interface Free {
        void at(int run, int cpu);
    }

    private final Map<String, Site> sites = new HashMap<>(); // by interned call site

    /** A kfree at {@code site} of an object the trace allocated in {@code run}; waiting kfrees go to {@code free} once the site is known. */
    void saw(String site, int run, Free free) {
        if (site == null) return;
        Site s = sites.computeIfAbsent(site, k -> new Site());
        if (run >= s.byRun.length) s.byRun = Arrays.copyOf(s.byRun, run + 1);
        s.byRun[run]++;
        s.total++;
        if (s.top < 0 || s.byRun[run] > s.byRun[s.top]) s.top = run;
        if (s.waiting > 0) place(s, free); // now, not at the end: a checkpoint between sees them
    }

    /** The cache's run this site frees into, or -1 while that is not known. */
    int cacheOf(String site) {
        Site s = site == null ? null : sites.get(site);
        return s == null ? -1 : known(s);
    }

    private static int known(Site s) {
        int top = s.top;
        return top >= 0 && s.byRun[top] >= 2 && s.byRun[top] >= 9L * (s.total - s.byRun[top]) ? top : -1;
    }

    void defer(String site, int cpu) {
        if (site == null) return;
        Site s = sites.computeIfAbsent(site, k -> new Site());
        if (cpu >= s.waitingByCpu.length) s.waitingByCpu = Arrays.copyOf(s.waitingByCpu, cpu + 1);
        s.waitingByCpu[cpu]++;
        s.waiting++;
    }

    /** At the end of the trace: the waiting kfrees of sites known by now; the rest stay unplaced. */
    void drain(Free free) {
        for (Site s : sites.values()) if (s.waiting > 0) place(s, free);
    }

    private static void place(Site s, Free free) {
        int run = known(s);
        if (run < 0) return;
        for (int cpu = 0; cpu < s.waitingByCpu.length; cpu++) {
            for (long n = s.waitingByCpu[cpu]; n > 0; n--) free.at(run, cpu);
        }
        Arrays.fill(s.waitingByCpu, 0);
        s.waiting = 0;
    }
}
