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

    static final String KASAN = Run.sample("public/kernel-reports/kasan/syzbot-lg4ff-oob-right-kmalloc192-5.3-flowed.log");
    static final String LEAKS = Run.sample("public/kernel-reports/kmemleak/syzbot-drm_mode_atomic_ioctl-x4-crc-6.18.log");
    static final String OOM = Run.sample("public/kernel-reports/oom/arm64-kmemleak-object-panic-5.4-flowed.log");

    @Test
    void kasanReportIsOneFindingWithItsFieldsPlacedInTheSlot() throws Exception {
        Run r = Run.of("dmesg", KASAN, "--format", "json");
        assertEquals(0, r.status(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(1, j.get("findings").size());
        JsonNode f = j.get("findings").get(0);
        assertEquals("out_of_bounds", f.get("kind").asText());
        assertEquals("kasan", f.get("detector").asText());
        assertEquals("kmalloc-192", f.get("cache").asText());
        assertEquals(192, f.get("object_size").asInt());
        assertEquals(192, f.get("offset").asInt());
        assertEquals("write", f.get("access").asText());
        assertEquals(8, f.get("access_size").asInt());
        assertEquals("lg4ff_init", f.get("function").asText());
        assertEquals("next_object", f.get("place").get("place").asText());
        assertEquals(129, f.get("kmalloc_requests").get(0).asInt());
        assertTrue(f.get("explanation").asText().contains("kmalloc-192 serves kmalloc requests of 129 to 192 bytes"), f.toString());
        assertEquals(false, j.get("time_assumed").asBoolean());
        assertEquals(ExitCodes.FINDINGS, Run.of("dmesg", KASAN, "--fail-on-findings").status());
    }

    @Test
    void textIsTheDocumentedFormatAndSpeaksChinese() {
        Run text = Run.of("dmesg", LEAKS, "--format", "text");
        assertEquals(0, text.status(), text.err());
        assertTrue(text.out().contains("4 object(s) of 128 bytes (512 bytes in all) unreferenced, allocated by create_vblank_event."), text.out());
        assertTrue(text.out().contains("kmalloc puts that size in kmalloc-128."), text.out());
        Run zh = Run.of("dmesg", OOM, "--lang", "zh");
        assertTrue(zh.out().contains("仅 kmemleak_object 就占 88%：一个缓存占主导。"), zh.out());
        Run csv = Run.of("dmesg", KASAN, "--format", "csv");
        assertTrue(csv.out().startsWith("line,time,kind,detector,cache,object_size,offset"), csv.out());
        assertTrue(csv.out().contains("out_of_bounds,kasan,kmalloc-192,192,192,write,8"), csv.out());
    }

    @Test
    void assumedYearsAreSaid(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path log = dir.resolve("syslog");
        java.nio.file.Files.writeString(log, "Nov 25 12:31:01 host kernel: [  180.1] BUG: KFENCE: use-after-free read in f+0x1/0x2\n"
                + "Nov 25 12:31:01 host kernel: [  180.1] Use-after-free read at 0xffff888000001008 (in kfence-#3):\n"
                + "Nov 25 12:31:01 host kernel: [  180.1] kfence-#3: 0xffff888000001000-0xffff88800000101f, size=32, cache=kmalloc-32\n");
        JsonNode j = new ObjectMapper().readTree(Run.of("dmesg", log.toString(), "--format", "json").out());
        assertEquals(true, j.get("time_assumed").asBoolean());
        assertTrue(j.get("warnings").get(0).asText().contains("year"), j.toString());
        assertEquals(8, j.get("findings").get(0).get("offset").asInt());
    }
}
