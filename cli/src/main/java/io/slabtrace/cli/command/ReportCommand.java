package io.slabtrace.cli.command;

import io.slabtrace.cli.error.ExitCodes;
import io.slabtrace.cli.error.UserError;
import io.slabtrace.cli.format.Lang;
import io.slabtrace.cli.format.Units;
import io.slabtrace.cli.options.Bound;
import io.slabtrace.cli.options.CollectionDir;
import io.slabtrace.cli.options.CommandModel;
import io.slabtrace.cli.options.InputOptions;
import io.slabtrace.cli.options.MachineOptions;
import io.slabtrace.cli.options.SnapshotSource;
import io.slabtrace.cli.options.Warnings;
import io.slabtrace.cli.output.SafeDir;
import io.slabtrace.cli.report.DmesgSection;
import io.slabtrace.cli.report.Png;
import io.slabtrace.cli.report.ReplaySection;
import io.slabtrace.cli.report.ReportPage;
import io.slabtrace.cli.report.ReportSection;
import io.slabtrace.cli.report.SlabSections;
import io.slabtrace.cli.view.TopOrder;
import io.slabtrace.cli.view.TopRow;
import io.slabtrace.model.Allocator;
import io.slabtrace.model.Snapshot;
import io.slabtrace.model.layout.Machine;
import io.slabtrace.model.sysfs.SysfsTree;
import io.slabtrace.parser.HostFacts;
import io.slabtrace.parser.InputException;
import io.slabtrace.parser.Problems;
import io.slabtrace.parser.detect.InputKind;
import io.slabtrace.parser.kernellog.EventPatterns;
import io.slabtrace.parser.sysfs.SysfsReader;
import io.slabtrace.replay.explain.Explainer;
import io.slabtrace.replay.kernellog.DmesgAnalyzer;
import io.slabtrace.replay.series.SeriesMoves;
import io.slabtrace.replay.series.SeriesPeaks;
import io.slabtrace.replay.series.SeriesTimeline;
import io.slabtrace.replay.series.SysfsSnapshot;
import io.slabtrace.replay.trace.result.ReplayResult;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** One HTML report of snapshots, logs and traces. Its options are declared in code ({@link Bound}). */
public final class ReportCommand implements Callable<Integer> {

    private CommandSpec spec;

    private final Bound<List<String>> inputs = new Bound<>(List.of());

    private final Bound<Path> output = new Bound<>(Path.of("slabtrace-report.html"));

    private final Bound<Path> pngDir = new Bound<>(null);

    private final Bound<List<String>> caches = new Bound<>(List.of());

    private final Bound<Lang> lang = new Bound<>(Lang.en);

    private final MachineOptions machineOptions = new MachineOptions();

    private final Bound<Integer> top = new Bound<>(10) {
        @Override
        protected void check(Integer n) {
            if (n < 1) throw new ParameterException(spec.commandLine(), "--top takes a positive number, not " + n);
        }
    };

    /** The command line's model of this command, bound to this object. */
    public CommandSpec spec() {
        spec = CommandModel.of(this, "report");
        spec.usageMessage().sortOptions(false).description(
                "One self-contained HTML file (charts embedded, no network needed) about slab snapshots or a series: "
                + "what was analysed, headline findings (largest caches, waste, growth and reclaim with times), "
                + "charts, a sortable table of every cache, and why the largest caches look the way they do.");
        spec.addPositional(Bound.strings("0..*", inputs).paramLabel("INPUT")
                .description("slabinfo files or series (gzip ok), a directory of snapshots, a 'slabtrace collect' directory, "
                        + "a /sys/kernel/slab tree or dump. Default: the live host (else the bundled sample, said so).").build());
        spec.addOption(output.option(Path.class, "-o", "--output").paramLabel("FILE")
                .description("The HTML file (default: ${DEFAULT-VALUE}).").build());
        spec.addOption(pngDir.option(Path.class, "--png-dir").paramLabel("DIR")
                .description("Also write each chart as a PNG into DIR.").build());
        spec.addOption(caches.option(List.class, "--cache").auxiliaryTypes(String.class).paramLabel("NAME")
                .description("A cache whose objects to chart over a series (repeatable; default: the largest by peak).").build());
        spec.addOption(lang.option(Lang.class, "--lang").paramLabel("LANG")
                .description("en or zh (default: ${DEFAULT-VALUE}).").build());
        machineOptions.addTo(spec);
        spec.addOption(top.option(Integer.class, "--top").paramLabel("N")
                .description("Caches named in the charts and explained (default: ${DEFAULT-VALUE}).").build());
        Bound.helpOptions(spec, new VersionProvider());
        return spec;
    }

