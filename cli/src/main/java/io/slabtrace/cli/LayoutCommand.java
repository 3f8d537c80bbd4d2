package io.slabtrace.cli;

import io.slabtrace.model.Allocator;
import io.slabtrace.model.layout.CacheLayout;
import io.slabtrace.model.layout.CacheSpec;
import io.slabtrace.model.layout.Layouter;
import io.slabtrace.model.layout.Machine;
import io.slabtrace.model.layout.SlabFlag;
import io.slabtrace.parser.HostFacts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "layout",
        description = {"What-if geometry of a cache from its creation parameters: slot size, order, objects per slab,",
                "leftover, free pointer, tunables, and each kernel rule that decided them.",
                "Example (the seed module): slabtrace layout --size 40 --align 8 --flags HWCACHE_ALIGN --ctor"},
        sortOptions = false)
public final class LayoutCommand implements Callable<Integer> {

    enum Which { slub, slab }

    @Spec
    CommandSpec spec;

    @Option(names = "--size", required = true, paramLabel = "BYTES", description = "Object size passed to kmem_cache_create.")
    int size;

    @Option(names = "--align", paramLabel = "BYTES", description = "Requested alignment (default: ${DEFAULT-VALUE}).")
    int align = 8;

    @Option(names = "--flags", paramLabel = "LIST", description = "Comma list of SLAB_* flags without the prefix (HWCACHE_ALIGN, RECLAIM_ACCOUNT, TYPESAFE_BY_RCU, POISON, RED_ZONE, STORE_USER, ...), or slub_debug letters F,Z,P,U,T.")
    String flags = "";

    @Option(names = "--ctor", description = "The cache has a constructor.")
    boolean ctor;

    @Option(names = "--kmalloc", description = "A kmalloc size-class cache (kmalloc alignment and debug metadata rules).")
    boolean kmalloc;

    @Option(names = "--freeptr-offset", paramLabel = "BYTES", description = "kmem_cache_args.freeptr_offset (6.12+, RCU caches).")
    int freeptrOffset = -1;

    @Option(names = "--sheaf-capacity", paramLabel = "N", description = "kmem_cache_args.sheaf_capacity (6.18).")
    int sheafCapacity;

    @Option(names = "--allocator", paramLabel = "NAME", description = "slub or slab (default: ${DEFAULT-VALUE}).")
    Which allocator = Which.slub;

    @Option(names = "--compare-flags", paramLabel = "LIST", description = "Also lay the cache out with this flag list instead (\"\" for none) and compare memory per 1,000 objects.")
    String compareFlags;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text or json (default: ${DEFAULT-VALUE}).")
    TextOrJson format = TextOrJson.text;

    @Option(names = "--lang", paramLabel = "LANG", description = "Language of the explanation: en or zh (default: ${DEFAULT-VALUE}).")
    Lang lang = Lang.en;

    @Mixin
    MachineOptions machineOptions;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Allocator a = allocator == Which.slab ? Allocator.SLAB : Allocator.SLUB;
        Machine m = machineOptions.machine(a, HostFacts.UNKNOWN, null);
        Layouter layouter = Layouter.of(a);
        CacheLayout l = layouter.layout(spec(parseFlags(flags, "--flags")), m);
        LayoutView.Comparison cmp = null;
        if (compareFlags != null) {
            CacheLayout other = layouter.layout(spec(parseFlags(compareFlags, "--compare-flags")), m);
            cmp = LayoutView.Comparison.of(other, l, 1000);
        }
        if (format == TextOrJson.json) {
            Structured.json(out, LayoutView.of(l, lang, cmp));
        } else {
            LayoutText.print(out, l, lang);
            if (cmp != null) {
                out.println();
                out.println(cmp.sentence(lang));
                out.flush();
            }
        }
        return Cli.EXIT_OK;
    }

    private CacheSpec spec(Set<SlabFlag> f) {
        try {
            return new CacheSpec("(what-if)", size, align, f, ctor, kmalloc, freeptrOffset, sheafCapacity);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), Cli.EXIT_USAGE);
        }
    }

    static Set<SlabFlag> parseFlags(String text, String option) {
        try {
            return SlabFlag.parseList(text);
        } catch (IllegalArgumentException e) {
            throw new UserError(option + ": " + e.getMessage(), Cli.EXIT_USAGE);
        }
    }
}
