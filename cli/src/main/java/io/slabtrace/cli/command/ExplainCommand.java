package io.slabtrace.cli.command;

import io.slabtrace.cli.error.ExitCodes;
import io.slabtrace.cli.error.UserError;
import io.slabtrace.cli.format.Lang;
import io.slabtrace.cli.format.Structured;
import io.slabtrace.cli.format.TextOrJson;
import io.slabtrace.cli.options.Bound;
import io.slabtrace.cli.options.CollectionDir;
import io.slabtrace.cli.options.CommandModel;
import io.slabtrace.cli.options.CreationOptions;
import io.slabtrace.cli.options.InputOptions;
import io.slabtrace.cli.options.MachineOptions;
import io.slabtrace.cli.options.ProseOptions;
import io.slabtrace.cli.options.SnapshotSource;
import io.slabtrace.cli.options.Warnings;
import io.slabtrace.cli.view.ExplainText;
import io.slabtrace.cli.view.ExplainView;
import io.slabtrace.model.Allocator;
import io.slabtrace.model.Snapshot;
import io.slabtrace.model.layout.CacheSpec;
import io.slabtrace.model.layout.Machine;
import io.slabtrace.model.sysfs.SysfsTree;
import io.slabtrace.parser.HostFacts;
import io.slabtrace.parser.InputException;
import io.slabtrace.parser.Problems;
import io.slabtrace.parser.detect.InputKind;
import io.slabtrace.parser.sysfs.SysfsReader;
import io.slabtrace.replay.explain.CacheExplanation;
import io.slabtrace.replay.explain.Explainer;
import picocli.CommandLine.Model.ArgGroupSpec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** A plain-language account of a cache. Its options are declared in code ({@link Bound}). */
public final class ExplainCommand implements Callable<Integer> {

    private CommandSpec spec;

    private final Bound<String> cache = new Bound<>(null);

    private final Bound<Boolean> allCaches = new Bound<>(false);

    private final Bound<List<String>> from = new Bound<>(List.of());

    private final Bound<LayoutCommand.Which> allocator = new Bound<>(null);

    private final CreationOptions creation = new CreationOptions();

    private final ProseOptions prose = new ProseOptions();

    private final MachineOptions machineOptions = new MachineOptions();

    /** The command line's model of this command, bound to this object. */
    public CommandSpec spec() {
        spec = CommandModel.of(this, "explain");
        spec.usageMessage().sortOptions(false).description(
                "Plain-language account of a cache: object size to slot size and why, objects per slab and order, "
                + "waste per object and per slab, memory now and how it splits, CPU slabs and partial lists (SLUB) or "
                + "tunables (SLAB), merged names, and the constructor. Reads the live host by default.");
        // a cache or --all, exactly one: "(CACHE | --all)"
        spec.addArgGroup(ArgGroupSpec.builder().exclusive(true).multiplicity("1")
                .addArg(cache.parameter("1", String.class).paramLabel("CACHE")
                        .description("Cache name (an alias is resolved to the cache it was merged into).").build())
                .addArg(allCaches.option(Boolean.class, "--all").arity("0").required(true)
                        .description("Every cache of the input.").build())
                .build());
        spec.addOption(from.option(List.class, "--from").auxiliaryTypes(String.class).paramLabel("INPUT")
                .description("A /sys/kernel/slab capture (tree, tar, 'grep -r' dump) and/or a slabinfo snapshot; repeatable. Default: the live host.").build());
        spec.addOption(allocator.option(LayoutCommand.Which.class, "--allocator").paramLabel("NAME")
                .description("slub or slab, for captures that do not say.").build());
        creation.addTo(spec);
        prose.addTo(spec);
        machineOptions.addTo(spec);
        Bound.helpOptions(spec, new VersionProvider());
        return spec;
    }

    @Override
    public Integer call() throws InputException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SysfsTree tree = null;
        Snapshot snapshot = null;
        List<String> inputs = new ArrayList<>(from.value());
        HostFacts facts;
        if (inputs.isEmpty()) {
            facts = HostFacts.live();
            if (Files.isDirectory(Path.of("/sys/kernel/slab"))) inputs.add("/sys/kernel/slab");
            if (Files.isReadable(Path.of(SnapshotSource.LIVE))) inputs.add(SnapshotSource.LIVE);
        } else {
            facts = HostFacts.near(Path.of(inputs.get(0)));
            inputs = CollectionDir.expand(inputs, false);
        }
        Problems problems = Warnings.to(err);
        for (String in : inputs) {
            if (InputKind.detect(in) == InputKind.SYSFS) tree = new SysfsReader(problems).read(in);
            else snapshot = SnapshotSource.ends(List.of(in), new InputOptions(), err).last();
        }
        if (tree == null && snapshot == null) snapshot = SnapshotSource.ends(List.of(), new InputOptions(), err).last();
        Allocator a = LayoutCommand.Which.resolve(allocator.value(), snapshot);
        machineOptions.debugSlabIf(a == Allocator.SLAB && snapshot != null && snapshot.format().statistics());
        Machine m = machineOptions.machine(a, facts, tree);
        Explainer explainer = new Explainer(tree, snapshot, a, m);
        Lang lang = prose.lang();
        String cache = this.cache.value();
        boolean every = allCaches.value();
        CacheSpec given = creation.spec(cache == null ? "(given)" : cache);
        List<String> names = every ? explainer.cacheNames() : List.of(cache);
        List<CacheExplanation> all = new ArrayList<>();
        for (String name : names) {
            CacheExplanation e = explainer.explain(name, every ? null : given);
            if (e == null) throw new UserError(notFound(name, explainer.cacheNames(), String.join(", ", inputs)));
            all.add(e);
        }
        if (prose.format() == TextOrJson.json) Structured.json(out, all.stream().map(e -> ExplainView.of(e, lang)).toList());
        else all.forEach(e -> ExplainText.print(out, e, m, lang));
        return ExitCodes.OK;
    }

    private String notFound(String name, List<String> known, String where) {
        Lang lang = prose.lang();
        List<String> close = known.stream().filter(k -> k.contains(name) || name.contains(k)).limit(5).toList();
        return lang.text("explain.notfound", name, where.isEmpty() ? SnapshotSource.SAMPLE : where,
                close.isEmpty() ? "" : lang.text("explain.didyoumean", String.join(", ", close)));
    }
}
