package io.slabtrace.cli.collect;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads {@code /sys/kernel/slab} each tick as a {@code grep -r .}-style dump. Attributes that
 * cannot change while a cache exists (sizes, order, flags, ctor ...) are read once per cache and
 * again only when the set of caches changes; the counters are read every tick.
 */
final class SysfsSampler {
    private static final Set<String> STATIC = Set.of("object_size", "slab_size", "align", "order", "objs_per_slab", "ctor",
            "hwcache_align", "reclaim_account", "destroy_by_rcu", "cache_dma", "poison", "red_zone", "store_user", "sanity_checks",
            "trace", "usersize", "sheaf_capacity", "min_partial", "cpu_partial", "remote_node_defrag_ratio", "aliases");
    private static final Set<String> WRITE_ONLY = Set.of("shrink", "validate");

    private final Path root;
    private Set<String> names = Set.of();
    private final Map<String, String> staticLines = new TreeMap<>();
    private final Map<String, List<Counter>> counters = new TreeMap<>();

    /**
     * A counter attribute kept open: reading a sysfs attribute again from offset 0 makes the kernel
     * produce a fresh value, so each tick costs one read, not an open, a read and a close.
     */
    private static final class Counter {
        final String line; // "./cache/attribute:"
        final Path path;
        java.nio.channels.FileChannel ch;

        Counter(String cache, Path path) {
            this.line = "./" + cache + "/" + path.getFileName() + ":";
            this.path = path;
        }
    }
    private final Map<String, String> links = new TreeMap<>();

    SysfsSampler(Path root) {
        this.root = root;
    }

    /** One dump: aliases as {@code name -> target} comment lines, then {@code ./cache/attribute:value} lines. */
    String sample() throws IOException {
        List<Path> entries;
        try (Stream<Path> s = Files.list(root)) {
            entries = s.sorted().toList();
        }
        Set<String> now = new java.util.TreeSet<>();
        for (Path e : entries) now.add(e.getFileName().toString());
        if (!now.equals(names)) rescan(entries, now);
        StringBuilder out = new StringBuilder(64 * 1024);
        links.forEach((alias, target) -> out.append("# link ").append(alias).append(" -> ").append(target).append('\n'));
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(buf);
        for (Map.Entry<String, List<Counter>> c : counters.entrySet()) {
            out.append(staticLines.get(c.getKey()));
            for (Counter k : c.getValue()) read(out, k, bb);
        }
        return out.toString();
    }

    private void read(StringBuilder out, Counter k, java.nio.ByteBuffer bb) {
        try {
            if (k.ch == null) k.ch = java.nio.channels.FileChannel.open(k.path);
            bb.clear();
            int n = 0, r;
            while (bb.hasRemaining() && (r = k.ch.read(bb, n)) > 0) n += r;
            for (String line : new String(buf, 0, n, StandardCharsets.ISO_8859_1).split("\n")) {
                if (!line.isEmpty()) out.append(k.line).append(line).append('\n');
            }
        } catch (IOException e) {
            // EIO on a live tree, or the cache went away: the next rescan drops it
        }
    }

    /** Closes the counters kept open. */
    void close() {
        for (List<Counter> l : counters.values()) {
            for (Counter k : l) {
                try {
                    if (k.ch != null) k.ch.close();
                } catch (IOException e) {
                    // closing a sysfs file does not fail in practice
                }
            }
        }
    }

    private void rescan(List<Path> entries, Set<String> now) throws IOException {
        names = now;
        staticLines.clear();
        close();
        counters.clear();
        links.clear();
        for (Path e : entries) {
            String name = e.getFileName().toString();
            if (Files.isSymbolicLink(e)) {
                links.put(name, Files.readSymbolicLink(e).getFileName().toString());
                continue;
            }
            if (!Files.isDirectory(e)) continue;
            StringBuilder st = new StringBuilder();
            List<Counter> dynamic = new ArrayList<>();
            try (Stream<Path> files = Files.list(e)) {
                for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                    String attr = f.getFileName().toString();
                    if (WRITE_ONLY.contains(attr) || !Files.isRegularFile(f)) continue;
                    if (STATIC.contains(attr)) append(st, name, f);
                    else dynamic.add(new Counter(name, f));
                }
            }
            staticLines.put(name, st.toString());
            counters.put(name, dynamic);
        }
    }

    private final byte[] buf = new byte[8192];

    /** One attribute, read with a reused buffer: this runs for every counter of every cache on every tick. */
    private void append(StringBuilder out, String cache, Path f) {
        try (java.io.FileInputStream in = new java.io.FileInputStream(f.toFile())) {
            int n = 0, r;
            while (n < buf.length && (r = in.read(buf, n, buf.length - n)) > 0) n += r;
            String v = new String(buf, 0, n, StandardCharsets.ISO_8859_1);
            for (String line : v.split("\n", -1)) {
                if (line.isEmpty()) continue;
                out.append("./").append(cache).append('/').append(f.getFileName()).append(':').append(line).append('\n');
            }
        } catch (IOException e) {
            // EIO/EACCES on a live tree, or the cache went away between list and read: not an attribute to keep
        }
    }
}
