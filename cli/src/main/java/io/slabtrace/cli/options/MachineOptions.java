package io.slabtrace.cli.options;

import io.slabtrace.cli.error.ExitCodes;
import io.slabtrace.cli.error.UserError;
import io.slabtrace.model.Allocator;
import io.slabtrace.model.layout.KernelVersion;
import io.slabtrace.model.layout.Machine;
import io.slabtrace.model.sysfs.SysfsSpecs;
import io.slabtrace.model.sysfs.SysfsTree;
import io.slabtrace.parser.HostFacts;
import picocli.CommandLine.Option;

/**
 * The machine facts a geometry depends on, for captures that do not say. Anything not given comes
 * from the capture's notes, else from this host, else from x86_64 defaults.
 */
public final class MachineOptions {

    @Option(names = "--cpus", paramLabel = "N", description = "Present CPUs of the machine the cache lives on (default: from the capture's notes, else this host).")
    Integer cpus;

    @Option(names = "--kernel", paramLabel = "REL", description = "Kernel release whose rules apply, e.g. 6.1 or 6.18 (default: from the capture, else this host for SLUB, 6.1 for SLAB).")
    String kernel;

    @Option(names = "--page-size", paramLabel = "BYTES", description = "Page size (default: from the capture, else 4096).")
    public Integer pageSize;

    @Option(names = "--cache-line", paramLabel = "BYTES", description = "cache_line_size() (default: 64).")
    int cacheLine = 64;

    @Option(names = "--debug-slab", description = "Classic SLAB kernel built with CONFIG_DEBUG_SLAB.")
    public boolean debugSlab;

    @Option(names = "--slub-min-objects", paramLabel = "N", description = "Boot parameter slub_min_objects= (default: automatic).")
    int slubMinObjects;

    @Option(names = "--slub-max-order", paramLabel = "N", description = "Boot parameter slub_max_order= (default: 3).")
    int slubMaxOrder = 3;

    /** The machine the options, the capture's notes, its sysfs tree (page size) and this host describe, in that order. */
    public Machine machine(Allocator allocator, HostFacts capture, SysfsTree tree) {
        Integer inferredPageSize = tree == null ? null : SysfsSpecs.inferPageSize(tree);
        Integer hostCpus = cpus != null || capture.cpus() != null ? null : HostFacts.liveCpus(); // this host only when nothing else says
        int n = cpus != null ? cpus : capture.cpus() != null ? capture.cpus() : hostCpus != null ? hostCpus : 2;
        KernelVersion k;
        try {
            String hostRelease = kernel != null || capture.release() != null || allocator == Allocator.SLAB ? null : HostFacts.liveRelease();
            k = kernel != null ? KernelVersion.parse(kernel)
                    : capture.release() != null ? KernelVersion.parse(capture.release())
                    : allocator == Allocator.SLAB ? new KernelVersion(6, 1)
                    : hostRelease != null ? KernelVersion.parse(hostRelease) : KernelVersion.NEWEST;
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), ExitCodes.USAGE);
        }
        if (allocator == Allocator.SLAB && k.atLeast(KernelVersion.V6_8)) {
            throw new UserError("classic SLAB was removed in Linux 6.8; give --kernel 6.7 or older", ExitCodes.USAGE);
        }
        int page = pageSize != null ? pageSize : inferredPageSize != null && inferredPageSize > 0 ? inferredPageSize : 4096;
        try {
            return new Machine(n, page, cacheLine, k, slubMinObjects, 0, slubMaxOrder, 1, debugSlab);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), ExitCodes.USAGE);
        }
    }
}
