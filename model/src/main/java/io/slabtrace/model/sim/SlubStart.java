package io.slabtrace.model.sim;

/**
 * Where a SLUB cache keeps its slabs when a trace starts, as a sysfs capture tells it ({@code show_slab_objects}):
 * full slabs on no list, node partial slabs with {@code objects_partial} objects in use, each CPU's slab and CPU
 * partial slabs. How many objects of the per-CPU slabs are in use the counters do not say (both /proc/slabinfo and
 * sysfs count them all as active): {@code cpuInUse} is the caller's estimate.
 *
 * @param cpuSlabs        slabs that are some CPU's slab ({@code cpu_slabs} minus the CPU partial ones)
 * @param cpuPartialSlabs slabs on the CPUs' partial lists ({@code slabs_cpu_partial})
 */
public record SlubStart(long fullSlabs, long partialSlabs, long partialInUse, long cpuSlabs, long cpuPartialSlabs, long cpuInUse) {
    public SlubStart {
        if (fullSlabs < 0 || partialSlabs < 0 || partialInUse < 0 || cpuSlabs < 0 || cpuPartialSlabs < 0 || cpuInUse < 0) {
            throw new IllegalArgumentException("negative slab counts: " + this);
        }
    }

    public long slabs() {
        return fullSlabs + partialSlabs + cpuSlabs + cpuPartialSlabs;
    }
}
