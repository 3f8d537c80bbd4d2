package io.slabtrace.cli.options;

import io.slabtrace.cli.error.ExitCodes;
import io.slabtrace.cli.error.UserError;
import io.slabtrace.model.CacheMemory;
import io.slabtrace.model.CacheStats;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;

import java.time.ZoneId;

/** How inputs are read, shared by every command that reads slabinfo (declared in code: {@link Bound}). */
public final class InputOptions {

    private final Bound<Long> pageSize = new Bound<>((long) CacheMemory.DEFAULT_PAGE_SIZE);

    private final Bound<Boolean> strict = new Bound<>(false);

    /**
     * The zone of timestamp lines that carry none; null: this machine's, looked up only when such a line is read
     * (the look-up loads the time-zone database, about 7 ms of a cold start that reads /proc/slabinfo, which has none).
     */
    private final Bound<ZoneId> zone = new Bound<>(null);

    /** Adds {@code --page-size}, {@code --strict} and {@code --tz} to {@code command}. */
    public void addTo(CommandSpec command) {
        command.addOption(pageSize.option(Long.class, "--page-size").paramLabel("BYTES")
                .description("Page size for memory figures (default: ${DEFAULT-VALUE}; 16384 or 65536 for captures from such arm64/ppc64 kernels).").build());
        command.addOption(strict.option(Boolean.class, "--strict").arity("0")
                .description("Fail (exit status 1) when any input line had to be skipped.").build());
        command.addOption(zone.option(ZoneId.class, "--tz").paramLabel("ZONE").converters(new Zone())
                .description("Time zone for timestamp lines that carry none (default: this machine's).").build());
    }

    public long pageSize() {
        long p = pageSize.value();
        if (p < 512 || p > CacheStats.MAX_PAGE_SIZE || Long.bitCount(p) != 1) {
            throw new UserError("--page-size must be a power of two from 512 to " + CacheStats.MAX_PAGE_SIZE + ", not " + p, ExitCodes.USAGE);
        }
        return p;
    }

    /** For a command that takes the page size from an option of its own. */
    public void pageSize(long bytes) {
        pageSize.value(bytes);
    }

    public boolean strict() {
        return strict.value();
    }

    /** The zone given, or null for this machine's. */
    public ZoneId zone() {
        return zone.value();
    }

    /**
     * Whether a read with these options reads the inputs as one with none would: --strict and --tz change the read,
     * --page-size only what is figured from it. The next option that changes the read belongs here.
     */
    public boolean readsAsDefault() {
        return !strict() && zone() == null;
    }

    /** Its own converter: the command line leaves picocli's java.time ones out (see {@code Cli}). */
    static final class Zone implements ITypeConverter<ZoneId> {
        @Override
        public ZoneId convert(String value) {
            return ZoneId.of(value);
        }
    }
}
