package io.slabtrace.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.slabtrace.cli.collect.TraceDatWriterTest;
import io.slabtrace.model.trace.TraceStats;
import io.slabtrace.parser.binary.BinaryTraces;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code collect --trace kmem} on this host, for real (root): it records in an instance of its own while another
 * tracer (a hand-made instance recording kmalloc) keeps running, leaves every global tracefs setting as it was before,
 * during and after, removes its instance on every way out, and writes a trace.dat that trace-cmd reads.
 */
class TraceRecorderTest {
    static final Path TRACEFS = Path.of("/sys/kernel/tracing");
    static final String OURS = "instances/slabtrace-" + ProcessHandle.current().pid();

    @TempDir
    Path dir;
    boolean mountedHere;
    Path other;

    @BeforeEach
    void tracefsAndAnotherTracer() throws Exception {
        assumeTrue(CollectCommandTest.root(), "needs root and /proc/slabinfo");
        if (!Files.isDirectory(TRACEFS.resolve("instances"))) {
            mountedHere = new ProcessBuilder("mount", "-t", "tracefs", "nodev", TRACEFS.toString()).start().waitFor() == 0;
            assumeTrue(mountedHere, "no tracefs here");
        }
        // another tracer's session, made by hand: its own buffer size and kmalloc enabled in it
        other = Files.createDirectory(TRACEFS.resolve("instances/other-tracer-" + System.nanoTime()));
        Files.writeString(other.resolve("buffer_size_kb"), "256");
        Files.writeString(other.resolve("events/kmem/kmalloc/enable"), "1");
    }

    @AfterEach
    void removeTheOtherTracer() throws Exception {
        if (other != null) Files.deleteIfExists(other);
        if (mountedHere) new ProcessBuilder("umount", TRACEFS.toString()).start().waitFor();
    }

    /** The global settings, every instance but this run's own, and the other tracer's settings. */
    Map<String, String> state() throws Exception {
        Map<String, String> m = new LinkedHashMap<>();
        for (String f : List.of("buffer_size_kb", "buffer_total_size_kb", "tracing_on", "set_event", "current_tracer", "trace_clock",
                "events/kmem/kmalloc/enable", "events/kmem/kfree/enable", "events/kmem/kmem_cache_alloc/enable", "events/kmem/kmem_cache_free/enable")) {
            m.put(f, Files.readString(TRACEFS.resolve(f)).strip());
        }
        try (Stream<Path> s = Files.list(TRACEFS.resolve("instances"))) {
            m.put("instances", s.map(p -> p.getFileName().toString()).filter(n -> !OURS.endsWith("/" + n)).sorted().toList().toString());
        }
        for (String f : List.of("buffer_size_kb", "tracing_on", "set_event")) m.put("other/" + f, Files.readString(other.resolve(f)).strip());
        return m;
    }

    static void workload() throws Exception {
        new ProcessBuilder("ls", "-R", "/usr/share/doc").redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    }

