package io.slabtrace.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiffCommandTest {
    static final String STORM = TopCommandTest.STORM;

    @TempDir
    Path dir;

    @Test
    void firstAndLastOfASeriesDentryShrinks() throws Exception {
        Run r = Run.of("diff", "--format", "json", STORM);
        assertEquals(0, r.status(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        JsonNode first = doc.get("caches").get(0);
        assertEquals("ext4_inode_cache", first.get("name").asText());
        JsonNode dentry = TopCommandTest.find(doc.get("caches"), "dentry");
        assertTrue(dentry.get("memory_bytes_delta").asLong() < -40L * 1024 * 1024);
        assertTrue(dentry.has("active_objs_delta") && dentry.has("num_objs_delta") && dentry.has("num_slabs_delta")
                && dentry.has("utilization_before") && dentry.has("utilization_after"));
    }

    @Test
    void fromAndToSelectTheReclaim() throws Exception {
        // events.txt: echo 2 > drop_caches at 12:50:32.47, done at 12:50:33.27; nothing of the kind before
        Run quiet = Run.of("diff", "--format", "json", "--from", "2026-11-25T12:50:19Z", "--to", "2026-11-25T12:50:24Z", STORM);
        JsonNode before = TopCommandTest.find(new ObjectMapper().readTree(quiet.out()).get("caches"), "dentry");
        assertTrue(Math.abs(before.get("num_objs_delta").asLong()) < 1000, before.toString());
        Run r = Run.of("diff", "--format", "json", "--from", "1795611031", "--to", "Wed Nov 25 12:50:36 UTC 2026", STORM);
        JsonNode dentry = TopCommandTest.find(new ObjectMapper().readTree(r.out()).get("caches"), "dentry");
        assertTrue(dentry.get("num_objs_delta").asLong() < -200_000, dentry.toString());
    }

    @Test
    void twoFilesWithNewAndGoneCaches() throws Exception {
        Path a = dir.resolve("a"), b = dir.resolve("b");
        String head = "slabinfo - version: 2.1\n";
        Files.writeString(a, head + "dentry 21 21 192 21 1 : tunables 0 0 0 : slabdata 1 1 0\nold 64 64 64 64 1 : tunables 0 0 0 : slabdata 1 1 0\n");
        Files.writeString(b, head + "dentry 42 42 192 21 1 : tunables 0 0 0 : slabdata 2 2 0\nnew 64 64 64 64 1 : tunables 0 0 0 : slabdata 1 1 0\n");
        JsonNode caches = new ObjectMapper().readTree(Run.of("diff", "--format", "json", a.toString(), b.toString()).out()).get("caches");
        assertEquals("new", TopCommandTest.find(caches, "new").get("status").asText());
        assertEquals("gone", TopCommandTest.find(caches, "old").get("status").asText());
        assertTrue(!TopCommandTest.find(caches, "dentry").has("status"));
        assertEquals(4096, TopCommandTest.find(caches, "dentry").get("memory_bytes_delta").asLong());
    }

    @Test
    void oneSnapshotIsNotAComparison() {
        Run r = Run.of("diff", TopCommandTest.AFTER);
        assertEquals(1, r.status());
        assertTrue(r.err().contains("only one snapshot"), r.err());
    }

    @Test
    void unparseableTimeIsAUsageError() {
        Run r = Run.of("diff", "--from", "yesterday", STORM);
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--from yesterday: expected a time"), r.err());
    }
}
