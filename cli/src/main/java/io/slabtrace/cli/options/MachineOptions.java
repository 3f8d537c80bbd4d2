package io.slabtrace.cli.options;

import io.slabtrace.cli.error.ExitCodes;
import io.slabtrace.cli.error.UserError;
import io.slabtrace.model.Allocator;
import io.slabtrace.model.layout.KernelVersion;
import io.slabtrace.model.layout.Machine;
import io.slabtrace.model.sysfs.SysfsSpecs;
import io.slabtrace.model.sysfs.SysfsTree;
import io.slabtrace.parser.HostFacts;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The machine facts a geometry depends on, for captures that do not say. Anything not given comes
 * from the capture's notes, else from this host, else from x86_64 defaults. Declared in code ({@link Bound}).
 */
public final class MachineOptions {

    private final Bound<Integer> cpus = new Bound<>(null);

    private final Bound<String> kernel = new Bound<>(null);

    private final Bound<Integer> pageSize = new Bound<>(null);

    private final Bound<Integer> cacheLine = new Bound<>(64);

    private final Bound<Boolean> debugSlab = new Bound<>(false);

    private final Bound<Integer> slubMinObjects = new Bound<>(0);

    private final Bound<Integer> slubMaxOrder = new Bound<>(3);

    /** Adds the machine facts, {@code --cpus} to {@code --slub-max-order}, to {@code command}. */
    public void addTo(CommandSpec command) {
        command.addOption(cpus.option(Integer.class, "--cpus").paramLabel("N")
                .description("Present CPUs of the machine the cache lives on (default: from the capture's notes, else this host).").build());
        command.addOption(kernel.option(String.class, "--kernel").paramLabel("REL")
                .description("Kernel release whose rules apply, e.g. 6.1 or 6.18 (default: from the capture, else this host for SLUB, 6.1 for SLAB).").build());
        command.addOption(pageSize.option(Integer.class, "--page-size").paramLabel("BYTES")
                .description("Page size (default: from the capture, else 4096).").build());
        command.addOption(cacheLine.option(Integer.class, "--cache-line").paramLabel("BYTES")
                .description("cache_line_size() (default: 64).").build());
        command.addOption(debugSlab.option(Boolean.class, "--debug-slab").arity("0")
                .description("Classic SLAB kernel built with CONFIG_DEBUG_SLAB.").build());
        command.addOption(slubMinObjects.option(Integer.class, "--slub-min-objects").paramLabel("N")
                .description("Boot parameter slub_min_objects= (default: automatic).").build());
        command.addOption(slubMaxOrder.option(Integer.class, "--slub-max-order").paramLabel("N")
                .description("Boot parameter slub_max_order= (default: 3).").build());
    }

    /** The page size given, or null. */
    public Integer pageSize() {
        return pageSize.value();
    }

    /** Takes the kernel for one built with CONFIG_DEBUG_SLAB when {@code captureSays} so (its slabinfo has SLAB's statistics columns). */
    public void debugSlabIf(boolean captureSays) {
        if (captureSays) debugSlab.value(true);
    }

    /** The machine the options, the capture's notes, its sysfs tree (page size) and this host describe, in that order. */
    public Machine machine(Allocator allocator, HostFacts capture, SysfsTree tree) {
        Integer inferredPageSize = tree == null ? null : SysfsSpecs.inferPageSize(tree);
        Integer cpus = this.cpus.value(), pageSize = this.pageSize.value();
        String kernel = this.kernel.value();
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
            return new Machine(n, page, cacheLine.value(), k, slubMinObjects.value(), 0, slubMaxOrder.value(), 1, debugSlab.value());
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), ExitCodes.USAGE);
        }
    }
}
