package io.slabtrace.cli.collect;

import io.slabtrace.cli.output.SafeDir;
import io.slabtrace.model.CacheMemory;
import io.slabtrace.model.CacheStats;
import io.slabtrace.model.Snapshot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Per-cache metrics in the OpenMetrics text format, written whole (an unpredictable temporary file,
 * then a rename) so node_exporter's textfile collector never reads half a file.
 *
 * <p>node_exporter reads the file with the Prometheus text parser, which takes OpenMetrics' {@code # UNIT}
 * and {@code # EOF} lines as comments but not its {@code info} type: the file keeps to what both read, so
 * {@code slab_info} is a gauge of 1 as node_exporter's own {@code node_uname_info} is. Every figure is a gauge:
 * objects and slabs go down as well as up, so no name ends in {@code _total}, which invites {@code rate()}.
 */
public final class OpenMetrics implements AutoCloseable {
    private final SafeDir dir; // held open from the start: each tick writes into the directory checked then
    private final String name;
    private final String kernel;

    private OpenMetrics(SafeDir dir, String name, String kernel) {
        this.dir = dir;
        this.name = name;
        this.kernel = kernel;
    }

    /** The metrics file {@code file}; its directory is checked and opened now. {@code kernel} is the release for {@code slab_info}. */
    public static OpenMetrics at(Path file, String kernel) throws IOException {
        Path abs = file.toAbsolutePath();
        if (abs.getFileName() == null) throw new IOException(file + ": not a file name");
        return new OpenMetrics(SafeDir.open(abs.getParent(), true), abs.getFileName().toString(), kernel);
    }

    Path path() {
        return dir.path().resolve(name);
    }

    /** Writes {@code s}, read at {@code at}: after this the file says the collection succeeded then. */
    void write(Snapshot s, long pageSize, Instant at) throws IOException {
        dir.replace(name, text(s, pageSize, kernel, at).getBytes(StandardCharsets.UTF_8), SafeDir.SHARED); // node_exporter reads it as another user
    }

    /** The exposition itself: one family after another, each with its HELP, TYPE and (for units) UNIT, then {@code # EOF}. */
    static String text(Snapshot s, long pageSize, String kernel, Instant at) {
        StringBuilder out = new StringBuilder(64 * 1024);
        family(out, "slab_info", "The slab allocator, page size and kernel the metrics come from; always 1.", null);
        out.append("slab_info{allocator=\"").append(escape(s.allocator().label())).append("\",page_size=\"").append(pageSize)
                .append("\",kernel=\"").append(escape(kernel == null ? "unknown" : kernel)).append("\"} 1\n");
        family(out, "slab_collect_last_success_timestamp_seconds",
                "When slabtrace collect last read /proc/slabinfo and wrote this file, in seconds since the epoch: alert when it stops moving.", "seconds");
        out.append("slab_collect_last_success_timestamp_seconds ")
                .append(String.format(Locale.ROOT, "%d.%03d", at.getEpochSecond(), at.getNano() / 1_000_000)).append('\n');
        perCache(out, s, "slab_objects", "Object slots of all slabs of the cache (num_objs); goes down as well as up.", null, CacheStats::numObjs);
        perCache(out, s, "slab_objects_active",
                "Objects the allocator counts as in use (active_objs; SLUB: includes free objects of CPU slabs).", null, CacheStats::activeObjs);
        perCache(out, s, "slab_object_size_bytes", "Size of one slot, metadata included (objsize).", "bytes", CacheStats::objsize);
        perCache(out, s, "slab_objects_per_slab", "Objects one slab holds (objperslab).", null, CacheStats::objperslab);
        perCache(out, s, "slab_pages_per_slab", "Pages one slab takes (pagesperslab).", null, CacheStats::pagesperslab);
        perCache(out, s, "slab_slabs", "Slabs the cache holds (num_slabs).", null, CacheStats::numSlabs);
        perCache(out, s, "slab_memory_bytes", "Pages the cache holds: num_slabs x pagesperslab x page size.", "bytes",
                c -> CacheMemory.memoryBytes(c, pageSize));
        perCache(out, s, "slab_waste_bytes", "Memory not in used slots: memory - active_objs x objsize (a lower bound on SLUB).", "bytes",
                c -> CacheMemory.of(c, pageSize).wasteBytes());
        out.append("# EOF\n");
        return out.toString();
    }

    @Override
    public void close() throws IOException {
        dir.close();
    }

    private static void family(StringBuilder out, String name, String help, String unit) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" gauge\n");
        if (unit != null) out.append("# UNIT ").append(name).append(' ').append(unit).append('\n');
    }

    /**
     * One series per cache. A name the kernel printed twice (two caches created with one name, which
     * kmem_cache_create() allows) is kept apart by {@code occurrence="2"}, "3", ... in file order: the first
     * keeps the plain label set, so its series does not change when a twin appears.
     */
    private static void perCache(StringBuilder out, Snapshot s, String name, String help, String unit, ToLongFunction<CacheStats> value) {
        family(out, name, help, unit);
        Map<String, Integer> seen = new HashMap<>();
        for (CacheStats c : s.caches()) {
            int occurrence = seen.merge(c.name(), 1, Integer::sum);
            out.append(name).append("{cache=\"").append(escape(c.name())).append('"');
            if (occurrence > 1) out.append(",occurrence=\"").append(occurrence).append('"');
            out.append("} ").append(value.applyAsLong(c)).append('\n');
        }
    }

    /** A label value as the exposition formats escape it: backslash, double quote and line feed. */
    static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
