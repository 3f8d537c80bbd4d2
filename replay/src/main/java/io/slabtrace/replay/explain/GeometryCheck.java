package io.slabtrace.replay.explain;

import io.slabtrace.model.layout.CacheLayout;
import io.slabtrace.model.layout.Layouter;
import io.slabtrace.model.layout.Machine;
import io.slabtrace.model.sysfs.SysfsCache;
import io.slabtrace.model.sysfs.SysfsSpecs;

/**
 * The model's geometry for a cache, computed only from its defining parameters, beside what the
 * kernel reported for it.
 */
public record GeometryCheck(SysfsCache observed, CacheLayout computed) {

    public static GeometryCheck of(SysfsCache c, Layouter layouter, Machine machine) {
        return new GeometryCheck(c, layouter.layout(SysfsSpecs.of(c), machine));
    }

    public boolean slotMatches() {
        return computed.slotSize() == observed.slabSize();
    }

    public boolean orderMatches() {
        return computed.order() == observed.order();
    }

    public boolean objsMatch() {
        return computed.objperslab() == observed.objsPerSlab();
    }

    public boolean matches() {
        return slotMatches() && orderMatches() && objsMatch();
    }

    @Override
    public String toString() {
        return observed.name() + ": kernel " + observed.slabSize() + "/" + observed.objsPerSlab() + "/order " + observed.order()
                + ", model " + computed.slotSize() + "/" + computed.objperslab() + "/order " + computed.order();
    }
}
