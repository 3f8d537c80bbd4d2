package io.slabtrace.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TopCommandTest {
    static final String AFTER = Run.sample("live-6.18/slabinfo.after");
    static final String STORM = Run.sample("live-6.18/dentry-storm/slabinfo-loop.log");

    @TempDir
    Path dir;

    @Test
    void tzReadsAZoneThoughPicocliSkipsItsOtherTimeConverters() throws Exception {
        // Cli keeps picocli from loading its java.time converters for speed; --tz's ZoneId must still convert
        Path series = dir.resolve("tz.log");
        Files.writeString(series, "2026-11-30 10:00:00\n" + Files.readString(Path.of(AFTER)));
        Run r = Run.of("top", "--format", "json", "--tz", "Asia/Tokyo", series.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals("2026-11-30T01:00:00Z", new ObjectMapper().readTree(r.out()).get("summary").get("timestamp").asText());
        Run bad = Run.of("top", "--tz", "Nowhere/City", series.toString());
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("Unknown time-zone ID: Nowhere/City"), bad.err());
    }

    @Test
    void jsonHasTheDocumentedSummaryAndDecompositionAddsUp() throws Exception {
        Run r = Run.of("top", "--format", "json", AFTER);
        assertEquals(0, r.status(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        JsonNode s = doc.get("summary");
        for (String f : List.of("caches", "active_objs", "num_objs", "active_slabs", "num_slabs", "memory_bytes", "waste_bytes", "snapshots", "skipped_lines")) {
            assertTrue(s.has(f), f);
        }
        assertEquals(235, s.get("caches").asInt());
        assertEquals("slub", s.get("allocator").asText());
        assertTrue(s.get("active_is_upper_bound").asBoolean());
        JsonNode caches = doc.get("caches");
        assertEquals(235, caches.size());
        long memory = 0;
        for (JsonNode c : caches) {
            assertEquals(c.get("memory_bytes").asLong(),
                    c.get("used_bytes").asLong() + c.get("free_slot_bytes").asLong() + c.get("slab_tail_bytes").asLong(), c.get("name").asText());
            memory += c.get("memory_bytes").asLong();
        }
        assertEquals(s.get("memory_bytes").asLong(), memory);
        assertEquals("ext4_inode_cache", caches.get(0).get("name").asText());
        assertEquals(7934L * 4 * 4096, caches.get(0).get("memory_bytes").asLong());
    }

    @Test
    void memoryIsUsedPlusWasteOnEveryRowOfAPeersFixtureWithAnInconsistentRow() throws Exception {
        // telegraf's plugins/inputs/slab/testdata/slabinfo: kmalloc-1024 has 7329 slabs x 32 = 234528 slots but num_objs 234304
        Run r = Run.of("top", "--format", "json", Run.sample("public/slabinfo/telegraf-slab-plugin-slub.txt"));
        assertEquals(0, r.status(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        int inconsistent = 0;
        for (JsonNode c : doc.get("caches")) {
            String name = c.get("name").asText();
            assertEquals(c.get("memory_bytes").asLong(), c.get("used_bytes").asLong() + c.get("waste_bytes").asLong(), name);
            assertEquals(c.get("waste_bytes").asLong(), c.get("free_slot_bytes").asLong() + c.get("slab_tail_bytes").asLong()
                    + c.get("unaccounted_bytes").asLong(), name);
            if (!c.get("counts_consistent").asBoolean()) inconsistent++;
            else assertEquals(0, c.get("unaccounted_bytes").asLong(), name);
        }
        assertEquals(1, inconsistent);
        JsonNode k = find(doc.get("caches"), "kmalloc-1024");
        assertEquals(229_376, k.get("unaccounted_bytes").asLong());
        assertEquals(7329L * 8 * 4096 - 155845L * 1024, k.get("waste_bytes").asLong());
        JsonNode s = doc.get("summary");
        assertEquals(s.get("memory_bytes").asLong(), s.get("used_bytes").asLong() + s.get("waste_bytes").asLong());
        assertEquals(229_376, s.get("unaccounted_bytes").asLong());
    }

    @Test
    void csvCellsThatASpreadsheetWouldRunAreNeutralised() throws Exception {
        Path f = dir.resolve("names.txt");
        Files.writeString(f, "slabinfo - version: 2.1\n"
                + "=HYPERLINK(1)  10 64 64 64 1 : tunables 0 0 0 : slabdata 1 1 0\n"
                + "@sum  10 64 64 64 1 : tunables 0 0 0 : slabdata 1 1 0\n"
                + "-dash  10 64 64 64 1 : tunables 0 0 0 : slabdata 1 1 0\n"
                + "+plus  10 64 64 64 1 : tunables 0 0 0 : slabdata 1 1 0\n"
                + "dentry  10 64 64 64 1 : tunables 0 0 0 : slabdata 1 1 0\n");
        Run r = Run.of("top", "--format", "csv", "--sort", "name", f.toString());
        assertEquals(0, r.status(), r.err());
        List<String> names = r.out().lines().skip(1).map(l -> l.substring(0, l.indexOf(",4096,") < 0 ? l.length() : l.lastIndexOf(",10,64,64,64,"))).toList();
        assertEquals(List.of("\"'+plus\"", "\"'-dash\"", "\"'=HYPERLINK(1)\"", "\"'@sum\"", "dentry"), names);
        Run diff = Run.of("diff", "--format", "csv", f.toString(), f.toString());
        assertEquals(0, diff.status(), diff.err());
        assertFalse(diff.out().contains(",=") || diff.out().contains("\n="), diff.out());
        Run json = Run.of("top", "--format", "json", f.toString()); // JSON is data, not a spreadsheet: names as the kernel printed them
        assertTrue(json.out().contains("\"name\" : \"=HYPERLINK(1)\""), json.out());
    }

    @Test
    void csvHeaderIsTheDocumentedInterface() {
        Run r = Run.of("top", "--format", "csv", "--sort", "name", "--limit", "2", AFTER);
        String[] lines = r.out().split("\n");
        assertEquals("name,active_objs,num_objs,objsize,objperslab,pagesperslab,limit,batchcount,sharedfactor,active_slabs,num_slabs,sharedavail,"
                + "memory_bytes,used_bytes,free_slot_bytes,slab_tail_bytes,waste_bytes,utilization,peak_memory_bytes,peak_at,peak_snapshot,counts_consistent,unaccounted_bytes", lines[0]);
        assertEquals(3, lines.length);
        assertTrue(lines[1].startsWith("PING,") || lines[1].compareTo(lines[2]) < 0, r.out());
    }

    @Test
    void seriesReportsPeakAndWhen() throws Exception {
        Run r = Run.of("top", "--format", "json", STORM);
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals(40, doc.get("summary").get("snapshots").asInt());
        JsonNode dentry = find(doc.get("caches"), "dentry");
        assertTrue(dentry.get("peak_memory_bytes").asLong() > 40 * dentry.get("memory_bytes").asLong());
        assertTrue(dentry.get("peak_at").asText().startsWith("2026-11-25T12:50:"));
    }

    @Test
    void sortKeysOrderRows() throws Exception {
        for (String key : List.of("name", "active", "objs", "objsize", "slabs", "memory", "waste", "util")) {
            Run r = Run.of("top", "--format", "json", "--sort", key, AFTER);
            JsonNode caches = new ObjectMapper().readTree(r.out()).get("caches");
            List<String> order = new ArrayList<>();
            caches.forEach(c -> order.add(c.get("name").asText()));
            assertEquals(235, order.size(), key);
            if (key.equals("objsize")) assertTrue(caches.get(0).get("objsize").asLong() >= caches.get(1).get("objsize").asLong());
            if (key.equals("util")) assertTrue(caches.get(0).get("utilization").asDouble() <= caches.get(234).get("utilization").asDouble());
        }
    }

    @Test
    void tableMarksSlubUpperBounds() {
        Run r = Run.of("top", "--limit", "3", AFTER);
        assertTrue(r.out().contains("ACTIVE*"), r.out());
        assertTrue(r.out().contains("upper bounds"));
        Run slab = Run.of("top", "--limit", "3", Run.sample("lab/custom-6.1.192-slab/seed/slabinfo.after"));
        assertFalse(slab.out().contains("ACTIVE*"), slab.out());
        assertTrue(slab.out().contains("SLAB"));
    }

    @Test
    void skippedLinesWarnAndStrictFails() {
        String damaged = Run.sample("public/slabinfo/lkml-2024-6.10.3-parisc64-qemu-slub-debug-kmalloc-cg-pageptl.txt");
        Run r = Run.of("top", "--limit", "1", damaged);
        assertEquals(0, r.status());
        assertTrue(r.err().contains(damaged + ":200: expected a cache line"), r.err());
        assertTrue(r.err().contains("1 input line was skipped"), r.err());
        Run strict = Run.of("top", "--strict", damaged);
        assertEquals(1, strict.status());
        assertTrue(strict.err().contains("--strict makes that an error"));
    }

    @Test
    void unusableInputsGiveOneLineAndStatus1() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty"));
        Path bin = dir.resolve("bin");
        Files.write(bin, new byte[] {1, 2, 0, 3});
        for (String input : List.of(empty.toString(), bin.toString(), dir.resolve("missing").toString())) {
            Run r = Run.of("top", input);
            assertEquals(1, r.status(), input);
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("slabtrace: " + input + ": "), r.err());
            assertFalse(r.err().contains("Exception"));
        }
    }

    @Test
    void badOptionIsAUsageError() {
        Run r = Run.of("top", "--sort", "colour", AFTER);
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--sort"), r.err());
        assertEquals(2, Run.of("top", "--page-size", "1000", AFTER).status());
    }

    static JsonNode find(JsonNode caches, String name) {
        for (JsonNode c : caches) if (c.get("name").asText().equals(name)) return c;
        throw new AssertionError(name);
    }
}
