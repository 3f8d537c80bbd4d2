package io.slabtrace.cli.command;

import io.slabtrace.cli.error.ExitCodes;
import io.slabtrace.cli.error.UserError;
import io.slabtrace.cli.format.OutputFormat;
import io.slabtrace.cli.format.Structured;
import io.slabtrace.cli.options.Bound;
import io.slabtrace.cli.options.CommandModel;
import io.slabtrace.cli.options.InputOptions;
import io.slabtrace.cli.options.ListingOptions;
import io.slabtrace.cli.options.SnapshotSource;
import io.slabtrace.cli.view.DiffReport;
import io.slabtrace.cli.view.DiffRow;
import io.slabtrace.cli.view.DiffText;
import io.slabtrace.model.Snapshot;
import io.slabtrace.parser.slabinfo.TimestampLine;
import io.slabtrace.replay.series.SnapshotDiff;
import io.slabtrace.replay.series.SnapshotPicker;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

/** Per-cache change between two snapshots. Its options are declared in code ({@link Bound}), as top's it shares. */
public final class DiffCommand implements Callable<Integer> {

    private CommandSpec spec;

    private final Bound<List<String>> inputs = new Bound<>(null);

    private final Bound<String> from = new Bound<>(null);

    private final Bound<String> to = new Bound<>(null);

    private final Bound<Boolean> all = new Bound<>(false);

    private final ListingOptions listing = new ListingOptions();

    private final InputOptions input = new InputOptions();

    /** The command line's model of this command, bound to this object. */
    public CommandSpec spec() {
        spec = CommandModel.of(this, "diff");
        spec.usageMessage().sortOptions(false).description("Per-cache change between two snapshots: two files, or the first and last snapshot of a series, "
                + "or the snapshots nearest --from and --to. Sorted by memory change, largest first.");
        spec.addPositional(Bound.strings("1..2", inputs).paramLabel("INPUT")
                .description("A series, or the 'before' and 'after' snapshots.").build());
        spec.addOption(from.option(String.class, "--from").paramLabel("TIME")
                .description("Compare from the first snapshot at or after TIME (any timestamp form the series reader accepts).").build());
        spec.addOption(to.option(String.class, "--to").paramLabel("TIME")
                .description("Compare to the last snapshot at or before TIME.").build());
        spec.addOption(all.option(Boolean.class, "--all").arity("0")
                .description("Also list caches that did not change.").build());
        listing.addTo(spec);
        input.addTo(spec);
        Bound.helpOptions(spec, new VersionProvider());
        return spec;
    }

    @Override
    public Integer call() {
        String from = this.from.value(), to = this.to.value();
        boolean all = this.all.value();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Structured.prepare(listing.format(), listing.format() == OutputFormat.csv ? DiffRow.class : DiffReport.class);
        long pageSize = input.pageSize();
        TimestampLine times = new TimestampLine(input.zone());
        SnapshotPicker picker = new SnapshotPicker(time(times, "--from", from), time(times, "--to", to));
        SnapshotSource.read(inputs.value(), input, err, picker);
        Snapshot before = picker.before(), after = picker.after();
        if (before == null || after == null) {
            throw new UserError("no snapshot " + (before == null ? "at or after --from " + from : "at or before --to " + to)
                    + " among the " + picker.seen() + " read (snapshots without timestamps never match a time)");
        }
        if (before == after) {
            throw new UserError("only one snapshot to compare; give two files, a series, or --from/--to that select two");
        }
        List<DiffRow> rows = SnapshotDiff.between(before, after, pageSize).stream().map(DiffRow::of)
                .filter(r -> all || !r.unchanged()).toList();
        rows = listing.first(rows);
        switch (listing.format()) {
            case json -> Structured.json(out, DiffReport.of(before, after, rows));
            case csv -> Structured.csv(out, DiffRow.class, rows);
            case table -> DiffText.print(out, before, after, rows);
        }
        return ExitCodes.OK;
    }

    private static Instant time(TimestampLine times, String option, String text) {
        if (text == null) return null;
        Instant t = times.parse(text);
        if (t == null) throw new UserError(option + " " + text + ": expected a time such as 2026-11-25T12:31:01Z, 1795611016 or 'Wed Nov 25 12:31:01 UTC 2026'", ExitCodes.USAGE);
        return t;
    }
}
