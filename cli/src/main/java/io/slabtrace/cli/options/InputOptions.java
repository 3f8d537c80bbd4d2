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

    public long pageSize = CacheMemory.DEFAULT_PAGE_SIZE;

    boolean strict;

    /**
     * The zone of timestamp lines that carry none; null: this machine's, looked up only when such a line is read
     * (the look-up loads the time-zone database, about 7 ms of a cold start that reads /proc/slabinfo, which has none).
     */
    public ZoneId zone;

    /** Adds {@code --page-size}, {@code --strict} and {@code --tz} to {@code command}, bound to this object. */
    public void addTo(CommandSpec command) {
        command.addOption(Bound.option(Long.class, () -> pageSize, v -> pageSize = v, "--page-size").paramLabel("BYTES")
                .description("Page size for memory figures (default: ${DEFAULT-VALUE}; 16384 or 65536 for captures from such arm64/ppc64 kernels).").build());
        command.addOption(Bound.option(Boolean.class, () -> strict, v -> strict = v, "--strict").arity("0")
                .description("Fail (exit status 1) when any input line had to be skipped.").build());
        command.addOption(Bound.option(ZoneId.class, () -> zone, v -> zone = v, "--tz").paramLabel("ZONE").converters(new Zone())
                .description("Time zone for timestamp lines that carry none (default: this machine's).").build());
    }

    public long pageSize() {
        if (pageSize < 512 || pageSize > CacheStats.MAX_PAGE_SIZE || Long.bitCount(pageSize) != 1) {
            throw new UserError("--page-size must be a power of two from 512 to " + CacheStats.MAX_PAGE_SIZE + ", not " + pageSize, ExitCodes.USAGE);
        }
        return pageSize;
    }

    /** Its own converter: the command line leaves picocli's java.time ones out (see {@code Cli}). */
    static final class Zone implements ITypeConverter<ZoneId> {
        @Override
        public ZoneId convert(String value) {
            return ZoneId.of(value);
        }
    }
}
