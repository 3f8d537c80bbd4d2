package io.slabtrace.cli.options;

import io.slabtrace.cli.error.ExitCodes;
import io.slabtrace.cli.error.UserError;
import io.slabtrace.model.CacheMemory;
import io.slabtrace.model.CacheStats;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

import java.time.ZoneId;

/** How inputs are read, shared by every command that reads slabinfo. */
public final class InputOptions {

    @Option(names = "--page-size", paramLabel = "BYTES",
            description = "Page size for memory figures (default: ${DEFAULT-VALUE}; 16384 or 65536 for captures from such arm64/ppc64 kernels).")
    public long pageSize = CacheMemory.DEFAULT_PAGE_SIZE;

    @Option(names = "--strict", description = "Fail (exit status 1) when any input line had to be skipped.")
    boolean strict;

    @Option(names = "--tz", paramLabel = "ZONE", converter = Zone.class,
            description = "Time zone for timestamp lines that carry none (default: this machine's, ${DEFAULT-VALUE}).")
    public ZoneId zone = ZoneId.systemDefault();

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