    @Override
    public Integer call() throws IOException, InputException {
        int top = this.top.value();
        List<String> inputs = this.inputs.value();
        Lang lang = this.lang.value();
        if (top < 1 || top > 16) throw new UserError("--top must be between 1 and 16 (the charts' distinct colours), not " + top, ExitCodes.USAGE);
        System.setProperty("java.awt.headless", "true");
        Png.warmUp(); // AWT and fonts load while the inputs are read
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        Problems problems = Warnings.to(err);
        Inputs in = sort(problems);
        HostFacts facts = inputs.isEmpty() ? HostFacts.live() : HostFacts.near(Path.of(inputs.get(0)));
        InputOptions io = new InputOptions();
        if (machineOptions.pageSize() != null) io.pageSize(machineOptions.pageSize());
        long pageSize = io.pageSize();

        ReportPage.Slabs slabs = null;
        Snapshot first = null, last = null;
        Allocator a = Allocator.SLUB;
        boolean readSlabs = !in.slabinfo().isEmpty() || !in.sysfs().isEmpty() || (in.dmesg().isEmpty() && in.traces().isEmpty());
        if (readSlabs) {
            SeriesPeaks peaks = new SeriesPeaks(pageSize);
            SeriesTimeline timeline = new SeriesTimeline(pageSize);
            SeriesMoves moves = new SeriesMoves(pageSize);
            java.util.function.Consumer<Snapshot> sink = peaks.andThen(timeline).andThen(moves);
            SnapshotSource.Reading reading;
            boolean sysfsAlone = !inputs.isEmpty() && in.slabinfo().isEmpty() && in.tree() != null;
            if (sysfsAlone) { // a capture's sysfs alone: never mix in this host's /proc/slabinfo
                Snapshot s = SysfsSnapshot.of(in.tree());
                if (s.caches().isEmpty()) throw new UserError(in.sysfs().get(in.sysfs().size() - 1) + ": no cache with slabs, total_objects and objects to report on");
                sink.accept(s);
                reading = new SnapshotSource.Reading(in.sysfs().get(in.sysfs().size() - 1), 1, 0);
            } else {
                reading = SnapshotSource.read(in.slabinfo(), io, err, sink);
            }
            first = peaks.first();
            last = peaks.last();
            List<TopRow> rows = TopRow.ofLast(peaks, pageSize);
            rows.sort(TopOrder.memory.comparator());
            a = LayoutCommand.Which.resolve(null, last);
            machineOptions.debugSlabIf(a == Allocator.SLAB && last.format().statistics());
            Machine m = machineOptions.machine(a, facts, in.tree());
            slabs = new ReportPage.Slabs(reading, first, last, rows, timeline, moves.stories(SlabSections.minMove(rows)),
                    new Explainer(in.tree(), last, a, m), m);
            if (in.slabinfo().isEmpty() && !sysfsAlone) in.shown().add(0, reading.label());
        }
        List<ReportSection> sections = new ArrayList<>();
        if (slabs != null) sections.add(new SlabSections(slabs, top, caches.value()));
        int n = 0; // numbers the log and trace sections, for their ids and chart files
        for (String log : in.dmesg()) {
            Machine m = machineOptions.machine(Allocator.SLUB, HostFacts.of(log), null);
            sections.add(new DmesgSection(++n,
                    new DmesgAnalyzer(m, DmesgAnalyzer.Given.NONE).analyze(DmesgCommand.read(log, EventPatterns.DEFAULT), null)));
        }
        for (String trace : in.traces()) {
            ReplayResult r = ReplayCommand.replay(trace, a, machineOptions, first, last, in.tree(), problems).result();
            sections.add(new ReplaySection(++n, trace, r));
        }
        String version = new VersionProvider().getVersion()[0].replace("slabtrace ", "");
        ReportPage.Rendered r;
        try {
            r = new ReportPage(lang, top, pageSize, version).render(new ReportPage.Facts(in.shown(), slabs, sections));
        } catch (InternalError | UnsatisfiedLinkError | NoClassDefFoundError e) { // AWT without fonts or its native libraries
            throw new UserError("drawing the charts needs fonts and fontconfig (Debian: apt-get install fontconfig fonts-dejavu-core): " + e);
        }
        Path output = this.output.value(), pngDir = this.pngDir.value();
        Path target = output.toAbsolutePath();
        byte[] html = r.html().getBytes(StandardCharsets.UTF_8);
        try (SafeDir d = SafeDir.open(target.getParent(), true)) { // a link planted on the name is replaced, never written through
            d.replace(target.getFileName().toString(), html, SafeDir.SHARED);
            if (pngDir != null) {
                try (SafeDir p = SafeDir.open(pngDir, true)) {
                    for (Map.Entry<String, byte[]> png : r.pngs().entrySet()) p.replace(png.getKey() + ".png", png.getValue(), SafeDir.SHARED);
                }
            }
        } catch (IOException e) {
            throw new UserError("cannot write the report: " + e.getMessage());
        }
        out.println(lang.text("report.written", output, r.pngs().size(), Units.bytes(html.length)));
        return ExitCodes.OK;
    }

    /** The inputs by kind; a collection directory contributes its series, its latest sysfs dump and its trace. */
    record Inputs(List<String> slabinfo, List<String> sysfs, List<String> dmesg, List<String> traces, List<String> shown, SysfsTree tree) {
    }

    private Inputs sort(Problems problems) throws InputException {
        List<String> slabinfo = new ArrayList<>(), sysfs = new ArrayList<>(), dmesg = new ArrayList<>(), traces = new ArrayList<>();
        List<String> inputs = this.inputs.value();
        List<String> given = !inputs.isEmpty() ? CollectionDir.expand(inputs, true)
                : Files.isDirectory(Path.of("/sys/kernel/slab")) && Files.isReadable(Path.of(SnapshotSource.LIVE)) ? List.of("/sys/kernel/slab")
                : List.of();
        for (String i : given) {
            switch (InputKind.detect(i)) {
                case SYSFS -> sysfs.add(i);
                case DMESG -> dmesg.add(i);
                case KMEM_TRACE -> traces.add(i);
                case SLABINFO -> slabinfo.add(i);
            }
        }
        SysfsTree tree = sysfs.isEmpty() ? null : new SysfsReader(problems).read(sysfs.get(sysfs.size() - 1));
        List<String> shown = new ArrayList<>(slabinfo);
        shown.addAll(sysfs);
        shown.addAll(dmesg);
        shown.addAll(traces);
        return new Inputs(slabinfo, sysfs, dmesg, traces, shown, tree);
    }
}
