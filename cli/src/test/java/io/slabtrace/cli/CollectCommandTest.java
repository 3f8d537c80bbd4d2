package io.slabtrace.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slabtrace.model.Snapshot;
import io.slabtrace.parser.ParseProblem;
import io.slabtrace.parser.Problems;
import io.slabtrace.parser.slabinfo.SlabinfoParser;
import io.slabtrace.parser.slabinfo.SlabinfoReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The collector on this host, for real: as root, reading the live /proc/slabinfo. */
class CollectCommandTest {
    static final Path LIVE = Path.of("/proc/slabinfo");

    @TempDir
    Path dir;

    static boolean root() {
        return Files.isReadable(LIVE) && "root".equals(System.getProperty("user.name"));
    }

    static Process spawn(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.slabtrace.cli.Main"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    static long markers(Path log) throws Exception {
        if (!Files.exists(log)) return 0;
        return Files.readAllLines(log).stream().filter(l -> l.startsWith(SlabinfoParser.END_MARKER)).count();
    }

    @Test
    void collectionIsReadByEveryCommandAndDescribesItsHost() throws Exception {
        assumeTrue(root(), "needs root and /proc/slabinfo");
        Path prom = dir.resolve("slab.prom");
        Run r = Run.of("collect", "-o", dir.toString(), "--interval", "100ms", "--count", "3", "--sysfs", "--openmetrics", prom.toString());
        assertEquals(0, r.status(), r.err());
        List<Snapshot> s = new SlabinfoReader(Problems.collecting()).readAll(dir.toString());
        assertEquals(3, s.size());
        assertTrue(s.get(2).timestamp().isAfter(s.get(0).timestamp()));
        JsonNode meta = new ObjectMapper().readTree(dir.resolve("meta.json").toFile());
        for (String f : List.of("host_name", "kernel_release", "page_size", "cpus", "numa_nodes", "cache_line_size", "boot_id",
                "allocator", "interval_ms", "started_at", "stopped_at", "tool_version")) assertTrue(meta.hasNonNull(f), f);
        assertEquals("done", meta.get("stop_reason").asText());
        assertEquals(s.get(0).allocator().label(), meta.get("allocator").asText(), "told by the collected snapshots");
        assertEquals(3, meta.get("snapshots").asInt());
        assertEquals(3, Files.list(dir.resolve("sysfs")).count());
        String text = Files.readString(prom);
        assertTrue(text.endsWith("# EOF\n"));
        for (String m : List.of("slab_objects_active", "slab_objects", "slab_object_size_bytes", "slab_slabs", "slab_memory_bytes")) {
            assertTrue(text.contains("# TYPE " + m + " gauge"), m);
        }
        assertTrue(text.contains("slab_objects{cache=\"dentry\"} "));
        assertEquals(0, Run.of("top", dir.toString(), "--limit", "3").status());
        Run explain = Run.of("explain", "dentry", "--from", dir.toString(), "--format", "json");
        assertEquals(0, explain.status(), explain.err());
        assertTrue(new ObjectMapper().readTree(explain.out()).get(0).get("match").asBoolean());
        Run replay = Run.of("replay", dir.toString());
        assertNotEquals(0, replay.status());
        assertTrue(replay.err().contains("made without --trace kmem"), replay.err());
    }

    @Test
    void sigkillLeavesEveryCompletedSnapshotReadable() throws Exception {
        assumeTrue(root(), "needs root and /proc/slabinfo");
        Process p = spawn("collect", "-o", dir.toString(), "--interval", "10ms", "--count", "100000");
        Path log = dir.resolve("slabinfo.log");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (markers(log) < 8 && System.nanoTime() < deadline) Thread.sleep(20);
        p.destroyForcibly(); // SIGKILL, at whatever point the writer is
        p.waitFor();
        long complete = markers(log);
        assertTrue(complete >= 8, "snapshots written " + complete);
        List<ParseProblem> notes = new ArrayList<>();
        List<Snapshot> s = new SlabinfoReader(new Problems(notes::add)).readAll(dir.toString());
        assertEquals(complete, s.size());
        assertTrue(s.stream().allMatch(x -> x.caches().size() == s.get(0).caches().size()), "no partial snapshot is used");
    }

    @Test
    void sigtermEndsTheRunCleanly() throws Exception {
        assumeTrue(root(), "needs root and /proc/slabinfo");
        Process p = spawn("collect", "-o", dir.toString(), "--interval", "50ms", "--count", "100000");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (markers(dir.resolve("slabinfo.log")) < 3 && System.nanoTime() < deadline) Thread.sleep(20);
        p.destroy(); // SIGTERM
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        JsonNode meta = new ObjectMapper().readTree(dir.resolve("meta.json").toFile());
        assertEquals("signal", meta.get("stop_reason").asText());
        assertTrue(meta.hasNonNull("stopped_at"));
        assertEquals(markers(dir.resolve("slabinfo.log")), meta.get("snapshots").asLong());
    }

