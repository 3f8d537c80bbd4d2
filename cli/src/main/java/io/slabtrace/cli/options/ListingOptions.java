package io.slabtrace.cli.options;

import io.slabtrace.cli.format.OutputFormat;
import io.slabtrace.cli.error.ExitCodes;
import io.slabtrace.cli.error.UserError;
import picocli.CommandLine.Option;

import java.util.List;

/** Output options of the commands that list caches. */
public final class ListingOptions {

    @Option(names = "--limit", paramLabel = "N", description = "Show the first N caches only (default: all).")
    int limit;

    @Option(names = "--format", paramLabel = "FORMAT", description = "Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    public OutputFormat format = OutputFormat.table;

    public <T> List<T> first(List<T> rows) {
        if (limit < 0) throw new UserError("--limit must be 0 (all) or more, not " + limit, ExitCodes.USAGE);
        return limit > 0 && rows.size() > limit ? rows.subList(0, limit) : rows;
    }
}
