package io.slabtrace.cli.command;

import io.slabtrace.cli.error.ExitCodes;
import io.slabtrace.cli.format.OutputFormat;
import io.slabtrace.cli.format.Structured;
import io.slabtrace.cli.options.InputOptions;
import io.slabtrace.cli.options.ListingOptions;
import io.slabtrace.cli.options.SnapshotSource;
import io.slabtrace.cli.view.TopReport;
import io.slabtrace.cli.view.TopRow;
import io.slabtrace.cli.view.TopSummary;
import io.slabtrace.cli.view.TopTable;
import io.slabtrace.model.Snapshot;
import io.slabtrace.replay.series.SeriesPeaks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;

@Command(mixinStandardHelpOptions = true, name = "top",
        description = {"Caches by memory, like 'slabtop --once', with a summary, waste decomposed, and per-cache peaks over a series.",
                "",
                "Formulas (P = page size): memory_bytes = num_slabs x pagesperslab x P; used_bytes = active_objs x objsize; "
                + "free_slot_bytes = (num_objs - active_objs) x objsize; "
                + "slab_tail_bytes = num_slabs x (pagesperslab x P - objperslab x objsize); "
                + "waste_bytes = memory_bytes - used_bytes = free_slot_bytes + slab_tail_bytes + unaccounted_bytes, "
                + "where unaccounted_bytes = (num_slabs x objperslab - num_objs) x objsize is 0 unless the counts disagree; "
                + "utilization = active_objs / num_objs.",
                "",
                "On SLUB, active_objs counts free objects of CPU slabs as active: used and utilization are upper bounds."},
        sortOptions = false)
public final class TopCommand implements Callable<Integer> {

    enum SortKey { name, active, objs, objsize, slabs, memory, waste, util }

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "INPUT",
            description = "slabinfo file or series (gzip ok), a directory of snapshots, an sosreport, or - for stdin. Default: the live /proc/slabinfo.")
    List<String> inputs;

    @Option(names = "--sort", paramLabel = "KEY", description = "Sort by: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    SortKey sort = SortKey.memory;

    @Mixin
    ListingOptions listing;

    @Mixin
    InputOptions input;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Structured.prepare(listing.format, listing.format == OutputFormat.csv ? TopRow.class : TopReport.class);
        long pageSize = input.pageSize();
        SeriesPeaks series = new SeriesPeaks(pageSize);
        SnapshotSource.Reading reading = SnapshotSource.read(inputs, input, err, series);
        Snapshot last = series.last();
        List<TopRow> rows = TopRow.ofLast(series, pageSize);
        rows.sort(order(sort));
        List<TopRow> shown = listing.first(rows);
        TopSummary summary = TopSummary.of(reading.label(), last, pageSize, series.snapshots(), reading.skippedLines());
        switch (listing.format) {
            case json -> Structured.json(out, new TopReport(summary, shown));
            case csv -> Structured.csv(out, TopRow.class, shown);
            case table -> TopTable.print(out, summary, shown, series.snapshots() > 1);
        }
        return ExitCodes.OK;
    }

    static Comparator<TopRow> order(SortKey key) {
        Comparator<TopRow> byName = Comparator.comparing(TopRow::name);
        return switch (key) {
            case name -> byName;
            case active -> Comparator.comparingLong(TopRow::activeObjs).reversed().thenComparing(byName);
            case objs -> Comparator.comparingLong(TopRow::numObjs).reversed().thenComparing(byName);
            case objsize -> Comparator.comparingLong(TopRow::objsize).reversed().thenComparing(byName);
            case slabs -> Comparator.comparingLong(TopRow::numSlabs).reversed().thenComparing(byName);
            case memory -> Comparator.comparingLong(TopRow::memoryBytes).reversed().thenComparing(byName);
            case waste -> Comparator.comparingLong(TopRow::wasteBytes).reversed().thenComparing(byName);
            case util -> Comparator.comparingDouble(TopRow::utilization).thenComparing(byName);
        };
    }
}