    @Test
    void aFullDiskStopsWithAClearErrorAndAReadableCollection() throws Exception {
        assumeTrue(root(), "needs root (mount) and /proc/slabinfo");
        Path mnt = Files.createDirectories(dir.resolve("small"));
        Process m = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", mnt.toString()).redirectErrorStream(true).start();
        assumeTrue(m.waitFor() == 0, "tmpfs mount not permitted here");
        try {
            Path out = mnt.resolve("c");
            Run r = Run.of("collect", "-o", out.toString(), "--interval", "10ms", "--count", "100000");
            assertEquals(1, r.status(), r.err());
            assertTrue(r.err().contains("No space left on device") && r.err().contains("snapshots completed before it"), r.err());
            // one line for the full disk; a loaded machine may also miss a 10 ms tick, which is said in its own warning
            assertEquals(1, r.err().strip().lines().filter(l -> !l.contains("tick(s) skipped")).count(), r.err());
            List<Snapshot> s = new SlabinfoReader(Problems.collecting()).readAll(out.toString());
            assertTrue(s.size() >= 3, "snapshots " + s.size());
            assertEquals(markers(out.resolve("slabinfo.log")), s.size());
        } finally {
            new ProcessBuilder("umount", mnt.toString()).start().waitFor();
        }
    }

    @Test
    void tracingRecordsKmemEventsAndRestoresTracefs() throws Exception {
        assumeTrue(root(), "needs root and /proc/slabinfo");
        Path tracefs = Path.of("/sys/kernel/tracing");
        boolean mounted = Files.isRegularFile(tracefs.resolve("trace_pipe"));
        Map<String, String> before = mounted ? tracefsState(tracefs) : Map.of();
        Run r = Run.of("collect", "-o", dir.toString(), "--interval", "200ms", "--count", "3", "--trace", "kmem");
        assumeTrue(r.status() == 0 || !r.err().contains("tracefs is not available"), "no tracefs here: " + r.err());
        assertEquals(0, r.status(), r.err());
        if (mounted) assertEquals(before, tracefsState(tracefs));
        else assertFalse(Files.isRegularFile(tracefs.resolve("trace_pipe")), "tracefs was unmounted again");
        long[] events = {0};
        io.slabtrace.parser.binary.BinaryTraces.read(dir.resolve("kmem-trace.dat"), e -> events[0]++);
        assertTrue(events[0] > 0, "kmem events recorded: " + events[0]);
        JsonNode meta = new ObjectMapper().readTree(dir.resolve("meta.json").toFile());
        assertEquals("kmem", meta.get("trace").asText());
        assertTrue(meta.has("lost_events"));
        Run replay = Run.of("replay", dir.toString(), "--format", "json", "--limit", "0");
        assertEquals(0, replay.status(), replay.err());
        JsonNode caches = new ObjectMapper().readTree(replay.out()).get("caches");
        assertTrue(caches.size() > 0);
        boolean observed = false;
        for (JsonNode c : caches) observed |= c.hasNonNull("observed");
        assertTrue(observed, "the collection's last snapshot is compared with the prediction");
        Path html = dir.resolve("report.html");
        Run report = Run.of("report", dir.toString(), "-o", html.toString());
        assertEquals(0, report.status(), report.err());
        assertTrue(Files.readString(html).contains("<section id=\"replay-1\" class=\"replay\">"), "the collection's trace is replayed");
    }

    static Map<String, String> tracefsState(Path t) throws Exception {
        Map<String, String> m = new LinkedHashMap<>();
        for (String e : List.of("kmalloc", "kfree", "kmem_cache_alloc", "kmem_cache_free")) {
            m.put(e, Files.readString(t.resolve("events/kmem/" + e + "/enable")).strip());
        }
        m.put("buffer_size_kb", Files.readString(t.resolve("buffer_size_kb")).strip());
        m.put("tracing_on", Files.readString(t.resolve("tracing_on")).strip());
        return m;
    }

    @Test
    void withoutAReadableSlabinfoItSaysWhatIsNeeded() {
        Run r = Run.of("collect", "-o", dir.toString(), "--source", dir.resolve("nope").toString());
        assertEquals(1, r.status());
        assertTrue(r.err().contains("needs root") && r.err().contains("sudo"), r.err());
        assertEquals(2, Run.of("collect", "-o", dir.toString(), "--interval", "soon").status());
    }
}
