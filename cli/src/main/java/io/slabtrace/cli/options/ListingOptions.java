package io.slabtrace.cli.options;

import io.slabtrace.cli.format.OutputFormat;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.List;

/** Output options of the commands that list caches. */
public final class ListingOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    int limit;

    @Option(names = "--limit", paramLabel = "N", description = "Show the first N caches only (default: all; 0 = all).")
    void limit(int n) {
        if (n < 0) throw new ParameterException(spec.commandLine(), "--limit takes 0 (all) or a positive number, not " + n);
        limit = n;
    }

    @Option(names = "--format", paramLabel = "FORMAT", description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    public OutputFormat format = OutputFormat.table;

    public <T> List<T> first(List<T> rows) {
        return limit > 0 && rows.size() > limit ? rows.subList(0, limit) : rows;
    }
}
