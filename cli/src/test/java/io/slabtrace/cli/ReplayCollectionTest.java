package io.slabtrace.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slabtrace.cli.options.CollectionCheckpoints;
import io.slabtrace.model.Snapshot;
import io.slabtrace.replay.trace.result.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A collection recorded with its trace: the model is compared at every snapshot, not only at the ends. */
class ReplayCollectionTest {
    @TempDir
    Path tmp;

    /** The sample collection as the recorder left it: the trace.dat unpacked beside the snapshots. */
    private Path collection() throws Exception {
        Path from = Path.of(Run.sample("live-6.18/collect-trace-find"));
        Path dir = Files.createDirectories(tmp.resolve("c/sysfs"));
        for (String f : List.of("meta.json", "slabinfo.log")) Files.copy(from.resolve(f), dir.resolveSibling(f));
        try (Stream<Path> dumps = Files.list(from.resolve("sysfs"))) {
            for (Path d : dumps.toList()) Files.copy(d, dir.resolve(d.getFileName()));
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(from.resolve("kmem-trace.dat.gz")))) {
            Files.copy(in, dir.resolveSibling("kmem-trace.dat"));
        }
        return dir.getParent();
    }

    @Test
    void everySnapshotDuringTheTraceIsCompared() throws Exception {
        Path c0 = collection();
        Run r = Run.of("replay", c0.toString(), "--format", "json");
        assertEquals(0, r.status(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(0, j.get("trace").get("lost_events").asLong(), "the recorder lost nothing");
        int compared = 0;
        for (JsonNode c : j.get("caches")) {
            JsonNode d = c.get("divergence");
            if (d == null || d.isNull() || c.get("observed").isNull()) continue;
            compared++;
            assertTrue(d.get("compared").asInt() <= 4, c.get("name") + ": 5 snapshots, the first is the start");
            // the last snapshot is also the one the ends are compared with (at its time, not at the trace's end): they agree
            assertEquals(c.get("miss").asLong(), d.get("miss_last").asLong(), c.get("name").asText());
        }
        assertTrue(compared > 40, "caches compared over the snapshots: " + compared);
        JsonNode maple = null;
        for (JsonNode c : j.get("caches")) if (c.get("name").asText().equals("maple_node")) maple = c;
        assertNotNull(maple);
        assertTrue(maple.get("divergence").get("per_second").asDouble() > 50,
                "maple_node's untraced frees (kfree_rcu, bulk) grow from snapshot to snapshot: " + maple.get("divergence"));
        assertEquals(4, maple.get("divergence").get("compared").asInt());
        Run text = Run.of("replay", c0.toString());
        assertTrue(text.out().contains("Over the snapshots taken during the trace:"), text.out());
    }

    /** However long the series, the checkpoints kept are bounded, evenly spread, and end at the last snapshot. */
    @Test
    void aLongSeriesKeepsBoundedEvenlySpreadCheckpoints() {
        CollectionCheckpoints.Series s = new CollectionCheckpoints.Series();
        for (int i = 0; i < 10_000; i++) s.accept(new Snapshot(Instant.ofEpochSecond(1_000_000 + i), "t", 1 + i, null, List.of()));
        List<Checkpoint> c = s.checkpoints(Optional.of(1_000_000.0));
        assertTrue(c.size() <= 257 && c.size() >= 128, "kept " + c.size());
        assertSame(s.last(), c.get(c.size() - 1).snapshot());
        assertEquals(9_999, c.get(c.size() - 1).traceTime(), 1e-6);
        double step = c.get(1).traceTime() - c.get(0).traceTime();
        for (int i = 1; i < c.size() - 1; i++) assertEquals(step, c.get(i).traceTime() - c.get(i - 1).traceTime(), 1e-6, "evenly spread");
        assertTrue(s.checkpoints(Optional.empty()).isEmpty(), "without the clock offset nothing can be placed");
    }
}
