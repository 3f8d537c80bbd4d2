package io.slabtrace.model.layout;

import io.slabtrace.model.CacheStats;

/**
 * The facts about a machine that a cache's geometry depends on but its attributes do not hold
 * (like JOL's DataModel): a value, compared by value, that describes itself.
 *
 * @param cpus          present CPUs ({@code num_present_cpus()}; SLUB's min_objects and SLAB's sharedfactor use it)
 * @param pageSize      bytes per page
 * @param cacheLineSize {@code cache_line_size()}, 64 on practically every x86_64 CPU
 * @param slubMinObjects {@code slub_min_objects=} / {@code slab_min_objects=}, 0 = automatic
 * @param slubMinOrder  {@code slub_min_order=}, default 0
 * @param slubMaxOrder  {@code slub_max_order=}, default {@code PAGE_ALLOC_COSTLY_ORDER} = 3
 * @param slabMaxOrder  classic SLAB's {@code slab_max_order}, raised to 1 at boot on machines with more than 32 MiB
 * @param debugSlab     classic SLAB built with CONFIG_DEBUG_SLAB (forced red zone, poisoning, smaller per-CPU arrays)
 */
public record Machine(int cpus, int pageSize, int cacheLineSize, KernelVersion kernel,
                      int slubMinObjects, int slubMinOrder, int slubMaxOrder, int slabMaxOrder, boolean debugSlab) {

    public static final int WORD = 8;
    /** The largest {@code CONFIG_NR_CPUS} the kernel allows (x86's MAXSMP): a capture claiming more is damaged. */
    public static final int MAX_CPUS = 8192;

    public Machine {
        if (cpus < 1 || cpus > MAX_CPUS) throw new IllegalArgumentException("cpus must be 1 to " + MAX_CPUS + " (the kernel's NR_CPUS limit)");
        if (pageSize < 512 || pageSize > CacheStats.MAX_PAGE_SIZE || Integer.bitCount(pageSize) != 1) {
            throw new IllegalArgumentException("page size must be a power of two from 512 to 262144 (256 KiB)");
        }
        if (Integer.bitCount(cacheLineSize) != 1) throw new IllegalArgumentException("cache line size must be a power of two");
    }

    /** x86_64 defaults: 4 KiB pages, 64-byte lines, no boot parameters. */
    public static Machine x86_64(int cpus, KernelVersion kernel) {
        return new Machine(cpus, 4096, 64, kernel, 0, 0, 3, 1, false);
    }

    public Machine withDebugSlab(boolean on) {
        return new Machine(cpus, pageSize, cacheLineSize, kernel, slubMinObjects, slubMinOrder, slubMaxOrder, slabMaxOrder, on);
    }

    public Machine withKernel(KernelVersion k) {
        return new Machine(cpus, pageSize, cacheLineSize, k, slubMinObjects, slubMinOrder, slubMaxOrder, slabMaxOrder, debugSlab);
    }

    public Machine withCpus(int n) {
        return new Machine(n, pageSize, cacheLineSize, kernel, slubMinObjects, slubMinOrder, slubMaxOrder, slabMaxOrder, debugSlab);
    }

    /** The machine running the kernel {@code release} names (a capture's or a report's), or this one when it names none. */
    public Machine withRelease(String release) {
        if (release == null) return this;
        try {
            return withKernel(KernelVersion.parse(release));
        } catch (IllegalArgumentException e) {
            return this; // a release string of another shape: the given release stands
        }
    }

    public Machine withPageSize(int bytes) {
        return new Machine(cpus, bytes, cacheLineSize, kernel, slubMinObjects, slubMinOrder, slubMaxOrder, slabMaxOrder, debugSlab);
    }

    @Override
    public String toString() {
        return "Linux " + kernel + ", " + cpus + " CPU" + (cpus == 1 ? "" : "s") + ", " + pageSize + "-byte pages, "
                + cacheLineSize + "-byte cache lines" + (debugSlab ? ", CONFIG_DEBUG_SLAB" : "");
    }
}
