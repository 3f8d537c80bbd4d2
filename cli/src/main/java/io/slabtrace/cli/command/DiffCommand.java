package io.slabtrace.cli.command;

import io.slabtrace.cli.error.ExitCodes;
import io.slabtrace.cli.error.UserError;
import io.slabtrace.cli.format.OutputFormat;
import io.slabtrace.cli.format.Structured;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

@Command(mixinStandardHelpOptions = true, name = "diff",
        description = {"Per-cache change between two snapshots: two files, or the first and last snapshot of a series, "
                + "or the snapshots nearest --from and --to. Sorted by memory change, largest first."},
        sortOptions = false)
public final class DiffCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..2", paramLabel = "INPUT", description = "A series, or the 'before' and 'after' snapshots.")
    List<String> inputs;

    @Option(names = "--from", paramLabel = "TIME", description = "Compare from the first snapshot at or after TIME (any timestamp form the series reader accepts).")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Compare to the last snapshot at or before TIME.")
    String to;

    @Option(names = "--all", description = "Also list caches that did not change.")
    boolean all;

    @Mixin
    ListingOptions listing;

    @Mixin
    InputOptions input;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Structured.prepare(listing.format, listing.format == OutputFormat.csv ? DiffRow.class : DiffReport.class);
        long pageSize = input.pageSize();
        TimestampLine times = new TimestampLine(input.zone);
        SnapshotPicker picker = new SnapshotPicker(time(times, "--from", from), time(times, "--to", to));
        SnapshotSource.read(inputs, input, err, picker);
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
        switch (listing.format) {
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
