package io.slabtrace.replay.explain;

import io.slabtrace.model.CacheStats;
import io.slabtrace.model.layout.CacheLayout;
import io.slabtrace.model.sysfs.SysfsCache;

/** The three numbers that define a cache's slabs, wherever they come from. */
public record Geometry(long slotSize, long objperslab, int order, long pagesperslab) {

    public static Geometry of(CacheLayout l) {
        return new Geometry(l.slotSize(), l.objperslab(), l.order(), l.pagesperslab());
    }

    public static Geometry of(SysfsCache c) {
        return new Geometry(c.slabSize(), c.objsPerSlab(), c.order(), 1L << c.order());
    }

    public static Geometry of(CacheStats s) {
        return new Geometry(s.objsize(), s.objperslab(), Long.numberOfTrailingZeros(Math.max(1, s.pagesperslab())), s.pagesperslab());
    }
}
