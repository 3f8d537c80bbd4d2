package io.slabtrace.cli.command;

import io.slabtrace.cli.collect.CollectionRun;
import io.slabtrace.cli.error.ExitCodes;
import io.slabtrace.cli.format.OutputFormat;
import io.slabtrace.cli.format.Structured;
import io.slabtrace.cli.live.LiveTop;
import io.slabtrace.cli.options.Bound;
import io.slabtrace.cli.options.CommandModel;
import io.slabtrace.cli.options.EarlyRead;
import io.slabtrace.cli.options.InputOptions;
import io.slabtrace.cli.options.ListingOptions;
import io.slabtrace.cli.options.SnapshotSource;
import io.slabtrace.cli.view.TopOrder;
import io.slabtrace.cli.view.TopReport;
import io.slabtrace.cli.view.TopRow;
import io.slabtrace.cli.view.TopSummary;
import io.slabtrace.cli.view.TopTable;
import io.slabtrace.replay.series.SeriesPeaks;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** Caches by memory, like slabtop. Its options are declared in code ({@link Bound}): a user waits on its start. */
public final class TopCommand implements Callable<Integer> {

    enum SortKey { name, active, objs, objsize, slabs, memory, waste, util }

    private CommandSpec spec;

    private final Bound<List<String>> inputs = new Bound<>(null);

    private final Bound<SortKey> sort = new Bound<>(SortKey.memory);

    private final ListingOptions listing = new ListingOptions();

    private final InputOptions input = new InputOptions();

    private final Bound<String> interval = new Bound<>(null);

    private final Bound<Long> count = new Bound<>(0L);

    private final Bound<Integer> width = new Bound<>(null);

    /** The live host read while the command line was built, used by the first read if it fits ({@link EarlyRead}). */
    private EarlyRead early;

    public TopCommand() {
    }

    public TopCommand(EarlyRead early) {
        this.early = early;
    }

    /** The command line's model of this command, bound to this object. */
    public CommandSpec spec() {
        spec = CommandModel.of(this, "top");
        spec.usageMessage().sortOptions(false).description(
                "Caches by memory, like slabtop (--once, or live with --interval), with a summary, waste decomposed, and per-cache peaks over a series.",
                "",
                "Formulas (P = page size): memory_bytes = num_slabs x pagesperslab x P; used_bytes = active_objs x objsize; "
                + "free_slot_bytes = (num_objs - active_objs) x objsize; "
                + "slab_tail_bytes = num_slabs x (pagesperslab x P - objperslab x objsize); "
                + "waste_bytes = memory_bytes - used_bytes = free_slot_bytes + slab_tail_bytes + unaccounted_bytes, "
                + "where unaccounted_bytes = (num_slabs x objperslab - num_objs) x objsize is 0 unless the counts disagree; "
                + "utilization = active_objs / num_objs.",
                "",
                "On SLUB, active_objs counts free objects of CPU slabs as active: used and utilization are upper bounds.");
        spec.addPositional(Bound.strings("0..*", inputs).paramLabel("INPUT")
                .description("slabinfo file or series (gzip ok), a directory of snapshots, an sosreport, or - for stdin. Default: the live /proc/slabinfo.").build());
        spec.addOption(sort.option(SortKey.class, "--sort").paramLabel("KEY")
                .description("Sort by: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).").build());
        listing.addTo(spec);
        input.addTo(spec);
        spec.addOption(interval.option(String.class, "--interval").paramLabel("TIME")
                .description("Refresh every TIME (1s, 500ms, 1m), like slabtop: on a terminal the table "
                        + "is redrawn in place with each cache's change since the last refresh; keys a b c l n o p s u v (slabtop's), w (waste) "
                        + "and g (growth) sort, space refreshes, q quits. Not on a terminal: one snapshot per interval.").build());
        spec.addOption(count.option(Long.class, "--count").paramLabel("N")
                .description("With --interval: stop after N refreshes (default: until q or Ctrl-C).").build());
        spec.addOption(width.option(Integer.class, "--width").paramLabel("COLUMNS")
                .description("Fit the table to COLUMNS, dropping columns and cutting names "
                        + "(default: the terminal's width; every column when the output is not a terminal; 0 = every column).").build());
        Bound.helpOptions(spec, new VersionProvider());
        return spec;
    }

    @Override
    public Integer call() throws Exception {
        long count = this.count.value();
        Integer width = this.width.value();
        String interval = this.interval.value();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (count < 0) throw new ParameterException(spec.commandLine(), "--count takes a positive number, not " + count);
        if (width != null && width < 0) throw new ParameterException(spec.commandLine(), "--width takes 0 (every column) or a positive number, not " + width);
        if (count > 0 && interval == null) throw new ParameterException(spec.commandLine(), "--count needs --interval");
        Structured.prepare(listing.format(), listing.format() == OutputFormat.csv ? TopRow.class : TopReport.class);
        if (interval == null) {
            print(out, read(err), width != null ? width : LiveTop.terminalColumns());
            return ExitCodes.OK;
        }
        long millis = CollectionRun.millis(interval, "--interval");
        LiveTop.Frame first = read(err); // warnings about the input once, before the screen is taken
        if (listing.format() == OutputFormat.table && width == null && System.console() != null) {
            PrintWriter quiet = new PrintWriter(java.io.Writer.nullWriter());
            LiveTop.Frame[] next = {first};
            LiveTop.run(() -> {
                LiveTop.Frame f = next[0] != null ? next[0] : read(quiet);
                next[0] = null;
                return f;
            }, first.summary().source(), millis, count, TopOrder.valueOf(sort.value().name()));
            return ExitCodes.OK;
        }
        for (long n = 1; ; n++) { // not a terminal: one snapshot per interval, as vmstat prints
            print(out, n == 1 ? first : read(new PrintWriter(java.io.Writer.nullWriter())), width != null ? width : 0);
            if (count > 0 && n >= count) return ExitCodes.OK;
            Thread.sleep(millis);
            if (listing.format() == OutputFormat.table) out.println();
        }
    }

    private LiveTop.Frame read(PrintWriter err) {
        long pageSize = input.pageSize();
        SeriesPeaks series = new SeriesPeaks(pageSize);
        SnapshotSource.Reading reading = early != null && EarlyRead.fits(inputs.value(), input) ? early.take(err, series)
                : SnapshotSource.read(inputs.value(), input, err, series);
        early = null; // a live top's later refreshes read anew
        TopSummary summary = TopSummary.of(reading.label(), series.last(), pageSize, series.snapshots(), reading.skippedLines());
        return new LiveTop.Frame(summary, series.lastKeys(), TopRow.ofLast(series, pageSize));
    }

    private void print(PrintWriter out, LiveTop.Frame f, int columns) {
        List<TopRow> rows = new java.util.ArrayList<>(f.rows());
        rows.sort(TopOrder.valueOf(sort.value().name()).comparator()); // --sort offers slabtop's main orders of TopOrder's
        List<TopRow> shown = listing.first(rows);
        switch (listing.format()) {
            case json -> Structured.json(out, new TopReport(f.summary(), shown));
            case csv -> Structured.csv(out, TopRow.class, shown);
            case table -> TopTable.print(out, f.summary(), shown, f.summary().snapshots() > 1, columns);
        }
    }
}
