package io.slabtrace.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LayoutCommandTest {
    static final String[] SEED = {"layout", "--size", "40", "--align", "8", "--flags", "HWCACHE_ALIGN", "--ctor", "--cpus", "2"};

    static JsonNode json(String... args) throws Exception {
        Run r = Run.of(args);
        assertEquals(0, r.status(), r.err());
        return new ObjectMapper().readTree(r.out());
    }

    static String[] with(String[] base, String... more) {
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void seedOnSlubAnswers64() throws Exception {
        JsonNode j = json(with(SEED, "--format", "json"));
        for (String f : List.of("allocator", "object_size", "align", "slot_size", "order", "pagesperslab", "objperslab",
                "leftover_bytes", "freepointer_offset", "ctor_calls_per_new_slab")) assertTrue(j.has(f), f);
        assertEquals("slub", j.get("allocator").asText());
        assertEquals(64, j.get("slot_size").asInt());
        assertEquals(64, j.get("objperslab").asInt());
        assertEquals(0, j.get("order").asInt());
        assertEquals(1, j.get("pagesperslab").asInt());
        assertEquals(40, j.get("freepointer_offset").asInt());
        assertEquals(64, j.get("ctor_calls_per_new_slab").asInt());
        assertEquals("calculate_alignment", j.get("steps").get(0).get("kernel_function").asText());
    }

    @Test
    void seedOnClassicSlabAnswers63AndOnDebugSlabOne() throws Exception {
        JsonNode slab = json(with(SEED, "--allocator", "slab", "--format", "json"));
        assertEquals(63, slab.get("objperslab").asInt());
        assertEquals(63, slab.get("ctor_calls_per_new_slab").asInt());
        assertEquals("on_slab", slab.get("freelist").asText());
        assertTrue(slab.get("freepointer_offset").isNull());
        JsonNode debug = json(with(SEED, "--allocator", "slab", "--debug-slab", "--format", "json"));
        assertEquals(63, debug.get("objperslab").asInt());
        assertEquals(0, debug.get("ctor_calls_per_new_slab").asInt());
        assertTrue(debug.get("ctor_per_allocation").asBoolean());
        JsonNode slubDebug = json("layout", "--size", "40", "--flags", "HWCACHE_ALIGN,F,Z,P,U", "--ctor", "--cpus", "2", "--format", "json");
        assertEquals(21, slubDebug.get("ctor_calls_per_new_slab").asInt());
    }

    @Test
    void textExplainsWhyInBothLanguages() {
        Run en = Run.of(SEED);
        assertTrue(en.out().contains("so it runs 64 times"), en.out());
        assertTrue(en.out().contains("[calculate_alignment]"));
        Run zh = Run.of(with(SEED, "--allocator", "slab", "--lang", "zh"));
        assertTrue(zh.out().contains("所以它被调用 63 次"), zh.out());
        assertTrue(zh.out().contains("空闲对象索引数组占用 slab 最后 63 字节"), zh.out());
    }

    @Test
    void droppingHwcacheAlignSavesAQuarter() throws Exception {
        JsonNode c = json(with(SEED, "--compare-flags", "", "--format", "json")).get("comparison");
        assertEquals(48, c.get("slot_size").asInt());
        assertEquals(85, c.get("objperslab").asInt());
        assertEquals(12, c.get("slabs").asInt());
        assertEquals(16, c.get("baseline_slabs").asInt());
        assertEquals(4 * 4096, c.get("saved_bytes").asInt());
        assertTrue(Run.of(with(SEED, "--compare-flags", "")).out().contains("saving 16.0 KiB"));
    }

    @Test
    void badParametersAreUsageErrors() {
        Run r = Run.of("layout", "--size", "40", "--flags", "HWCACHE,SPARKLY");
        assertEquals(2, r.status());
        assertTrue(r.err().startsWith("slabtrace: --flags: unknown slab flag 'SPARKLY'"), r.err());
        assertEquals(2, Run.of("layout", "--size", "40", "--align", "3").status());
        assertEquals(2, Run.of("layout", "--size", "40", "--allocator", "slab", "--kernel", "6.18").status());
    }
}
