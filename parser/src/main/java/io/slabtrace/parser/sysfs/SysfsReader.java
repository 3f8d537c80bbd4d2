package io.slabtrace.parser.sysfs;

import io.slabtrace.model.sysfs.SysfsCache;
import io.slabtrace.model.sysfs.SysfsTree;
import io.slabtrace.model.sysfs.SysfsValue;
import io.slabtrace.parser.InputException;
import io.slabtrace.parser.InputPart;
import io.slabtrace.parser.Inputs;
import io.slabtrace.parser.LineBytes;
import io.slabtrace.parser.Problems;
import io.slabtrace.parser.TarEntries;
import io.slabtrace.parser.TextLines;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads {@code /sys/kernel/slab} from the live directory, a copied tree, a {@code .tar}/{@code .tar.gz}
 * of it, or the text people paste: {@code grep -r . /sys/kernel/slab} ({@code PATH:VALUE} lines, with or
 * without the {@code /sys/kernel/slab/} prefix, or {@code ./} when run inside it).
 */
public final class SysfsReader {
    /** {@code [.../sys/kernel/slab/ | ./]<cache>/<attribute>:<value>}; cache names may contain ':'. */
    private static final Pattern DUMP_LINE = Pattern.compile("(?:.*?/sys/kernel/slab/|\\./)?([^/]+)/([A-Za-z0-9_]+):(.*)");
    private static final Pattern LINK_LINE = Pattern.compile("# link (\\S+) -> (\\S+)");
    /** Attributes that never change while a cache exists; a glob dump's alias directory repeats them exactly. */
    private static final Set<String> STATIC = Set.of("object_size", "slab_size", "align", "order", "objs_per_slab",
            "ctor", "aliases", "hwcache_align", "reclaim_account", "destroy_by_rcu", "cache_dma", "poison", "red_zone",
            "store_user", "sanity_checks", "usersize", "min_partial", "cpu_partial");

    private final Problems problems;

    public SysfsReader(Problems problems) {
        this.problems = problems;
    }

    /**
     * The most text one attribute may gather: sysfs prints at most a page ({@code sysfs_emit}), 64 KiB on the largest
     * pages. Lines past it (a dump repeating one attribute 100,000 times) are dropped with one warning per attribute.
     */
    static final int MAX_VALUE = 1 << 16;

    /** Raw attribute texts per directory, and symlinks seen, before typing. */
    private final class Raw {
        final Map<String, Map<String, String>> dirs = new TreeMap<>();
        final Map<String, String> links = new TreeMap<>();
        boolean fromDump;
        /** Multi-line values (grep prints each line of alloc_calls on its own) are gathered here, then moved to dirs. */
        private final Map<String, Map<String, StringBuilder>> gathering = new TreeMap<>();
        private final Set<String> full = new java.util.HashSet<>();

        void put(String cache, String attribute, String value) {
            dirs.computeIfAbsent(cache, k -> new TreeMap<>()).put(attribute, value);
        }

        void putLine(String spec, long line, String cache, String attribute, String value) {
            StringBuilder b = gathering.computeIfAbsent(cache, k -> new TreeMap<>()).get(attribute);
            if (b == null) {
                gathering.get(cache).put(attribute, new StringBuilder(value));
                return;
            }
            if (b.length() + 1 + value.length() > MAX_VALUE) {
                if (full.add(cache + "/" + attribute)) {
                    problems.skipped(spec, line, cache + "/" + attribute + ": more than " + MAX_VALUE
                            + " bytes (sysfs prints at most a page); this line and its later repeats are ignored");
                }
                return;
            }
            b.append('\n').append(value);
        }

        void gathered() {
            gathering.forEach((cache, attrs) -> attrs.forEach((a, b) ->
                    put(cache, a, b.toString())));
            gathering.clear();
        }
    }

