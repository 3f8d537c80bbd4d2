package io.slabtrace.model;

import java.util.Locale;

/** Renders a cache as the kernel prints it in {@code /proc/slabinfo} ({@code cache_show}, {@code slabinfo_show_stats}). */
public final class SlabinfoLine {
    public static final String HEADER = "# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab>"
            + " : tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>";

    private SlabinfoLine() {
    }

    public static String of(CacheStats c) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-17s %6d %6d %6d %4d %4d : tunables %4d %4d %4d : slabdata %6d %6d %6d",
                c.name(), c.activeObjs(), c.numObjs(), c.objsize(), c.objperslab(), c.pagesperslab(), c.limit(), c.batchcount(),
                c.sharedfactor(), c.activeSlabs(), c.numSlabs(), c.sharedavail()));
        SlabDebugStats d = c.debug();
        if (d != null) {
            s.append(String.format(Locale.ROOT, " : globalstat %7d %6d %5d %4d %4d %4d %4d %4d %4d : cpustat %6d %6d %6d %6d",
                    d.listallocs(), d.maxobjs(), d.grown(), d.reaped(), d.error(), d.maxfreeable(), d.nodeallocs(), d.remotefrees(),
                    d.alienoverflow(), d.allochit(), d.allocmiss(), d.freehit(), d.freemiss()));
        }
        return s.toString();
    }
}
