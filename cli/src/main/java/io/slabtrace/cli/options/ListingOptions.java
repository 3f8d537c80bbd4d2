package io.slabtrace.cli.options;

import io.slabtrace.cli.format.OutputFormat;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.util.List;

/** Output options of the commands that list caches (declared in code: {@link Bound}). */
public final class ListingOptions {

    private CommandSpec command;

    private final Bound<Integer> limit = new Bound<>(0) {
        @Override
        protected void check(Integer n) {
            if (n < 0) throw new ParameterException(command.commandLine(), "--limit takes 0 (all) or a positive number, not " + n);
        }
    };

    private final Bound<OutputFormat> format = new Bound<>(OutputFormat.table);

    /** Adds {@code --format} and {@code --limit} to {@code command}. */
    public void addTo(CommandSpec command) {
        this.command = command;
        command.addOption(format.option(OutputFormat.class, "--format").paramLabel("FORMAT")
                .description("Output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).").build());
        command.addOption(limit.option(Integer.class, "--limit").paramLabel("N")
                .description("Show the first N caches only (default: all; 0 = all).").build());
    }

    public OutputFormat format() {
        return format.value();
    }

    public <T> List<T> first(List<T> rows) {
        int n = limit.value();
        return n > 0 && rows.size() > n ? rows.subList(0, n) : rows;
    }
}
