package io.slabtrace.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slabtrace.cli.error.ExitCodes;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DmesgCommandTest {
    static final String SEED = Run.sample("lab/debian-6.1.0-56-slub/seed/dmesg.after-rmmod.txt");
    static final String UAF = Run.sample("public/dmesg/slub-debug-5.11-rc4-qemu-kmalloc32-poison-overwritten-uaf.txt");

    @Test
    void jsonHasTheDocumentedShape() throws Exception {
        Run r = Run.of("dmesg", SEED, "--flags", "HWCACHE_ALIGN", "--format", "json");
        assertEquals(0, r.status(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        JsonNode c = j.get("caches").get(0);
        for (String f : List.of("name", "object_size", "align", "ctor_calls", "allocations", "frees", "grows", "predicted_objperslab", "live_at_end")) {
            assertTrue(c.has(f), f);
        }
        assertEquals("slab_test_cache", c.get("name").asText());
        assertEquals(64, c.get("ctor_calls").asInt());
        assertEquals(64, c.get("grows").get(0).get("ctor_calls").asInt());
        assertEquals(64, c.get("predicted_objperslab").get("slub").asInt());
        assertEquals(63, c.get("predicted_objperslab").get("slab").asInt());
        assertEquals(0, c.get("live_at_end").asInt());
        assertEquals(0, j.get("findings").size());
        assertTrue(j.get("explanation").asText().contains("SLUB predicts 64; classic SLAB would give 63"), j.get("explanation").asText());
    }

    @Test
    void kernelReportsAreFindingsWithTheirLines() throws Exception {
        Run r = Run.of("dmesg", UAF, "--format", "json");
        assertEquals(0, r.status());
        JsonNode f = new ObjectMapper().readTree(r.out()).get("findings").get(0);
        assertEquals("poison_overwritten", f.get("kind").asText());
        assertEquals("kmalloc-32", f.get("cache").asText());
        assertTrue(f.get("lines").size() > 10);
        assertTrue(f.get("message").asText().startsWith("Poison overwritten"), f.toString());
        assertEquals(ExitCodes.FINDINGS, Run.of("dmesg", UAF, "--fail-on-findings").status());
        assertEquals(0, Run.of("dmesg", SEED, "--flags", "HWCACHE_ALIGN", "--fail-on-findings").status());
    }

    @Test
    void textAndCsvAndChinese() {
        Run text = Run.of("dmesg", SEED);
        assertTrue(text.out().contains("slab grow #1     64 constructor calls"), text.out());
        assertTrue(text.out().contains("With SLAB_HWCACHE_ALIGN the model gives 64"), text.out());
        Run csv = Run.of("dmesg", SEED, "--format", "csv");
        assertTrue(csv.out().startsWith("time,line,cache,event,detail"), csv.out());
        Run zh = Run.of("dmesg", SEED, "--flags", "HWCACHE_ALIGN", "--lang", "zh");
        assertTrue(zh.out().contains("SLUB 预测 64；经典 SLAB 会是 63"), zh.out());
    }

    @Test
    void badPatternAndUnknownCache() {
        Run r = Run.of("dmesg", SEED, "--ctor-pattern", "ctor (\\w+)");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("named group (?<ptr>"), r.err());
        Run c = Run.of("dmesg", SEED, "--cache", "nope");
        assertEquals(1, c.status());
        assertTrue(c.err().contains("caches seen: slab_test_cache"), c.err());
    }

    @Test
    void customPatternsCoverOtherModules() throws Exception {
        Run r = Run.of("dmesg", Run.sample("public/dmesg/lkml-2014-3.16-slub-ctor-init_once-test_cache-new_slab-debug.txt"),
                "--ctor-pattern", "init_once: \\[\\d+\\](?<ptr>[0-9a-f]{16}) is created", "--format", "json");
        JsonNode c = new ObjectMapper().readTree(r.out()).get("caches").get(0);
        assertEquals(26, c.get("ctor_calls").asInt());
    }
}
