package io.slabtrace.cli;

import io.slabtrace.cli.collect.AtomicFiles;
import io.slabtrace.model.Allocator;
import io.slabtrace.model.CacheStats;
import io.slabtrace.model.Snapshot;
import io.slabtrace.model.layout.Machine;
import io.slabtrace.model.sysfs.SysfsSpecs;
import io.slabtrace.model.sysfs.SysfsTree;
import io.slabtrace.parser.HostFacts;
import io.slabtrace.parser.InputException;
import io.slabtrace.parser.InputKind;
import io.slabtrace.parser.Problems;
import io.slabtrace.parser.SysfsReader;
import io.slabtrace.replay.CacheKey;
import io.slabtrace.replay.Explainer;
import io.slabtrace.replay.SeriesMoves;
import io.slabtrace.replay.SeriesPeaks;
import io.slabtrace.replay.SeriesTimeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(mixinStandardHelpOptions = true, name = "report",
        description = {"One self-contained HTML file (charts embedded, no network needed) about slab snapshots or a series: "
                + "what was analysed, headline findings (largest caches, waste, growth and reclaim with times), "
                + "charts, a sortable table of every cache, and why the largest caches look the way they do."},
        sortOptions = false)
public final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "INPUT",
            description = "slabinfo files or series (gzip ok), a directory of snapshots, a 'slabtrace collect' directory, "
                    + "a /sys/kernel/slab tree or dump. Default: the live host (else the bundled sample, said so).")
    List<String> inputs = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "The HTML file (default: ${DEFAULT-VALUE}).")
    Path output = Path.of("slabtrace-report.html");

    @Option(names = "--png-dir", paramLabel = "DIR", description = "Also write each chart as a PNG into DIR.")
    Path pngDir;

    @Option(names = "--top", paramLabel = "N", description = "Caches named in the charts and explained (default: ${DEFAULT-VALUE}).")
    int top = 10;

    @Option(names = "--lang", paramLabel = "LANG", description = "en or zh (default: ${DEFAULT-VALUE}).")
    Lang lang = Lang.en;

    @Mixin
    MachineOptions machineOptions;

    @Override
    public Integer call() throws IOException {
        if (top < 1 || top > 16) throw new UserError("--top must be between 1 and 16 (the charts' distinct colours), not " + top, Cli.EXIT_USAGE);
        System.setProperty("java.awt.headless", "true");
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        List<String> slabinfo = new ArrayList<>(), sysfs = new ArrayList<>();
        HostFacts facts = inputs.isEmpty() ? HostFacts.live() : HostFacts.near(Path.of(inputs.get(0)));
        List<String> expanded = inputs.isEmpty() && Files.isDirectory(Path.of("/sys/kernel/slab")) && Files.isReadable(Path.of(SnapshotSource.LIVE))
                ? List.of("/sys/kernel/slab") : ExplainCommand.expandCollections(inputs);
        Problems problems = new Problems(p -> err.println("slabtrace: warning: " + p));
        SysfsTree tree = null;
        try {
            for (String in : expanded) {
                if (InputKind.detect(in) == InputKind.SYSFS) sysfs.add(in);
                else slabinfo.add(in);
            }
            if (!sysfs.isEmpty()) tree = new SysfsReader(problems).read(sysfs.get(sysfs.size() - 1));
        } catch (InputException e) {
            throw new UserError(e.getMessage());
        }
        InputOptions io = new InputOptions();
        if (machineOptions.pageSize != null) io.pageSize = machineOptions.pageSize;
        long pageSize = io.pageSize();
        SeriesPeaks peaks = new SeriesPeaks(pageSize);
        SeriesTimeline timeline = new SeriesTimeline(pageSize);
        SeriesMoves moves = new SeriesMoves(pageSize);
        SnapshotSource.Reading reading = SnapshotSource.read(slabinfo, io, err, peaks.andThen(timeline).andThen(moves)::accept);
        Snapshot last = peaks.last();
        List<CacheKey> keys = peaks.lastKeys();
        List<TopRow> rows = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            CacheStats c = last.caches().get(i);
            rows.add(TopRow.of(c, pageSize, peaks.peak(keys.get(i))));
        }
        rows.sort(TopCommand.order(TopCommand.SortKey.memory));
        Allocator a = last.allocator() == Allocator.UNKNOWN ? Allocator.SLUB : last.allocator();
        machineOptions.debugSlab |= a == Allocator.SLAB && last.format().statistics();
        Machine m = machineOptions.machine(a, facts, tree == null ? null : SysfsSpecs.inferPageSize(tree));
        Explainer explainer = new Explainer(tree, last, a, m);
        String version = new VersionProvider().getVersion()[0].replace("slabtrace ", "");
        ReportPage page = new ReportPage(lang, top, pageSize, version);
        List<String> analysed = new ArrayList<>(slabinfo.isEmpty() ? List.of(reading.label()) : slabinfo);
        analysed.addAll(sysfs);
        ReportPage.Rendered r = page.render(new ReportPage.Facts(reading, analysed,
                peaks.first(), last, rows, timeline, moves.stories(ReportPage.minMove(rows)), explainer, m));
        Path target = output.toAbsolutePath();
        if (target.getParent() != null) Files.createDirectories(target.getParent());
        byte[] html = r.html().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(target, html);
        if (pngDir != null) {
            Files.createDirectories(pngDir);
            for (Map.Entry<String, byte[]> png : r.pngs().entrySet()) AtomicFiles.write(pngDir.resolve(png.getKey() + ".png"), png.getValue());
        }
        out.println(lang.text("report.written", output, r.pngs().size(), Units.bytes(html.length)));
        return Cli.EXIT_OK;
    }
}
