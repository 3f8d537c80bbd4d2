package io.slabtrace.cli.command;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.slabtrace.cli.error.ExitCodes;
import io.slabtrace.cli.error.UserError;
import io.slabtrace.cli.format.Lang;
import io.slabtrace.cli.format.OutputFormat;
import io.slabtrace.cli.format.Structured;
import io.slabtrace.cli.options.CreationOptions;
import io.slabtrace.cli.options.MachineOptions;
import io.slabtrace.cli.view.DmesgText;
import io.slabtrace.cli.view.DmesgView;
import io.slabtrace.model.Allocator;
import io.slabtrace.model.layout.Machine;
import io.slabtrace.model.log.KernelLog;
import io.slabtrace.parser.HostFacts;
import io.slabtrace.parser.InputException;
import io.slabtrace.parser.kernellog.EventPatterns;
import io.slabtrace.parser.kernellog.KernelLogReader;
import io.slabtrace.replay.kernellog.DmesgAnalysis;
import io.slabtrace.replay.kernellog.DmesgAnalyzer;
import io.slabtrace.replay.kernellog.DmesgCache;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(mixinStandardHelpOptions = true, name = "dmesg",
        description = {"Reads a kernel log (dmesg, dmesg -T, dmesg -r, /dev/kmsg, journalctl -k or syslog; noise is fine): "
                + "a module's constructor, allocation and free messages become a timeline of slab grows and object lifetimes, "
                + "explained by the layout model; the kernel's own slab reports (SLUB BUG, still has objects, unable to allocate, "
                + "SLAB errors) become findings. Exit status 0 even with findings unless --fail-on-findings."},
        sortOptions = false)
public final class DmesgCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "LOG", description = "The log file (gzip ok), or - for standard input.")
    String log;

    @Option(names = "--cache", paramLabel = "NAME", description = "Only this cache.")
    String cache;

    @Option(names = "--ctor-pattern", paramLabel = "REGEX", description = "How the module reports a constructor call; a named group (?<ptr>...) takes the object.")
    String ctorPattern;

    @Option(names = "--alloc-pattern", paramLabel = "REGEX", description = "How it reports an allocation, with (?<ptr>...).")
    String allocPattern;

    @Option(names = "--free-pattern", paramLabel = "REGEX", description = "How it reports a free, with (?<ptr>...).")
    String freePattern;

    @Option(names = "--fail-on-findings", description = "Exit with status " + ExitCodes.FINDINGS + " when there are findings (for CI).")
    boolean failOnFindings;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text, json or csv (the timeline) (default: ${DEFAULT-VALUE}).")
    OutputFormat format = OutputFormat.table;

    @Option(names = "--lang", paramLabel = "LANG", description = "en or zh (default: ${DEFAULT-VALUE}).")
    Lang lang = Lang.en;

    @Mixin
    CreationOptions creation;

    @Mixin
    MachineOptions machineOptions;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        EventPatterns patterns;
        try {
            patterns = EventPatterns.of(ctorPattern, allocPattern, freePattern);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), ExitCodes.USAGE);
        }
        KernelLog kernelLog = read(log, patterns);
        HostFacts facts = log.equals("-") ? HostFacts.UNKNOWN : HostFacts.near(Path.of(log));
        Machine m = machineOptions.machine(Allocator.SLUB, facts, null);
        DmesgAnalyzer.Given given = new DmesgAnalyzer.Given(creation.size, creation.size != null ? creation.align : null,
                CreationOptions.parseFlags(creation.flags, "--flags"));
        DmesgAnalysis a = new DmesgAnalyzer(m, given).analyze(kernelLog, cache);
        if (cache != null && a.caches().isEmpty()) {
            throw new UserError("no messages about a cache named '" + cache + "' in " + log + "; caches seen: "
                    + String.join(", ", new DmesgAnalyzer(m, DmesgAnalyzer.Given.NONE).analyze(kernelLog, null).caches().stream().map(DmesgCache::name).toList()));
        }
        switch (format) {
            case json -> Structured.json(out, DmesgView.of(a, lang));
            case csv -> {
                List<TimelineRow> rows = new ArrayList<>();
                for (DmesgCache c : a.caches()) {
                    for (DmesgText.Entry e : DmesgText.timeline(a, c, lang)) rows.add(new TimelineRow(e.time().toString(), e.line(), e.cache(), e.event(), e.detail()));
                }
                Structured.csv(out, TimelineRow.class, rows);
            }
            case table -> DmesgText.print(out, a, lang);
        }
        return failOnFindings && !a.findings().isEmpty() ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    static KernelLog read(String log, EventPatterns patterns) {
        try {
            return new KernelLogReader(patterns, machineOptionsZone(), Year.now().getValue()).read(log);
        } catch (InputException e) {
            throw new UserError(e.getMessage());
        }
    }

    private static java.time.ZoneId machineOptionsZone() {
        return java.time.ZoneId.systemDefault();
    }

    /** One row of {@code dmesg --format csv}. */
    @JsonPropertyOrder({"time", "line", "cache", "event", "detail"})
    public record TimelineRow(String time, long line, String cache, String event, String detail) {
    }
}
