package io.slabtrace.cli.command;

import io.slabtrace.cli.error.ExitCodes;
import io.slabtrace.cli.error.UserError;
import io.slabtrace.cli.format.Lang;
import io.slabtrace.cli.format.Structured;
import io.slabtrace.cli.format.TextOrJson;
import io.slabtrace.cli.options.CollectionDir;
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
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(mixinStandardHelpOptions = true, name = "explain",
        description = {"Plain-language account of a cache: object size to slot size and why, objects per slab and order, "
                + "waste per object and per slab, memory now and how it splits, CPU slabs and partial lists (SLUB) or "
                + "tunables (SLAB), merged names, and the constructor. Reads the live host by default."},
        sortOptions = false)
public final class ExplainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ArgGroup(multiplicity = "1")
    Which which;

    static final class Which {
        @Parameters(paramLabel = "CACHE", description = "Cache name (an alias is resolved to the cache it was merged into).")
        String cache;

        @Option(names = "--all", required = true, description = "Every cache of the input.")
        boolean all;
    }

    @Option(names = "--from", paramLabel = "INPUT", description = "A /sys/kernel/slab capture (tree, tar, 'grep -r' dump) and/or a slabinfo snapshot; repeatable. Default: the live host.")
    List<String> from = new ArrayList<>();

    @Option(names = "--allocator", paramLabel = "NAME", description = "slub or slab, for captures that do not say.")
    LayoutCommand.Which allocator;

    @Mixin
    CreationOptions creation;

    @Mixin
    ProseOptions prose;

    @Mixin
    MachineOptions machineOptions;

    @Override
    public Integer call() throws InputException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SysfsTree tree = null;
        Snapshot snapshot = null;
        List<String> inputs = new ArrayList<>(from);
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
        Allocator a = LayoutCommand.Which.resolve(allocator, snapshot);
        boolean debugSlab = a == Allocator.SLAB && snapshot != null && snapshot.format().statistics();
        machineOptions.debugSlab |= debugSlab;
        Machine m = machineOptions.machine(a, facts, tree);
        Explainer explainer = new Explainer(tree, snapshot, a, m);
        Lang lang = prose.lang;
        CacheSpec given = creation.spec(which.cache == null ? "(given)" : which.cache);
        List<String> names = which.all ? explainer.cacheNames() : List.of(which.cache);
        List<CacheExplanation> all = new ArrayList<>();
        for (String name : names) {
            CacheExplanation e = explainer.explain(name, which.all ? null : given);
            if (e == null) throw new UserError(notFound(name, explainer.cacheNames(), String.join(", ", inputs)));
            all.add(e);
        }
        if (prose.format == TextOrJson.json) Structured.json(out, all.stream().map(e -> ExplainView.of(e, lang)).toList());
        else all.forEach(e -> ExplainText.print(out, e, m, lang));
        return ExitCodes.OK;
    }

    private String notFound(String name, List<String> known, String where) {
        Lang lang = prose.lang;
        List<String> close = known.stream().filter(k -> k.contains(name) || name.contains(k)).limit(5).toList();
        return lang.text("explain.notfound", name, where.isEmpty() ? SnapshotSource.SAMPLE : where,
                close.isEmpty() ? "" : lang.text("explain.didyoumean", String.join(", ", close)));
    }
}
