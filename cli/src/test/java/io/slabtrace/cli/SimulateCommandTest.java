package io.slabtrace.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulateCommandTest {
    static final String SEED = Run.sample("scenarios/seed.scn");

    @TempDir
    Path dir;

    @Test
    void jsonSnapshotsCarryTheKernelsFieldsAndCumulativeCounts() throws Exception {
        Run r = Run.of("simulate", SEED, "--allocator", "slab", "--kernel", "6.1", "--cpus", "2", "--format", "json");
        assertEquals(0, r.status(), r.err());
        JsonNode snap = new ObjectMapper().readTree(r.out()).get("snapshots").get(0);
        assertEquals("after-insmod", snap.get("label").asText());
        JsonNode c = snap.get("caches").get(0);
        for (String f : List.of("name", "active_objs", "num_objs", "objsize", "objperslab", "pagesperslab", "limit", "batchcount",
                "sharedfactor", "active_slabs", "num_slabs", "sharedavail", "ctor_calls", "slabs_grown", "slabs_freed")) {
            assertTrue(c.has(f), f);
        }
        assertEquals(16, c.get("active_objs").asInt());
        assertEquals(63, c.get("ctor_calls").asInt());
        assertEquals(1, c.get("slabs_grown").asInt());
    }

    @Test
    void textShowsTheSlabinfoLineAndWhatHappened() {
        Run r = Run.of("simulate", SEED, "--cpus", "2", "--kernel", "6.18");
        assertTrue(r.out().contains("slab_test_cache       64     64     64   64    1 : tunables    0    0    0 : slabdata      1      1      0"), r.out());
        assertTrue(r.out().contains("64 constructor call(s)"), r.out());
        assertTrue(r.out().contains("slab_test_cache: destroyed"));
        Run zh = Run.of("simulate", SEED, "--cpus", "2", "--lang", "zh");
        assertTrue(zh.out().contains("构造函数调用 64 次"), zh.out());
    }

    @Test
    void everyShippedScenarioRunsOnBothAllocators() throws Exception {
        List<Path> scenarios;
        try (Stream<Path> s = Files.list(Path.of(Run.sample("scenarios")))) {
            scenarios = s.filter(p -> p.toString().endsWith(".scn")).toList();
        }
        assertTrue(scenarios.size() >= 4);
        for (Path p : scenarios) {
            for (String a : List.of("slub", "slab")) {
                for (String nodes : List.of("1", "2")) {
                    Run r = Run.of("simulate", p.toString(), "--allocator", a, "--kernel", a.equals("slab") ? "6.1" : "6.18",
                            "--cpus", "2", "--nodes", nodes, "--format", "json");
                    assertEquals(0, r.status(), p + " " + a + ": " + r.err());
                    assertTrue(new ObjectMapper().readTree(r.out()).get("snapshots").size() >= 2);
                }
            }
        }
    }

    @Test
    void malformedScenarioNamesFileAndLine() throws Exception {
        Path bad = dir.resolve("bad.scn");
        Files.writeString(bad, "cache c size=64\nalloc 10\nfree sometimes\n");
        Run r = Run.of("simulate", bad.toString());
        assertEquals(1, r.status());
        assertEquals(bad + ":3: expected free every N | first N | last N | all | #A..#B | random P% [seed S], found 'free sometimes'", r.err().strip().replace("slabtrace: ", ""));
        Files.writeString(bad, "cache c size=64\ncpu 7\nalloc 1\n");
        Run cpu = Run.of("simulate", bad.toString(), "--cpus", "2");
        assertEquals(1, cpu.status());
        assertTrue(cpu.err().contains(bad + ":2: cpu 7, but the machine has 2 CPUs"), cpu.err());
    }

    @Test
    void destroyingAFullCacheWarns() throws Exception {
        Path leak = dir.resolve("leak.scn");
        Files.writeString(leak, "cache c size=64\nalloc 10\nfree first 3\ndestroy\nsnapshot end\n");
        Run r = Run.of("simulate", leak.toString());
        assertEquals(0, r.status());
        assertTrue(r.err().contains("with 7 objects still allocated"), r.err());
    }
}