    @Test
    void theGlobalStateAndAnotherTracerAreUntouchedBeforeDuringAndAfter() throws Exception {
        Map<String, String> before = state();
        CompletableFuture<Run> run = CompletableFuture.supplyAsync(() -> Run.of("collect", "-o", dir.toString(), "--interval", "200ms",
                "--count", "14", "--trace", "kmem"));
        Path ours = TRACEFS.resolve(OURS);
        for (int i = 0; i < 200 && !Files.isRegularFile(ours.resolve("events/kmem/kfree/enable")); i++) Thread.sleep(20);
        Thread.sleep(200);
        assertTrue(Files.isDirectory(ours), "the run records in " + ours);
        assertEquals("1", Files.readString(ours.resolve("events/kmem/kmem_cache_alloc/enable")).strip());
        workload();
        assertEquals(before, state(), "during the run");
        Run r = run.get(60, TimeUnit.SECONDS);
        assertEquals(0, r.status(), r.err());
        assertEquals(before, state(), "after the run");
        assertFalse(Files.exists(ours), "the instance is removed");
        assertTrue(Files.readString(other.resolve("trace")).contains("kmalloc:"), "the other tracer kept recording");

        TraceStats stats = BinaryTraces.read(dir.resolve("kmem-trace.dat"), e -> { });
        assertTrue(stats.byKind().kmemCacheAlloc() > 0 && stats.byKind().kfree() > 0, stats.toString());
        JsonNode meta = new ObjectMapper().readTree(dir.resolve("meta.json").toFile());
        int cpus;
        try (Stream<Path> s = Files.list(TRACEFS.resolve("per_cpu"))) {
            cpus = (int) s.count();
        }
        assertEquals(cpus, meta.get("lost_events_per_cpu").size(), meta.toString());
        long lost = 0;
        for (JsonNode n : meta.get("lost_events_per_cpu")) lost += n.asLong();
        assertEquals(lost, meta.get("lost_events").asLong());
        assertEquals(stats.lostEvents(), lost, "replay's count of lost events is meta.json's");
        assertTrue(meta.get("trace_cpu_ms").asDouble() > 0, meta.toString());
        assertTrue(meta.hasNonNull("cpu_ms_per_snapshot"), meta.toString());
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of("kmem-trace.dat", "meta.json", "slabinfo.log"), s.map(p -> p.getFileName().toString()).sorted().toList(),
                    "the per-CPU page files are gone once the trace.dat is written");
        }
        if (Files.isExecutable(Path.of("/usr/bin/trace-cmd"))) {
            TraceStats.KindCounts k = stats.byKind();
            assertEquals(Map.of("kfree", k.kfree(), "kmalloc", k.kmalloc(), "kmem_cache_alloc", k.kmemCacheAlloc(),
                    "kmem_cache_free", k.kmemCacheFree()), TraceDatWriterTest.traceCmdReportCounts(dir.resolve("kmem-trace.dat")));
            String stat = TraceDatWriterTest.traceCmd("report", "--stat", "-i", dir.resolve("kmem-trace.dat").toString());
            assertTrue(stat.contains("CPU: " + (cpus - 1)) && stat.contains("overrun: "), stat);
        } else {
            assertFalse("root".equals(System.getProperty("user.name")), "trace-cmd is missing: .ci/run installs it");
        }
    }

    @Test
    void aFullDiskEndsTheRunWithOneLineAndTheInstanceIsRemoved() throws Exception {
        Map<String, String> before = state();
        Path mnt = Files.createDirectory(dir.resolve("small"));
        assumeTrue(new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mnt.toString()).start().waitFor() == 0, "no tmpfs");
        try {
            Path out = mnt.resolve("c");
            CompletableFuture<Run> run = CompletableFuture.supplyAsync(() -> Run.of("collect", "-o", out.toString(), "--interval", "50ms",
                    "--count", "100000", "--trace", "kmem"));
            while (!run.isDone()) workload();
            Run r = run.get();
            assertEquals(1, r.status(), r.err());
            assertTrue(r.err().contains("No space left on device"), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertFalse(Files.exists(TRACEFS.resolve(OURS)), "the instance is removed");
            assertEquals(before, state());
            try (Stream<Path> s = Files.list(out)) {
                assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith("kmem-trace.dat")), "no half-written trace is left");
            }
        } finally {
            new ProcessBuilder("umount", mnt.toString()).start().waitFor();
        }
    }

    @Test
    void sigintAndSigtermEndTheRunWithItsTraceAndWithoutItsInstance() throws Exception {
        Map<String, String> before = state();
        for (String signal : List.of("INT", "TERM")) {
            Path out = dir.resolve(signal);
            Process p = CollectCommandTest.spawn("collect", "-o", out.toString(), "--interval", "200ms", "--trace", "kmem");
            Path theirs = TRACEFS.resolve("instances/slabtrace-" + p.pid());
            for (int i = 0; i < 500 && !Files.isDirectory(theirs); i++) Thread.sleep(20);
            assertTrue(Files.isDirectory(theirs), "recording in " + theirs);
            Thread.sleep(500);
            assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start().waitFor());
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), signal);
            assertFalse(Files.exists(theirs), signal + ": the instance is removed");
            assertEquals("signal", new ObjectMapper().readTree(out.resolve("meta.json").toFile()).get("stop_reason").asText());
            assertTrue(BinaryTraces.read(out.resolve("kmem-trace.dat"), e -> { }).events() > 0, signal);
            assertEquals(before, state(), signal);
        }
    }

    @Test
    void anInstanceAKilledRunLeftIsNamedAndRemovedWithTheFlag() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path stale = Files.createDirectory(TRACEFS.resolve("instances/slabtrace-" + gone.pid()));
        try {
            Run r = Run.of("collect", "-o", dir.resolve("c").toString(), "--interval", "100ms", "--count", "1", "--trace", "kmem");
            assertEquals(0, r.status(), r.err());
            assertTrue(r.err().contains(stale + " was left by a slabtrace run that is gone") && r.err().contains("--remove-stale-instances"), r.err());
            assertTrue(Files.isDirectory(stale), "only named: removing is the user's choice");
            Run clean = Run.of("collect", "--remove-stale-instances");
            assertEquals(0, clean.status(), clean.err());
            assertTrue(clean.err().contains("removed " + stale), clean.err());
            assertFalse(Files.exists(stale));
            List<String> left = new ArrayList<>();
            try (Stream<Path> s = Files.list(TRACEFS.resolve("instances"))) {
                s.forEach(p -> left.add(p.getFileName().toString()));
            }
            assertTrue(left.contains(other.getFileName().toString()), "another tracer's instance is not ours to remove: " + left);
        } finally {
            Files.deleteIfExists(stale);
        }
    }
}
