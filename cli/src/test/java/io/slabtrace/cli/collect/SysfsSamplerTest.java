package io.slabtrace.cli.collect;

import io.slabtrace.model.sysfs.SysfsCache;
import io.slabtrace.model.sysfs.SysfsTree;
import io.slabtrace.parser.Problems;
import io.slabtrace.parser.sysfs.SysfsReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SysfsSamplerTest {
    static final Path LIVE = Path.of("/sys/kernel/slab");

    @TempDir
    Path dir;

    /** A cache directory as sysfs makes it: read-only attributes 0400, the tunables and write-only ones 0600. */
    static void cache(Path root, String name, Map<String, String> readOnly, Map<String, String> writable) throws IOException {
        Path d = Files.createDirectories(root.resolve(name));
        for (Map.Entry<String, String> a : readOnly.entrySet()) {
            Files.writeString(d.resolve(a.getKey()), a.getValue());
            Files.setPosixFilePermissions(d.resolve(a.getKey()), PosixFilePermissions.fromString("r--------"));
        }
        for (Map.Entry<String, String> a : writable.entrySet()) {
            Files.writeString(d.resolve(a.getKey()), a.getValue());
            Files.setPosixFilePermissions(d.resolve(a.getKey()), PosixFilePermissions.fromString("rw-------"));
        }
    }

    /** Changes a value in place, as the kernel does: a descriptor kept open sees it. The mode is kept (root or not). */
    static void set(Path file, String value) throws IOException {
        var mode = Files.getPosixFilePermissions(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(file, value);
        Files.setPosixFilePermissions(file, mode);
    }

    /** The dump's text, every gzip member of it. */
    static String text(byte[] dump) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(dump))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static byte[] dump(SysfsSampler s, String first) throws IOException {
        s.sample();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        s.writeTo(out, first);
        return out.toByteArray();
    }

    /** Lines by "cache/attribute" (the dump's order is the writer's business). */
    static Map<String, String> values(String text) {
        Map<String, String> m = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("./")) m.put(line.substring(2, line.indexOf(':', line.indexOf('/', 2))), line.substring(line.indexOf(':', line.indexOf('/', 2)) + 1));
        }
        return m;
    }

    private Path tree() throws IOException {
        Path root = Files.createDirectories(dir.resolve("slab"));
        cache(root, "kmem_cache", Map.of("object_size", "208\n", "order", "0\n", "objects", "420 N0=420\n", "aliases", "0\n"),
                Map.of("min_partial", "5\n", "shrink", "", "validate", ""));
        cache(root, ":0000064", Map.of("object_size", "64\n", "objects", "9000 N0=9000\n", "aliases", "1\n"), Map.of("cpu_partial", "120\n"));
        Files.createSymbolicLink(root.resolve("kmalloc-64"), Path.of(":0000064"));
        return root;
    }

    /** Samples until {@code key}'s value is {@code expected} (a write is seen once inotify has told of it), or 10 s. */
    static Map<String, String> until(SysfsSampler s, String key, String expected) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        Map<String, String> v;
        while (!expected.equals((v = values(text(dump(s, "# t")))).get(key)) && System.nanoTime() < deadline) Thread.sleep(5);
        return v;
    }

    @Test
    void withoutAWatchReadOnlyAttributesAreReadOnceAndEverythingThatCanChangeEachTick() throws IOException {
        Path root = tree();
        try (SysfsSampler s = new SysfsSampler(root, 100, false)) {
            String first = text(dump(s, "# t1"));
            assertTrue(first.startsWith("# t1\n# link kmalloc-64 -> :0000064\n"), first);
            Map<String, String> v = values(first);
            assertEquals("208", v.get("kmem_cache/object_size"));
            assertEquals("420 N0=420", v.get("kmem_cache/objects"));
            assertEquals("5", v.get("kmem_cache/min_partial"));
            assertEquals("120", v.get(":0000064/cpu_partial"));
            assertFalse(v.containsKey("kmem_cache/shrink") || v.containsKey("kmem_cache/validate"), first);
            assertEquals(6, s.kept(), "objects, aliases and the tunable of each cache kept open: " + v);

            set(root.resolve("kmem_cache/object_size"), "999\n"); // no kernel does this: a fixed attribute is not read again
            set(root.resolve("kmem_cache/objects"), "421 N0=421\n");
            set(root.resolve("kmem_cache/min_partial"), "7\n"); // root tuning it: writable, so read each tick
            Map<String, String> second = values(text(dump(s, "# t2")));
            assertEquals("208", second.get("kmem_cache/object_size"));
            assertEquals("421 N0=421", second.get("kmem_cache/objects"));
            assertEquals("7", second.get("kmem_cache/min_partial"));
            assertEquals(v.keySet(), second.keySet());
        }
    }

    @Test
    void withAWatchTheTunablesAreReadAgainOnlyAfterAWriteIntoTheirDirectory() throws Exception {
        Path root = tree();
        try (SysfsSampler s = new SysfsSampler(root, 100, true)) {
            Map<String, String> v = values(text(dump(s, "# t1")));
            assertEquals("5", v.get("kmem_cache/min_partial"));
            assertEquals(4, s.kept(), "objects and aliases of each cache kept open, the tunables not: " + v);
            // a change made through another name of the file tells no watch on this directory: it is not read
            Path elsewhere = Files.createLink(dir.resolve("min_partial-link"), root.resolve("kmem_cache/min_partial"));
            set(elsewhere, "6\n");
            set(root.resolve(":0000064/objects"), "9001 N0=9001\n"); // a write into the other directory
            Map<String, String> second = values(text(dump(s, "# t2")));
            assertEquals("9001 N0=9001", second.get(":0000064/objects"));
            assertEquals("5", second.get("kmem_cache/min_partial"), "not read each tick");
            set(root.resolve("kmem_cache/min_partial"), "7\n"); // root tuning it: inotify tells, the cache's tunables are read again
            assertEquals("7", until(s, "kmem_cache/min_partial", "7").get("kmem_cache/min_partial"));
            assertEquals("120", values(text(dump(s, "# t3"))).get(":0000064/cpu_partial"));
        }
    }

    @Test
    void cachesMadeAndDestroyedBetweenTicksAreFollowedAndTheirDescriptorsReleased() throws IOException {
        Path root = tree();
        try (SysfsSampler s = new SysfsSampler(root, 100, false)) {
            dump(s, "# t1");
            assertEquals(6, s.kept());
            cache(root, "isofs_inode_cache", Map.of("object_size", "656\n", "objects", "0\n"), Map.of()); // a module loaded
            Map<String, String> v = values(text(dump(s, "# t2")));
            assertEquals("656", v.get("isofs_inode_cache/object_size"));
            assertEquals("0", v.get("isofs_inode_cache/objects"));
            assertEquals(7, s.kept());
            try (var files = Files.list(root.resolve("kmem_cache"))) {
                for (Path f : files.toList()) Files.delete(f);
            }
            Files.delete(root.resolve("kmem_cache"));
            v = values(text(dump(s, "# t3")));
            assertFalse(v.keySet().stream().anyMatch(k -> k.startsWith("kmem_cache/")), v.toString());
            assertEquals("656", v.get("isofs_inode_cache/object_size"));
            assertEquals(4, s.kept(), "the destroyed cache's three descriptors closed");
        }
    }

    @Test
    void aMovedAliasCountReadsTheLinksAgainInTheSameTick() throws IOException {
        Path root = tree();
        cache(root, ":0000192", Map.of("object_size", "192\n", "aliases", "0\n"), Map.of());
        try (SysfsSampler s = new SysfsSampler(root, 100, false)) {
            assertTrue(text(dump(s, "# t1")).contains("# link kmalloc-64 -> :0000064\n"));
            // the same entries, a link pointing elsewhere: only the counts tell
            Files.delete(root.resolve("kmalloc-64"));
            Files.createSymbolicLink(root.resolve("kmalloc-64"), Path.of(":0000192"));
            set(root.resolve(":0000192/aliases"), "1\n");
            String t = text(dump(s, "# t2"));
            assertTrue(t.contains("# link kmalloc-64 -> :0000192\n"), t);
            assertEquals("1", values(t).get(":0000192/aliases"));
        }
    }

    @Test
    void pastTheDescriptorBudgetAttributesAreOpenedForEachReadWithTheSameDump() throws IOException {
        Path root = tree();
        try (SysfsSampler all = new SysfsSampler(root, 100, false); SysfsSampler one = new SysfsSampler(root, 1, false)) {
            String a = text(dump(all, "# t")), b = text(dump(one, "# t"));
            assertEquals(1, one.kept());
            assertEquals(a, b);
            set(root.resolve(":0000064/objects"), "9100 N0=9100\n");
            assertEquals("9100 N0=9100", values(text(dump(one, "# t"))).get(":0000064/objects"));
        }
    }

    @Test
    void aFailedReadScansTheCacheAgainAtTheNextTick() throws IOException {
        Path root = tree();
        try (SysfsSampler s = new SysfsSampler(root, 0, false)) { // no descriptor kept: each read opens the file
            dump(s, "# t1");
            Files.delete(root.resolve("kmem_cache/aliases")); // as a read of a removed cache fails (sysfs: ENODEV)
            set(root.resolve("kmem_cache/objects"), "430 N0=430\n");
            Map<String, String> v = values(text(dump(s, "# t2")));
            assertEquals("430 N0=430", v.get("kmem_cache/objects"), "the cache's other attributes are still read");
            // made again under its name, with an attribute the first one lacked: only a new scan finds it
            cache(root, "kmem_cache", Map.of("aliases", "0\n", "partial", "3 N0=3\n"), Map.of());
            v = values(text(dump(s, "# t3")));
            assertEquals("3 N0=3", v.get("kmem_cache/partial"), "scanned again after the failure: " + v);
            assertEquals("0", v.get("kmem_cache/aliases"));
            assertEquals("208", v.get("kmem_cache/object_size"));
        }
    }

    @Test
    void theDumpIsReadAsOneTreeByTheDumpReader() throws Exception {
        Path root = tree();
        Path file = dir.resolve("000001.txt.gz");
        try (SysfsSampler s = new SysfsSampler(root, 100, false)) {
            Files.write(file, dump(s, "# 2026-01-01T00:00:00Z"));
        }
        SysfsTree t = new SysfsReader(Problems.collecting()).read(file.toString());
        assertEquals(List.of(":0000064", "kmem_cache"), t.caches().stream().map(SysfsCache::name).toList());
        SysfsCache c = t.find("kmalloc-64");
        assertNotNull(c);
        assertEquals(64, c.objectSize());
        assertEquals(9000, c.objects());
        assertEquals(120, c.cpuPartial());
        assertEquals(List.of("kmalloc-64"), c.aliasNames());
        assertEquals(208, t.find("kmem_cache").objectSize(), "the second gzip member (the fixed attributes) is read too");
    }

    @Test
    void theLiveTreeIsDumpedWholeAndAPositionalReadAtZeroIsFresh() throws Exception {
        Path minPartial = LIVE.resolve("kmem_cache/min_partial");
        assumeTrue(Files.isWritable(minPartial) && "root".equals(System.getProperty("user.name")), "needs root and SLUB's sysfs");
        String was = Files.readString(minPartial).strip();
        try (SysfsSampler s = new SysfsSampler(LIVE)) {
            byte[] d = dump(s, "# live");
            Map<String, String> v = values(text(d));
            assertEquals(was, v.get("kmem_cache/min_partial"));
            assertTrue(s.kept() > 0);
            // root tunes the cache between two ticks (min_partial only bounds the empty slabs a node keeps, and is put back):
            // the kept descriptor, read again at offset 0, shows the new value, then the old one once restored
            int changed = Integer.parseInt(was) + 1;
            try {
                Files.writeString(minPartial, changed + "\n");
                assertEquals(String.valueOf(changed), until(s, "kmem_cache/min_partial", String.valueOf(changed)).get("kmem_cache/min_partial"));
            } finally {
                Files.writeString(minPartial, was + "\n");
            }
            assertEquals(was, until(s, "kmem_cache/min_partial", was).get("kmem_cache/min_partial"));

            Path file = dir.resolve("live.txt.gz");
            Files.write(file, d);
            SysfsTree t = new SysfsReader(Problems.collecting()).read(file.toString());
            long dirs;
            try (var entries = Files.list(LIVE)) {
                dirs = entries.filter(p -> !Files.isSymbolicLink(p) && Files.isDirectory(p)).count();
            }
            assertTrue(Math.abs(t.caches().size() - dirs) <= 2, t.caches().size() + " caches dumped of " + dirs + " (a module may come or go)");
            for (SysfsCache c : t.caches()) {
                assertTrue(c.objectSize() > 0 && c.has("objects") && c.has("min_partial"), c.name() + " " + c.attributes().keySet());
            }
            assertNull(t.find("kmem_cache").attributes().get("shrink"));
        }
    }
}
