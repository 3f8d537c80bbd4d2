package io.slabtrace.cli;

import io.slabtrace.cli.error.ExitCodes;
import io.slabtrace.cli.options.CommandModel;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Hidden: the launcher runs this once under {@code -XX:DumpLoadedClassList} so the class-data
 * archive it then dumps holds the classes of the busiest commands and formats, not only of one, and of a report
 * (AWT, fonts, JFreeChart: about 100 ms of a report's CPU when they are not in the archive). Prints nothing.
 */
public final class CdsTrainCommand implements Callable<Integer> {
    private static final String TRACE = """
            # tracer: nop
            #
            # entries-in-buffer/entries-written: 4/4   #P:2
            #
                        bash-1     [000] .....     1.000001: kmem_cache_alloc: call_site=f+0x1/0x2 ptr=000000000000aaaa name=dentry bytes_req=192 bytes_alloc=192 gfp_flags=GFP_KERNEL node=-1 accounted=false
                        bash-1     [000] .....     1.000002: kmalloc: call_site=g+0x1/0x2 ptr=000000000000bbbb bytes_req=50 bytes_alloc=64 gfp_flags=GFP_KERNEL node=-1 accounted=false
                        bash-1     [001] .....     1.000003: kfree: call_site=h+0x1/0x2 ptr=000000000000bbbb
                        bash-1     [001] .....     1.000004: kmem_cache_free: call_site=i+0x1/0x2 ptr=000000000000aaaa name=dentry
            """;

    /** Two timed snapshots: the report draws every kind of chart a series has (AWT, fonts and JFreeChart are most of its classes). */
    private static final String SERIES = """
            1795611016.348236639
            slabinfo - version: 2.1
            # name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>
            dentry            1000   1050    192   21    1 : tunables    0    0    0 : slabdata     50     50      0
            kmalloc-64         600    640     64   64    1 : tunables    0    0    0 : slabdata     10     10      0
            1795611017.360304825
            slabinfo - version: 2.1
            # name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>
            dentry            2000   2100    192   21    1 : tunables    0    0    0 : slabdata    100    100      0
            kmalloc-64         600    640     64   64    1 : tunables    0    0    0 : slabdata     10     10      0
            """;

    /**
     * A trace and a series long enough to be read by the reading thread and the workers (inputs over a quarter of a
     * megabyte): the tiny ones above are read on the calling thread alone, so the pipeline's classes and the replay's
     * start from the counters were left out of the archive, loaded from the jar at every long run.
     */
    private static String longTrace() {
        StringBuilder b = new StringBuilder(TRACE.substring(0, TRACE.indexOf("            bash-1")));
        String events = TRACE.substring(TRACE.indexOf("            bash-1"));
        for (int i = 0; i < 600; i++) b.append(events.replace("     1.00000", String.format("%6d.00000", i + 1)));
        return b.toString();
    }

    private static String longSeries() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 500; i++) b.append(SERIES.replace("179561101", Long.toString(179561101L + i)));
        return b.toString();
    }

    /** The command line's model of this command: no options, not listed by the help or the completion script. */
    public CommandSpec spec() {
        CommandSpec spec = CommandModel.of(this, "cds-train");
        spec.usageMessage().hidden(true);
        return spec;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter none = new PrintWriter(Writer.nullWriter());
        Path trace = Files.createTempFile("slabtrace-cds", ".txt");
        Path series = Files.createTempFile("slabtrace-cds", ".log"), html = Files.createTempFile("slabtrace-cds", ".html");
        Path longTrace = Files.createTempFile("slabtrace-cds", ".txt"), longSeries = Files.createTempFile("slabtrace-cds", ".log");
        List<String[]> runs = new ArrayList<>();
        runs.add(new String[]{"top", longSeries.toString()});
        runs.add(new String[]{"replay", longTrace.toString(), "--before", series.toString(), "--after", series.toString()});
        runs.add(new String[]{"report", series.toString(), "-o", html.toString()});
        for (String format : new String[]{"table", "csv"}) runs.add(new String[]{"top", "--format", format});
        for (String format : new String[]{"table", "csv", "json"}) runs.add(new String[]{"replay", trace.toString(), "--cpus", "2", "--format", format});
        runs.add(new String[]{"layout", "--size", "40", "--ctor", "--flags", "HWCACHE_ALIGN"});
        // explain's (CACHE | --all) group: picocli's ArgGroupSpec and its matching, Java 5 classes verified at each start otherwise
        runs.add(new String[]{"explain", "--from", series.toString(), "dentry"});
        try {
            Files.writeString(trace, TRACE);
            Files.writeString(series, SERIES);
            Files.writeString(longTrace, longTrace());
            Files.writeString(longSeries, longSeries());
            for (String[] run : runs) {
                // a run that fails loads fewer classes than it should: the archive would miss them, and nobody would see it
                int status = Cli.run(none, none, run);
                if (status != ExitCodes.OK) {
                    System.err.println("slabtrace cds-train: '" + String.join(" ", run) + "' ended with status " + status);
                    return ExitCodes.INTERNAL;
                }
            }
        } finally {
            Files.deleteIfExists(trace);
            Files.deleteIfExists(series);
            Files.deleteIfExists(html);
            Files.deleteIfExists(longTrace);
            Files.deleteIfExists(longSeries);
        }
        return ExitCodes.OK;
    }
}
