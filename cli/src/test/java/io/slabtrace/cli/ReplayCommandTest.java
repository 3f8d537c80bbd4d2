package io.slabtrace.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplayCommandTest {
    static final String LAB = Run.sample("lab/custom-6.1.192-slab/lab-200-hw-ctor-n500-every-other");

    @Test
    void jsonHasTraceCachesFindingsAndCallSites() throws Exception {
        Run r = Run.of("replay", LAB + "/kmem-trace.txt", "--before", LAB + "/slabinfo.before", "--after", LAB + "/slabinfo.after",
                "--cpus", "2", "--format", "json");
        assertEquals(0, r.status(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        for (String f : List.of("events", "lost_events", "skipped_lines")) assertTrue(j.get("trace").has(f), f);
        JsonNode lab = null;
        for (JsonNode c : j.get("caches")) if (c.get("name").asText().equals("lab_200_hw_ctor")) lab = c;
        assertEquals(500, lab.get("allocs").asInt());
        assertEquals(512, lab.get("predicted").get("active_objs").asInt());
        assertEquals(180, lab.get("observed").get("sharedavail").asInt());
        assertTrue(j.has("findings") && j.has("call_sites"));
        JsonNode model = lab.get("model");
        assertEquals(32, model.get("slabs_grown").asInt());
        assertEquals(512, model.get("objects_set_up").asInt(), "dmesg.txt of this capture counts 512 constructor calls");
        assertEquals(500, model.get("per_cpu").findValues("allocs").stream().mapToInt(JsonNode::asInt).sum());
        assertTrue(!model.has("timeline"), "counters over time only for one cache");
    }

    @Test
    void oneCacheInJsonHasItsCountersOverTheTrace() throws Exception {
        Run r = Run.of("replay", LAB + "/kmem-trace.txt", "--before", LAB + "/slabinfo.before", "--after", LAB + "/slabinfo.after",
                "--cpus", "2", "--format", "json", "--cache", "lab_200_hw_ctor");
        assertEquals(0, r.status(), r.err());
        JsonNode timeline = new ObjectMapper().readTree(r.out()).get("caches").get(0).get("model").get("timeline");
        JsonNode last = timeline.get(timeline.size() - 1);
        assertEquals(250, last.get("live").asInt());
        assertEquals(32, last.get("slabs").asInt());
        assertTrue(last.get("time").asDouble() > 0);
    }

    @Test
    void csvCarriesTheModelsSlabsAndSetUpObjects() {
        Run r = Run.of("replay", LAB + "/kmem-trace.txt", "--before", LAB + "/slabinfo.before", "--after", LAB + "/slabinfo.after",
                "--cpus", "2", "--format", "csv");
        assertEquals(0, r.status(), r.err());
        String[] lines = r.out().split("\\R");
        assertTrue(lines[0].endsWith(",slabs_grown,slabs_freed,objects_set_up,ctor_calls,live_objects,live_bytes"), lines[0]);
        String lab = java.util.Arrays.stream(lines).filter(l -> l.startsWith("lab_200_hw_ctor,")).findFirst().orElseThrow();
        assertTrue(lab.endsWith(",32,0,512,,250,64000"), lab + " (ctor_calls is empty: without --sysfs it is unknown whether there is a constructor;"
                + " every other one of the 500 objects is freed, so 250 of 256 bytes each are still held)");
        Run one = Run.of("replay", LAB + "/kmem-trace.txt", "--before", LAB + "/slabinfo.before", "--after", LAB + "/slabinfo.after",
                "--cpus", "2", "--format", "csv", "--cache", "lab_200_hw_ctor");
        assertEquals(List.of(lines[0], lab), List.of(one.out().split("\\R")), "--cache focuses the CSV too");
    }

    @Test
    void tableAndFocus() {
        Run r = Run.of("replay", LAB + "/kmem-trace.txt", "--before", LAB + "/slabinfo.before", "--after", LAB + "/slabinfo.after",
                "--cpus", "2", "--cache", "lab_200_hw_ctor");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("no events were lost"), r.out());
        assertTrue(r.out().contains("lab_200_hw_ctor"));
        assertTrue(r.out().contains("32 slab(s) grown, 0 given back, 512 object(s) set up"), r.out());
        assertTrue(r.out().contains("Predicted over the trace"), r.out());
        Run none = Run.of("replay", LAB + "/kmem-trace.txt", "--cache", "nope");
        assertEquals(1, none.status());
    }

    @Test
    void chineseTablesSayTheFindingsAndAssumptionsInChinese() {
        Run r = Run.of("replay", Run.sample("live-6.18/kmem-trace-lsR/kmem-trace.txt.gz"), "--before", Run.sample("live-6.18/slabinfo.before"),
                "--after", Run.sample("live-6.18/slabinfo.after"), "--lang", "zh", "--limit", "5");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("跟踪中仍处于分配状态的"), "maple_node's untraced frees:\n" + r.out());
        assertTrue(r.out().contains("个 SLUB 缓存仅按计数器开始"), r.out());
        assertTrue(!r.out().contains("objects the trace left allocated") && !r.out().contains("SLUB caches start from their counters"), r.out());
    }

    @Test
    void aTraceFromMoreCpusThanTheModelSaysItsCpusAreFolded() {
        Run folded = Run.of("replay", Run.sample("live-6.18/kmem-trace-lsR/kmem-trace.txt.gz"), "--cpus", "1", "--limit", "1");
        assertEquals(0, folded.status(), folded.err());
        assertTrue(folded.out().contains("the trace shows 2 CPUs but the model has fewer (--cpus)"), folded.out());
        Run enough = Run.of("replay", Run.sample("live-6.18/kmem-trace-lsR/kmem-trace.txt.gz"), "--cpus", "2", "--limit", "1");
        assertTrue(!enough.out().contains("CPUs but the model has fewer"), enough.out());
    }

    /** The i386 boot trace's ftrace header says "#P:1": without --cpus or notes, that machine is modelled, not this host. */
    @Test
    void theTracesOwnHeaderGivesTheMachinesCpus() throws Exception {
        String trace = Run.sample("public/ftrace-kmem/kmem-probe-3.x-i386-qemu-boot-full-trace-SLUB.txt");
        Run header = Run.of("replay", trace, "--format", "json");
        assertEquals(0, header.status(), header.err());
        for (JsonNode c : new ObjectMapper().readTree(header.out()).get("caches")) assertEquals(1, c.get("model").get("per_cpu").size(), c.toString());
        Run given = Run.of("replay", trace, "--format", "json", "--cpus", "3");
        for (JsonNode c : new ObjectMapper().readTree(given.out()).get("caches")) assertEquals(3, c.get("model").get("per_cpu").size());
    }

    @Test
    void strictRefusesATraceWithLinesItCouldNotRead(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path t = dir.resolve("t.txt");
        java.nio.file.Files.writeString(t, "  a-1 [000] 1.000001: kmalloc: garbage\n"
                + "  ls-1 [000] 2.000000: kfree: call_site=x+0x1 ptr=0xffff888100000000\n");
        Run lenient = Run.of("replay", t.toString(), "--format", "json");
        assertEquals(0, lenient.status(), lenient.err());
        JsonNode trace = new ObjectMapper().readTree(lenient.out()).get("trace");
        assertEquals(1, trace.get("skipped_lines").asInt());
        assertTrue(trace.get("approximate").asBoolean(), "a line not understood makes the figures approximate");
        assertEquals(1, trace.get("by_kind").get("kfree").asInt());
        assertTrue(lenient.err().contains(t + ":1: a kmalloc event"), lenient.err());
        Run strict = Run.of("replay", t.toString(), "--strict");
        assertEquals(1, strict.status());
        assertTrue(strict.err().contains("1 lines naming a kmem event could not be read (--strict)"), strict.err());
    }
}
