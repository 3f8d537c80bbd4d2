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
    }

    @Test
    void tableAndFocus() {
        Run r = Run.of("replay", LAB + "/kmem-trace.txt", "--before", LAB + "/slabinfo.before", "--after", LAB + "/slabinfo.after",
                "--cpus", "2", "--cache", "lab_200_hw_ctor");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("no events were lost"), r.out());
        assertTrue(r.out().contains("lab_200_hw_ctor"));
        Run none = Run.of("replay", LAB + "/kmem-trace.txt", "--cache", "nope");
        assertEquals(1, none.status());
    }
}
