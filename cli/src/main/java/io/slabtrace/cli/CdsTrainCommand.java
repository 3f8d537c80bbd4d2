package io.slabtrace.cli;

import io.slabtrace.cli.error.ExitCodes;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * Hidden: the launcher runs this once under {@code -XX:DumpLoadedClassList} so the class-data
 * archive it then dumps holds the classes of the busiest commands and formats, not only of one. Prints nothing.
 */
@Command(name = "cds-train", hidden = true)
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

    @Override
    public Integer call() throws IOException {
        PrintWriter none = new PrintWriter(Writer.nullWriter());
        Path trace = Files.createTempFile("slabtrace-cds", ".txt");
        try {
            Files.writeString(trace, TRACE);
            for (String format : new String[]{"table", "csv"}) Cli.run(none, none, "top", "--format", format);
            for (String format : new String[]{"table", "csv", "json"}) Cli.run(none, none, "replay", trace.toString(), "--cpus", "2", "--format", format);
            Cli.run(none, none, "layout", "--size", "40", "--ctor", "--flags", "HWCACHE_ALIGN");
        } catch (UncheckedIOException e) {
            return ExitCodes.INTERNAL;
        } finally {
            Files.deleteIfExists(trace);
        }
        return ExitCodes.OK;
    }
}
