package io.slabtrace.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ExplainCommandTest {
    static final String SLUB_SEED = Run.sample("lab/debian-6.1.0-56-slub/seed");
    static final String SLAB_SEED = Run.sample("lab/custom-6.1.192-slab/seed");
    static final String DEBUG_SEED = Run.sample("lab/custom-6.1.192-slab-debug/seed");

    @TempDir
    Path dir;

    static JsonNode entry(String... args) throws Exception {
        Run r = Run.of(args);
        assertEquals(0, r.status(), r.err());
        JsonNode list = new ObjectMapper().readTree(r.out());
        assertEquals(1, list.size());
        return list.get(0);
    }

    @Test
    void seedCacheFromItsSlubCaptureComputedEqualsObserved() throws Exception {
        JsonNode e = entry("explain", "slab_test_cache", "--from", SLUB_SEED + "/sysfs-test-cache.txt", "--format", "json");
        assertEquals(64, e.get("computed").get("slot_size").asInt());
        assertEquals(64, e.get("computed").get("objperslab").asInt());
        assertEquals(0, e.get("computed").get("order").asInt());
        assertEquals(1, e.get("computed").get("pagesperslab").asInt());
        assertEquals(e.get("computed"), e.get("observed"));
        assertTrue(e.get("match").asBoolean());
        assertEquals("my_ctor+0x0/0x2a [slab_test]", e.get("ctor").asText());
        assertEquals(64, e.get("layout").get("ctor_calls_per_new_slab").asInt());
        Run text = Run.of("explain", "slab_test_cache", "--from", SLUB_SEED + "/sysfs-test-cache.txt");
        assertTrue(text.out().contains("64 calls each time the cache grows by one slab"), text.out());
    }

    @Test
    void seedCacheFromTheSlabCaptureNeedsItsParametersAndThenMatches() throws Exception {
        JsonNode bare = entry("explain", "slab_test_cache", "--from", SLAB_SEED + "/slabinfo.after", "--format", "json");
        assertTrue(bare.get("computed").isNull());
        assertTrue(bare.get("match").isNull());
        assertEquals(63, bare.get("observed").get("objperslab").asInt());
        assertEquals("object_size_unknown", bare.get("inferences").get(0).asText());
        JsonNode given = entry("explain", "slab_test_cache", "--from", SLAB_SEED + "/slabinfo.after",
                "--size", "40", "--flags", "HWCACHE_ALIGN", "--ctor", "--format", "json");
        assertEquals("slab", given.get("allocator").asText());
        assertTrue(given.get("match").asBoolean());
        assertEquals(63, given.get("layout").get("ctor_calls_per_new_slab").asInt());
        // the debug-SLAB kernel: statistics columns say CONFIG_DEBUG_SLAB, so the ctor runs per allocation
        JsonNode debug = entry("explain", "slab_test_cache", "--from", DEBUG_SEED + "/slabinfo.after",
                "--size", "40", "--flags", "HWCACHE_ALIGN", "--ctor", "--format", "json");
        assertTrue(debug.get("match").asBoolean());
        assertTrue(debug.get("layout").get("ctor_per_allocation").asBoolean());
    }

    @Test
    void kmallocCachesOfASlabCaptureAreComputedFromTheirNames() throws Exception {
        JsonNode e = entry("explain", "kmalloc-96", "--from", SLAB_SEED + "/slabinfo.after", "--format", "json");
        assertEquals(128, e.get("computed").get("slot_size").asInt());
        assertTrue(e.get("match").asBoolean(), e.toString());
    }

    @Test
    void aliasIsResolvedToItsMergedCache() throws Exception {
        JsonNode e = entry("explain", "Acpi-Namespace", "--from", SLUB_SEED + "/sysfs-all.txt", "--format", "json");
        assertEquals(":0000048", e.get("name").asText());
        assertEquals("Acpi-Namespace", e.get("asked").asText());
        assertTrue(e.get("match").asBoolean());
        Run text = Run.of("explain", "Acpi-Namespace", "--from", SLUB_SEED + "/sysfs-all.txt");
        assertTrue(text.out().contains("Acpi-Namespace is not a cache of its own: it was merged into :0000048"), text.out());
    }

    @Test
    void everyCacheOfTheLiveHostIsExplainedAndMatches() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/sys/kernel/slab")), "needs a Linux host with SLUB sysfs");
        Run r = Run.of("explain", "--all", "--format", "json");
        assertEquals(0, r.status(), r.err());
        JsonNode all = new ObjectMapper().readTree(r.out());
        assertTrue(all.size() > 50);
        for (JsonNode e : all) assertTrue(e.get("match").asBoolean(), e.get("name").asText());
        Run text = Run.of("explain", "--all", "--lang", "zh");
        assertEquals(0, text.status(), text.err());
        assertTrue(text.out().contains("只根据创建参数，模型算出的布局与内核一致"));
    }

    @Test
    void unknownCacheAndBadDumpsAreOneLineErrors() throws Exception {
        Run r = Run.of("explain", "slab_test", "--from", SLUB_SEED + "/sysfs-test-cache.txt");
        assertEquals(1, r.status());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("no cache named 'slab_test'") && r.err().contains("did you mean slab_test_cache"), r.err());
        Path bad = dir.resolve("bad.txt");
        Files.writeString(bad, "/sys/kernel/slab/x/object_size:40\n");
        Path empty = Files.createFile(dir.resolve("empty"));
        Run e = Run.of("explain", "x", "--from", empty.toString());
        assertEquals(1, e.status());
        assertFalse(e.err().contains("Exception"), e.err());
    }
}
