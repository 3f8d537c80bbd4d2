package io.slabtrace.cli.collect;

import io.slabtrace.cli.output.SafeDir;
import io.slabtrace.model.CacheMemory;
import io.slabtrace.model.CacheStats;
import io.slabtrace.model.Snapshot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Per-cache metrics in the OpenMetrics text format, written whole (an unpredictable temporary file,
 * then a rename) so node_exporter's textfile collector never reads half a file.
 */
public final class OpenMetrics implements AutoCloseable {
    private final SafeDir dir; // held open from the start: each tick writes into the directory checked then
    private final String name;

    private OpenMetrics(SafeDir dir, String name) {
        this.dir = dir;
        this.name = name;
    }

    /** The metrics file {@code file}; its directory is checked and opened now. */
    public static OpenMetrics at(Path file) throws IOException {
        Path abs = file.toAbsolutePath();
        if (abs.getFileName() == null) throw new IOException(file + ": not a file name");
        return new OpenMetrics(SafeDir.open(abs.getParent(), true), abs.getFileName().toString());
    }

    Path path() {
        return dir.path().resolve(name);
    }

    void write(Snapshot s, long pageSize) throws IOException {
        StringBuilder out = new StringBuilder(64 * 1024);
        metric(out, s, "slab_objects_active", "Objects the allocator counts as in use (SLUB: includes free objects of CPU slabs).", c -> c.activeObjs());
        metric(out, s, "slab_objects_total", "Object slots of all slabs of the cache.", c -> c.numObjs());
        metric(out, s, "slab_object_size_bytes", "Size of one slot, metadata included.", c -> c.objsize());
        metric(out, s, "slab_slabs", "Slabs the cache holds.", c -> c.numSlabs());
        metric(out, s, "slab_memory_bytes", "Pages the cache holds, in bytes.", c -> CacheMemory.memoryBytes(c, pageSize));
        out.append("# EOF\n");
        dir.replace(name, out.toString().getBytes(StandardCharsets.UTF_8), SafeDir.SHARED); // node_exporter reads it as another user
    }

    @Override
    public void close() throws IOException {
        dir.close();
    }

    private static void metric(StringBuilder out, Snapshot s, String name, String help, java.util.function.ToLongFunction<CacheStats> value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" gauge\n");
        if (name.endsWith("_bytes")) out.append("# UNIT ").append(name).append(" bytes\n");
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (CacheStats c : s.caches()) {
            if (!seen.add(c.name())) continue; // one series per label set
            out.append(name).append("{cache=\"").append(c.name().replace("\\", "\\\\").replace("\"", "\\\"")).append("\"} ")
                    .append(value.applyAsLong(c)).append('\n');
        }
    }
}