    public SysfsTree read(String spec) throws InputException {
        Path p = Path.of(spec);
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) throw new InputException(spec + ": no such file or directory");
        Raw raw = new Raw();
        try {
            if (Files.isDirectory(p)) readDirectory(p, raw);
            else readFile(spec, raw);
        } catch (IOException e) {
            throw new InputException(spec + ": cannot read: " + e.getMessage(), e);
        }
        if (raw.dirs.isEmpty()) {
            throw new InputException(spec + ": no slab cache attributes found (expected /sys/kernel/slab, a copy or tar of it, "
                    + "or 'grep -r . /sys/kernel/slab' output)");
        }
        return build(spec, raw);
    }

    private void readDirectory(Path dir, Raw raw) throws IOException {
        if (Files.isRegularFile(dir.resolve("object_size"))) { // one cache's directory
            readCacheDir(dir.getFileName().toString(), dir, raw);
            return;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path e : (Iterable<Path>) entries.sorted()::iterator) {
                String name = e.getFileName().toString();
                if (Files.isSymbolicLink(e)) raw.links.put(name, Files.readSymbolicLink(e).getFileName().toString());
                else if (Files.isDirectory(e) && Files.exists(e.resolve("object_size"))) readCacheDir(name, e, raw);
            }
        }
    }

    private static void readCacheDir(String name, Path dir, Raw raw) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                if (!Files.isRegularFile(f)) continue;
                try {
                    raw.put(name, f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8));
                } catch (IOException | java.io.UncheckedIOException e) {
                    // write-only (shrink, validate) or EIO/EACCES on a live tree: not an attribute to show
                }
            }
        }
    }

    private void readFile(String spec, Raw raw) throws IOException, InputException {
        InputPart part = InputPart.file(spec, Path.of(spec));
        try (InputStream in = Inputs.openTextOrTar(part)) {
            in.mark(512);
            byte[] head = in.readNBytes(512);
            in.reset();
            if (TarEntries.looksLikeTar(head)) readTar(spec, in, raw);
            else readDump(spec, in, raw);
        }
    }

    private void readTar(String spec, InputStream in, Raw raw) throws IOException {
        TarEntries.read(in, e -> {
            String name = e.name();
            if (name.startsWith("/") || List.of(name.split("/")).contains("..")) {
                problems.skipped(spec, 0, "tar member '" + name + "' refused: it would escape the tree");
                return;
            }
            String path = name.replaceFirst("^(\\./)?(sys/kernel/slab/)?", "");
            String[] parts = path.split("/");
            if (e.isSymlink()) {
                String target = e.linkTarget();
                if (parts.length != 1 || target.startsWith("/") || target.contains("..") && !target.matches("\\.\\./slab/[^/]+")) {
                    problems.skipped(spec, 0, "tar link '" + name + " -> " + target + "' refused: it points outside the tree");
                    return;
                }
                raw.links.put(parts[0], target.substring(target.lastIndexOf('/') + 1));
            } else if (e.isFile() && parts.length == 2) {
                raw.put(parts[0], parts[1], new String(e.data(), StandardCharsets.UTF_8));
            }
        });
    }

    private void readDump(String spec, InputStream in, Raw raw) throws IOException {
        raw.fromDump = true;
        TextLines r = new TextLines(in, StandardCharsets.UTF_8);
        String line;
        long n = 0;
        String lastCache = null, lastAttr = null;
        while ((line = r.readLine()) != null) {
            n++;
            if (r.overlong() > 0) {
                problems.skipped(spec, n, LineBytes.overlong(r.overlong()));
                continue;
            }
            if (line.isBlank()) continue;
            if (line.startsWith("#")) { // a collection's dump: "# link ALIAS -> CACHE" for the symlinks, other comments
                Matcher l = LINK_LINE.matcher(line);
                if (l.matches()) raw.links.put(l.group(1), l.group(2));
                continue;
            }
            Matcher m = DUMP_LINE.matcher(line);
            if (m.matches()) {
                lastCache = m.group(1);
                lastAttr = m.group(2);
                raw.putLine(spec, n, lastCache, lastAttr, m.group(3));
            } else {
                problems.skipped(spec, n, "expected 'CACHE/ATTRIBUTE:VALUE' as 'grep -r . /sys/kernel/slab' prints it, found '"
                        + LineBytes.abbreviate(line) + "'");
            }
        }
        raw.gathered();
    }

    private SysfsTree build(String spec, Raw raw) {
        Map<String, String> aliases = new TreeMap<>(raw.links);
        if (raw.fromDump) aliases.putAll(inferDumpAliases(raw));
        Map<String, List<String>> aliasesOf = new LinkedHashMap<>();
        aliases.forEach((alias, real) -> aliasesOf.computeIfAbsent(real, k -> new ArrayList<>()).add(alias));
        List<SysfsCache> caches = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> d : raw.dirs.entrySet()) {
            if (aliases.containsKey(d.getKey())) continue;
            Map<String, SysfsValue> typed = new LinkedHashMap<>();
            for (Map.Entry<String, String> a : d.getValue().entrySet()) {
                SysfsValue v = SysfsValues.parse(a.getKey(), a.getValue());
                if (v == null) problems.note(spec, 0, d.getKey() + "/" + a.getKey() + ": '" + LineBytes.abbreviate(a.getValue().strip().replace("\n", "\\n"))
                        + "' is not in the kernel's format, or a number past the limit of 2^48; attribute ignored");
                else typed.put(a.getKey(), v);
            }
            caches.add(new SysfsCache(d.getKey(), typed, aliasesOf.getOrDefault(d.getKey(), List.of())));
        }
        return new SysfsTree(spec, caches, aliases);
    }

    /**
     * A dump made with a glob ({@code grep -r . /sys/kernel/slab/*}) follows the alias symlinks, so an alias
     * shows up as a directory repeating its real cache's attributes. SLUB names every mergeable cache by
     * its unique id ({@code :0000064}), so a plain name whose unchanging attributes equal exactly one such
     * directory's is an alias of it.
     */
    private static final int MAX_LOOKALIKES = 64;

    private static Map<String, String> inferDumpAliases(Raw raw) {
        Map<String, String> found = new TreeMap<>();
        // unique ids grouped by their unchanging attributes: each name is compared with its look-alikes only (linear, not names x ids)
        Map<Map<String, String>, List<String>> idsByStatics = new java.util.HashMap<>();
        for (Map.Entry<String, Map<String, String>> id : raw.dirs.entrySet()) {
            if (id.getKey().startsWith(":")) idsByStatics.computeIfAbsent(staticPart(id.getValue()), k -> new ArrayList<>()).add(id.getKey());
        }
        for (Map.Entry<String, Map<String, String>> d : raw.dirs.entrySet()) {
            if (d.getKey().startsWith(":")) continue;
            // ids differing only in flags sysfs does not show (A = accounted) tie on the statics; the
            // counters, read a moment apart, break the tie
            String best = null;
            int bestScore = -1;
            boolean tie = false;
            List<String> alike = idsByStatics.getOrDefault(staticPart(d.getValue()), List.of());
            if (alike.size() > MAX_LOOKALIKES) continue; // a real kernel has a few ids alike at most: this many cannot be told apart
            for (String id : alike) {
                int score = sameValues(raw.dirs.get(id), d.getValue());
                if (score > bestScore) {
                    best = id;
                    bestScore = score;
                    tie = false;
                } else if (score == bestScore) {
                    tie = true;
                }
            }
            if (best != null && !tie) found.put(d.getKey(), best);
        }
        // Every unique-id directory has at least its creator's link; if most have no twin, the dump did not
        // follow links (grep -r . run inside the directory) and look-alikes are distinct caches.
        long ids = raw.dirs.keySet().stream().filter(n -> n.startsWith(":")).count();
        long twinned = found.values().stream().distinct().count();
        return twinned * 2 >= ids ? found : Map.of();
    }

    private static int sameValues(Map<String, String> a, Map<String, String> b) {
        int n = 0;
        for (Map.Entry<String, String> e : a.entrySet()) if (e.getValue().equals(b.get(e.getKey()))) n++;
        return n;
    }

    private static Map<String, String> staticPart(Map<String, String> attrs) {
        Map<String, String> s = new TreeMap<>();
        attrs.forEach((k, v) -> {
            if (STATIC.contains(k)) s.put(k, v.strip());
        });
        return s;
    }
}
