package io.slabtrace.cli.command;

import io.slabtrace.cli.error.ExitCodes;
import io.slabtrace.cli.error.UserError;
import io.slabtrace.cli.format.Lang;
import io.slabtrace.cli.format.Structured;
import io.slabtrace.cli.format.TextOrJson;
import io.slabtrace.cli.options.Bound;
import io.slabtrace.cli.options.CommandModel;
import io.slabtrace.cli.options.CreationOptions;
import io.slabtrace.cli.options.MachineOptions;
import io.slabtrace.cli.options.ProseOptions;
import io.slabtrace.cli.view.LayoutText;
import io.slabtrace.cli.view.LayoutView;
import io.slabtrace.model.Allocator;
import io.slabtrace.model.Snapshot;
import io.slabtrace.model.layout.CacheLayout;
import io.slabtrace.model.layout.Layouter;
import io.slabtrace.model.layout.Machine;
import io.slabtrace.parser.HostFacts;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** What-if geometry of a cache. Its options are declared in code ({@link Bound}). */
public final class LayoutCommand implements Callable<Integer> {

    /** The --allocator option's values. */
    enum Which {
        slub(Allocator.SLUB), slab(Allocator.SLAB);

        final Allocator allocator;

        Which(Allocator allocator) {
            this.allocator = allocator;
        }

        /** The option when given, else what the first snapshot that says tells, else SLUB (the only allocator since 6.8). */
        static Allocator resolve(Which given, Snapshot... evidence) {
            if (given != null) return given.allocator;
            for (Snapshot s : evidence) if (s != null && s.allocator() != Allocator.UNKNOWN) return s.allocator();
            return Allocator.SLUB;
        }
    }

    private CommandSpec spec;

    private final CreationOptions creation = new CreationOptions();

    private final Bound<Which> allocator = new Bound<>(Which.slub);

    private final Bound<String> compareFlags = new Bound<>(null);

    private final ProseOptions prose = new ProseOptions();

    private final MachineOptions machineOptions = new MachineOptions();

    /** The command line's model of this command, bound to this object. */
    public CommandSpec spec() {
        spec = CommandModel.of(this, "layout");
        spec.usageMessage().sortOptions(false).description(
                "What-if geometry of a cache from its creation parameters: slot size, order, objects per slab, "
                + "leftover, free pointer, tunables, and each kernel rule that decided them.",
                "",
                "Example (the seed module): slabtrace layout --size 40 --align 8 --flags HWCACHE_ALIGN --ctor");
        creation.addTo(spec);
        spec.addOption(allocator.option(Which.class, "--allocator").paramLabel("NAME")
                .description("slub or slab (default: ${DEFAULT-VALUE}).").build());
        spec.addOption(compareFlags.option(String.class, "--compare-flags").paramLabel("LIST")
                .description("Also lay the cache out with this flag list instead (\"\" for none) and compare memory per 1,000 objects.").build());
        prose.addTo(spec);
        machineOptions.addTo(spec);
        Bound.helpOptions(spec, new VersionProvider());
        return spec;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Allocator a = allocator.value().allocator;
        String compareFlags = this.compareFlags.value();
        if (!creation.given()) throw new UserError("layout needs --size (the object size passed to kmem_cache_create)", ExitCodes.USAGE);
        Lang lang = prose.lang();
        Machine m = machineOptions.machine(a, HostFacts.UNKNOWN, null);
        Layouter layouter = Layouter.of(a);
        CacheLayout l = layouter.layout(creation.spec("(what-if)"), m);
        LayoutView.Comparison cmp = null;
        if (compareFlags != null) {
            CacheLayout other = layouter.layout(creation.spec("(what-if)", CreationOptions.parseFlags(compareFlags, "--compare-flags")), m);
            cmp = LayoutView.Comparison.of(other, l, 1000);
        }
        if (prose.format() == TextOrJson.json) {
            Structured.json(out, LayoutView.of(l, lang, cmp));
        } else {
            LayoutText.print(out, l, lang);
            if (cmp != null) {
                out.println();
                out.println(cmp.sentence(lang));
                out.flush();
            }
        }
        return ExitCodes.OK;
    }
}
