package io.slabtrace.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 16's reproducers, each with the outcome it must have now (the fuzz regressions check only the status). */
class DamagedInputTest {
    private static final Path REGRESSIONS = Path.of("src/test/resources/fuzz-regressions");

    private static String file(String dir, String name) {
        return REGRESSIONS.resolve(dir).resolve(name).toString();
    }

    @Test
    void aDumpOfObjectSizeAloneIsExplainedAndSaysWhatItLacks() {
        Run r = Run.of("explain", "--all", "--cpus", "2", "--kernel", "6.1", "--format", "json", "--from",
                file("command-explain", "issue16-only-object-size.txt"));
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("\"missing_attributes\" : [ \"align\", \"slab_size\", \"objs_per_slab\", \"order\", \"slabs\", \"objects\", \"total_objects\" ]"), r.out());
        assertTrue(r.out().contains("\"sysfs_incomplete\""), r.out());
    }

    @Test
    void aDumpWithoutAlignIsComputedWithAWord() {
        Run r = Run.of("explain", "slab_test_cache", "--cpus", "2", "--kernel", "6.1", "--from", file("command-explain", "issue16-no-align.txt"));
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("lacks (or gives out of range): align;"), r.out());
        assertTrue(r.out().contains("Object 40 bytes, slot 64 bytes"), r.out()); // the kernel's own slab_size, still observed
    }

    @Test
    void valuesPast2To63AreIgnoredAttributesNotCrashes() {
        Run r = Run.of("explain", "--all", "--cpus", "2", "--kernel", "6.1", "--from", file("command-explain", "issue16-past-2-63.txt"));
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("slab_test_cache/objects: '99999999999999999999999 N0=99999999999999999999999' is not in the kernel's format, or a number past the limit of 2^48"), r.err());
    }

    @Test
    void lostEventsPast2To63AreASkippedLine() {
        Run r = Run.of("replay", "--cpus", "2", "--kernel", "6.1", file("command-replay", "issue16-lost-past-2-63.txt"));
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("issue16-lost-past-2-63.txt:4: [LOST N EVENTS]: a number past the limit of 281474976710656 (2^48); line skipped"), r.err());
    }

    @Test
    void countsPastTheLimitsAreSkippedRowsAndStrictFails() {
        String f = file("command-top", "issue16-counts-past-limits.txt");
        Run r = Run.of("top", "--format", "csv", f);
        assertEquals(0, r.status(), r.err());
        // 23 digits are no number at all: the row has too few numeric columns
        assertTrue(r.err().contains("issue16-counts-past-limits.txt:3: expected a cache line"), r.err());
        assertTrue(r.err().contains("issue16-counts-past-limits.txt:4: cache max: a count (objects, slabs) past the limit of 2^48"), r.err());
        assertFalse(r.out().contains("\nmax,"), "the row at 2^63-1 is not shown with negative waste");
        Run strict = Run.of("top", "--strict", f);
        assertEquals(1, strict.status());
        assertTrue(strict.err().contains("2 input lines were skipped (listed above); --strict makes that an error"), strict.err());
    }

    @Test
    void anImpossibleTimeIsAWarningAndTheSnapshotsAreKept() {
        Run r = Run.of("top", "--format", "json", file("command-top", "issue16-impossible-time.txt"));
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("issue16-impossible-time.txt:1: '2025-02-30T21:60:00' names no real time"), r.err());
        assertTrue(r.out().contains("\"snapshots\" : 2"), r.out());
    }

    @Test
    void aClockSteppingBackIsOneNoteAndTheReportDrawsInFileOrder(@TempDir Path dir) {
        String f = file("command-top", "issue16-clock-steps-back.txt");
        Run top = Run.of("top", "--format", "json", f);
        assertEquals(0, top.status(), top.err());
        assertEquals(1, top.err().lines().filter(l -> l.contains("time steps back")).count(), top.err());
        assertTrue(top.out().contains("\"snapshots\" : 3"), top.out());
        Run report = Run.of("report", f, "-o", dir.resolve("r.html").toString());
        assertEquals(0, report.status(), report.err());
        assertTrue(Files.exists(dir.resolve("r.html")));
    }

    @Test
    void scenarioCountsPastTheSimulatorAreRefusedAtTheirLine() {
        Run alloc = Run.of("simulate", file("command-simulate", "issue16-alloc-200000000.scn"));
        assertEquals(1, alloc.status());
        assertTrue(alloc.err().contains("issue16-alloc-200000000.scn:2: alloc 200000000 would make 200000000 live objects; the simulator holds at most 4194304 (2^22)"), alloc.err());
        Run tick = Run.of("simulate", file("command-simulate", "issue16-tick-negative.scn"));
        assertEquals(1, tick.status());
        assertTrue(tick.err().contains("issue16-tick-negative.scn:3: expected tick MILLISECONDS of at least 0"), tick.err());
        Run longest = Run.of("simulate", "--allocator", "slab", "--kernel", "6.1", file("command-simulate-slab", "issue16-tick-2-63.scn"));
        assertEquals(0, longest.status(), longest.err());
        assertTrue(longest.out().contains("== snapshot s (line 4) =="), longest.out());
    }

    @Test
    void aNegativeLimitIsAUsageError() {
        Run r = Run.of("top", "--limit", "-1", Run.sample("live-6.18/slabinfo.before"));
        assertEquals(2, r.status());
        assertEquals("--limit takes 0 (all) or a positive number, not -1", r.err().lines().findFirst().orElseThrow());
    }

    /** Process substitution and FIFOs, through a shell as a user types them; the jar's main class in a child JVM. */
    @Test
    void pipesAndFifosWorkAsFilesDo(@TempDir Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String slabtrace = "'" + java + "' -cp '" + cp + "' " + Main.class.getName();
        String before = Path.of(Run.sample("live-6.18/slabinfo.before")).toAbsolutePath().toString();
        String sysfs = Path.of(Run.sample("lab/debian-6.1.0-56-slub/seed/sysfs-test-cache.txt")).toAbsolutePath().toString();
        assertEquals(0, shell(dir, slabtrace + " top --format csv <(cat '" + before + "') | grep -c '^dentry,'"));
        assertEquals(0, shell(dir, slabtrace + " top --format csv <(gzip -c '" + before + "') | grep -c '^dentry,'"));
        assertEquals(0, shell(dir, slabtrace + " explain slab_test_cache --cpus 2 --kernel 6.1 --from <(cat '" + sysfs + "') | grep -c 'slot 64 bytes'"));
        assertEquals(0, shell(dir, "mkfifo fifo && (cat '" + before + "' > fifo &) && " + slabtrace + " top --format csv fifo | grep -c '^dentry,'"));
        // no writer: one line and status 1 after the wait, not a hang
        assertEquals(1, shell(dir, "mkfifo lonely && " + slabtrace + " top lonely 2> err.txt"));
        assertEquals("slabtrace: lonely: cannot read: no writer opened this FIFO within 10 s (start the writer first, or give a file)",
                Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8).strip());
    }

    private static int shell(Path dir, String script) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", script).directory(dir.toFile()).redirectOutput(new File("/dev/null"))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        assertTrue(p.waitFor(40, TimeUnit.SECONDS), script);
        return p.exitValue();
    }
}
