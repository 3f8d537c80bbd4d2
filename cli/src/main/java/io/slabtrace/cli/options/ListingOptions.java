package io.slabtrace.cli.options;

import io.slabtrace.cli.format.OutputFormat;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.util.List;

/** Output options of the commands that list caches (declared in code: {@link Bound}). */
public final class ListingOptions {

    int limit;

    public OutputFormat format = OutputFormat.table;

    /** Adds {@code --format} and {@code --limit} to {@code command}, bound to this object. */
    public void addTo(CommandSpec command) {
        command.addOption(Bound.option(OutputFormat.class, () -> format, v -> format = v, "--format").paramLabel("FORMAT")
                .description("Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).").build());
        command.addOption(Bound.option(Integer.class, () -> limit, n -> {
            if (n < 0) throw new ParameterException(command.commandLine(), "--limit takes 0 (all) or a positive number, not " + n);
            limit = n;
        }, "--limit").paramLabel("N").description("Show the first N caches only (default: all; 0 = all).").build());
    }

    public <T> List<T> first(List<T> rows) {
        return limit > 0 && rows.size() > limit ? rows.subList(0, limit) : rows;
    }
}
