package io.slabtrace.cli.command;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.slabtrace.cli.error.ExitCodes;
import io.slabtrace.cli.error.UserError;
import io.slabtrace.cli.format.Lang;
import io.slabtrace.cli.format.Structured;
import io.slabtrace.cli.options.Bound;
import io.slabtrace.cli.options.CommandModel;
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
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** A kernel log's slab story and the kernel's slab reports. Its options are declared in code ({@link Bound}). */
public final class DmesgCommand implements Callable<Integer> {

    private CommandSpec spec;

    private final Bound<String> log = new Bound<>(null);

    private final Bound<String> cache = new Bound<>(null);

    private final Bound<String> ctorPattern = new Bound<>(null);

    private final Bound<String> allocPattern = new Bound<>(null);

    private final Bound<String> freePattern = new Bound<>(null);

    private final Bound<Boolean> failOnFindings = new Bound<>(false);

    /** text is what the README has always called it; table is what the other commands call the same thing. */
    enum Format { text, table, json, csv }

    private final Bound<Format> format = new Bound<>(Format.text);

    private final Bound<Lang> lang = new Bound<>(Lang.en);

    private final CreationOptions creation = new CreationOptions();

    private final MachineOptions machineOptions = new MachineOptions();

    /** The command line's model of this command, bound to this object. */
    public CommandSpec spec() {
        spec = CommandModel.of(this, "dmesg");
        spec.usageMessage().sortOptions(false).description(
                "Reads a kernel log (dmesg, dmesg -T, dmesg -r, /dev/kmsg, journalctl -k or syslog; noise is fine): "
                + "a module's constructor, allocation and free messages become a timeline of slab grows and object lifetimes, "
                + "explained by the layout model; the kernel's own slab reports (KASAN, KFENCE, kmemleak, the OOM killer's slab table, "
                + "SLUB BUG, wrong slab cache, still has objects, unable to allocate, SLAB errors) become findings with their fields, "
                + "placed in the cache's slot by the layout model. Exit status 0 even with findings unless --fail-on-findings.");
        spec.addPositional(log.parameter("1", String.class).paramLabel("LOG")
                .description("The log file (gzip ok), or - for standard input.").build());
        spec.addOption(cache.option(String.class, "--cache").paramLabel("NAME")
                .description("Only this cache.").build());
        spec.addOption(ctorPattern.option(String.class, "--ctor-pattern").paramLabel("REGEX")
                .description("How the module reports a constructor call; a named group (?<ptr>...) takes the object.").build());
        spec.addOption(allocPattern.option(String.class, "--alloc-pattern").paramLabel("REGEX")
                .description("How it reports an allocation, with (?<ptr>...).").build());
        spec.addOption(freePattern.option(String.class, "--free-pattern").paramLabel("REGEX")
                .description("How it reports a free, with (?<ptr>...).").build());
        spec.addOption(failOnFindings.option(Boolean.class, "--fail-on-findings").arity("0")
                .description("Exit with status " + ExitCodes.FINDINGS + " when there are findings (for CI).").build());
        spec.addOption(format.option(Format.class, "--format").paramLabel("FORMAT")
                .description("text (also: table), json or csv: the modules' timeline, "
                        + "or the findings one a row when the log has no module messages (default: ${DEFAULT-VALUE}).").build());
        spec.addOption(lang.option(Lang.class, "--lang").paramLabel("LANG")
                .description("en or zh (default: ${DEFAULT-VALUE}).").build());
        creation.addTo(spec);
        machineOptions.addTo(spec);
        Bound.helpOptions(spec, new VersionProvider());
        return spec;
    }

    @Override
    public Integer call() throws InputException {
        String log = this.log.value(), cache = this.cache.value();
        Format format = this.format.value();
        Lang lang = this.lang.value();
        PrintWriter out = spec.commandLine().getOut();
        EventPatterns patterns;
        try {
            patterns = EventPatterns.of(ctorPattern.value(), allocPattern.value(), freePattern.value());
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), ExitCodes.USAGE);
        }
        KernelLog kernelLog = read(log, patterns);
        HostFacts facts = HostFacts.of(log);
        Machine m = machineOptions.machine(Allocator.SLUB, facts, null);
        DmesgAnalyzer.Given given = new DmesgAnalyzer.Given(creation.size(), creation.size() != null ? creation.align() : null,
                creation.flags());
        DmesgAnalysis a = new DmesgAnalyzer(m, given).analyze(kernelLog, cache);
        if (cache != null && a.caches().isEmpty()) {
            throw new UserError("no messages about a cache named '" + cache + "' in " + log + "; caches seen: "
                    + String.join(", ", new DmesgAnalyzer(m, DmesgAnalyzer.Given.NONE).analyze(kernelLog, null).caches().stream().map(DmesgCache::name).toList()));
        }
        PrintWriter err = spec.commandLine().getErr();
        if (format != Format.text && format != Format.table) {
            for (String w : kernelLog.warnings()) err.println("slabtrace dmesg: warning: " + w);
            err.flush();
        }
        switch (format) {
            case json -> Structured.json(out, DmesgView.of(a, lang));
            case csv -> {
                if (a.caches().isEmpty() && !a.findings().isEmpty()) {
                    Structured.csv(out, FindingRow.class, a.findings().stream().map(FindingRow::of).toList());
                } else {
                    List<TimelineRow> rows = new ArrayList<>();
                    for (DmesgCache c : a.caches()) {
                        for (DmesgText.Entry e : DmesgText.timeline(a, c, lang)) rows.add(new TimelineRow(e.time().toString(), e.line(), e.cache(), e.event(), e.detail()));
                    }
                    Structured.csv(out, TimelineRow.class, rows);
                }
            }
            case text, table -> DmesgText.print(out, a, lang);
        }
        return failOnFindings.value() && !a.findings().isEmpty() ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    static KernelLog read(String log, EventPatterns patterns) throws InputException {
        return new KernelLogReader(patterns, machineOptionsZone(), Year.now().getValue()).read(log);
    }

    private static java.time.ZoneId machineOptionsZone() {
        return java.time.ZoneId.systemDefault();
    }

    /** One row of {@code dmesg --format csv} for a log of kernel reports: the finding's structured fields. */
    @JsonPropertyOrder({"line", "time", "kind", "detector", "cache", "object_size", "offset", "access", "access_size", "address",
            "function", "task", "pid", "count", "last_line", "place"})
    public record FindingRow(long line, String time, String kind, String detector, String cache, Long objectSize, Long offset, String access,
                             Integer accessSize, String address, String function, String task, Integer pid, int count, long lastLine, String place) {
        static FindingRow of(io.slabtrace.replay.kernellog.DmesgFinding f) {
            var x = f.facts();
            var p = f.explanation().place();
            return new FindingRow(f.line(), f.time().toString(), f.kind().name().toLowerCase(java.util.Locale.ROOT), f.detector(), f.cache(),
                    x.objectSize(), x.offset(), x.access(), x.accessSize(), x.address(), x.function(), x.task(), x.pid(), f.count(), f.lastLine(),
                    p == null ? null : p.place().name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** One row of {@code dmesg --format csv}. */
    @JsonPropertyOrder({"time", "line", "cache", "event", "detail"})
    public record TimelineRow(String time, long line, String cache, String event, String detail) {
    }
}
