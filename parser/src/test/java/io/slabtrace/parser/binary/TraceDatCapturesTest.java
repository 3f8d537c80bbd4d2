package io.slabtrace.parser.binary;

import io.slabtrace.model.trace.KmemEvent;
import io.slabtrace.model.trace.TraceStats;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The trace.dat captures of samples/traces-6.18 (one trace as v7+zstd, v6 and v7 uncompressed) read
 * directly, against what {@code trace-cmd report} printed for them: the same events, field by field, in the same order.
 */
class TraceDatCapturesTest {
    @TempDir
    static Path tmp;

    static final List<Samples.TextEvent> REPORT;
    static final long STAT_LOST;

    static {
        try {
            REPORT = Samples.events(Samples.lines("kmem-v7-zstd.report.txt"));
            long lost = 0;
            for (String line : Samples.lines("kmem-v7-zstd.report-stat.txt")) {
                // per CPU: overrun, commit overrun, dropped events
                if (line.matches("(overrun|commit overrun|dropped events): \\d+")) lost += Long.parseLong(line.replaceAll("\\D", ""));
            }
            STAT_LOST = lost;
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static List<KmemEvent> read(String capture, TraceStats[] stats) throws Exception {
        List<KmemEvent> out = new ArrayList<>();
        stats[0] = BinaryTraces.read(Samples.capture(capture, tmp), out::add);
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"kmem-v7-zstd.dat", "kmem-v6.dat", "kmem-v7-none.dat"})
    void eventCountsPerKindEqualTraceCmdReport(String capture) throws Exception {
        TraceStats[] stats = new TraceStats[1];
        List<KmemEvent> events = read(capture, stats);
        Map<String, Long> expected = new TreeMap<>(), actual = new TreeMap<>();
        for (Samples.TextEvent t : REPORT) expected.merge(t.event(), 1L, Long::sum);
        for (KmemEvent e : events) actual.merge(e.kind().name().toLowerCase(), 1L, Long::sum);
        assertEquals(Map.of("kfree", 8431L, "kmalloc", 6862L, "kmem_cache_alloc", 8883L, "kmem_cache_free", 4303L), expected, "the saved report");
        assertEquals(expected, actual);
        assertEquals(REPORT.size(), stats[0].events());
        assertEquals(0, stats[0].otherEvents());
        assertEquals(0, stats[0].skippedLines());
    }

    @ParameterizedTest
    @ValueSource(strings = {"kmem-v7-zstd.dat", "kmem-v6.dat", "kmem-v7-none.dat"})
    void lostEventsEqualTheKernelsCountInReportStat(String capture) throws Exception {
        TraceStats[] stats = new TraceStats[1];
        read(capture, stats);
        assertEquals(8517, STAT_LOST, "the saved --stat text: CPU 1 overrun");
        assertEquals(STAT_LOST, stats[0].lostEvents());
        assertTrue(stats[0].lossy());
    }

    @ParameterizedTest
    @ValueSource(strings = {"kmem-v7-zstd.dat", "kmem-v6.dat", "kmem-v7-none.dat"})
    void everyEventEqualsTheReportLineInOrder(String capture) throws Exception {
        List<KmemEvent> events = read(capture, new TraceStats[1]);
        assertEquals(REPORT.size(), events.size());
        for (int i = 0; i < events.size(); i++) {
            KmemEvent e = events.get(i);
            Samples.TextEvent t = REPORT.get(i);
            String at = "event " + i + " " + t;
            assertEquals(t.event(), e.kind().name().toLowerCase(), at);
            assertEquals(t.cpu(), e.cpu(), at);
            assertEquals(t.micros(), Samples.roundedMicros(e.time()), at);
            assertEquals(t.fields().get("call_site"), e.callSite(), at);
            String ptr = t.fields().get("ptr");
            assertEquals(ptr.equals("(nil)") ? 0 : Long.parseUnsignedLong(ptr.substring(2), 16), e.ptr(), at);
            assertEquals(t.fields().get("name"), e.name(), at);
            assertEquals(t.fields().getOrDefault("bytes_req", "-1"), Long.toString(e.bytesReq()), at);
            assertEquals(t.fields().getOrDefault("bytes_alloc", "-1"), Long.toString(e.bytesAlloc()), at);
            assertEquals(t.fields().get("gfp_flags"), e.gfpFlags(), at);
            assertEquals(t.fields().getOrDefault("node", "-1"), Integer.toString(e.node()), at);
            assertEquals(t.fields().get("accounted"), e.accounted() == null ? null : e.accounted().toString(), at);
        }
    }

    @org.junit.jupiter.api.Test
    void magicTellsBinaryTracesFromText() throws Exception {
        assertTrue(BinaryTraces.looksBinaryTrace(Files.readAllBytes(Samples.DIR.resolve("kmem-v7-zstd.dat"))));
        assertTrue(BinaryTraces.looksBinaryTrace("PERFILE2xxxxxxxx".getBytes()));
        assertTrue(!BinaryTraces.looksBinaryTrace("# tracer: nop\n".getBytes()));
        assertTrue(!BinaryTraces.looksBinaryTrace(new byte[]{0x17, 0x08}));
    }

    /**
     * 'trace-cmd extract -B inst1' of a tracefs instance of its own (samples/traces-6.18/README.md): the events are in the
     * instance's buffer, the top one is empty. Read as trace-cmd report reads it: every event, and the instance's drops.
     */
    @Test
    void anInstanceBufferIsReadAsTraceCmdReportReadsIt() throws Exception {
        TraceStats[] stats = new TraceStats[1];
        List<KmemEvent> events = read("kmem-v7-instance.dat", stats);
        List<Samples.TextEvent> report = Samples.events(Samples.lines("kmem-v7-instance.report.txt"));
        assertEquals(4455, report.size(), "the saved report");
        assertEquals(report.size(), events.size());
        for (int i = 0; i < events.size(); i++) {
            assertEquals(report.get(i).event(), events.get(i).kind().name().toLowerCase(), "event " + i);
        }
        assertEquals(23141, stats[0].lostEvents(), "its report: inst1: CPU:0 [23141 EVENTS DROPPED]");
        assertEquals(0, stats[0].skippedLines());
    }

    /** 6.18's kmem_cache_alloc format has a name field: a trace.dat says so from its formats, without its events or kallsyms. */
    @ParameterizedTest
    @ValueSource(strings = {"kmem-v7-zstd.dat", "kmem-v6.dat", "kmem-v7-none.dat", "kmem-v7-instance.dat"})
    void allocationsAreNamedByTheEventFormat(String capture) throws Exception {
        assertEquals(Boolean.TRUE, BinaryTraces.allocationsNamed(Samples.capture(capture, tmp)));
        assertEquals(null, BinaryTraces.allocationsNamed(Samples.capture("kmem-perf.data", tmp)), "perf.data: only its events tell");
    }

    /** A format the reader cannot read: its records are skipped, counted, and the read says why (never in silence). */
    @Test
    void recordsOfAnUnreadableFormatAreSkippedAndSaidWhy() throws Exception {
        byte[] b = java.nio.file.Files.readAllBytes(Samples.capture("kmem-v7-none.dat", tmp));
        byte[] from = "name: kmem_cache_alloc\nID: ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int at = indexOf(b, from);
        b[at + from.length - 4] = 'X'; // "ID: " becomes "XD: ": the format has no id
        Path bad = tmp.resolve("unreadable-format.dat");
        java.nio.file.Files.write(bad, b);
        TraceStats s = BinaryTraces.read(bad, e -> { });
        assertEquals(8883, s.skippedLines(), "every kmem_cache_alloc of the saved report");
        assertEquals(6862 + 8431 + 4303, s.events());
        assertTrue(s.source().contains("records skipped: kmem format at offset"), s.source());
        assertTrue(s.approximate());
    }

    private static int indexOf(byte[] b, byte[] what) {
        outer:
        for (int i = 0; i + what.length <= b.length; i++) {
            for (int k = 0; k < what.length; k++) if (b[i + k] != what[k]) continue outer;
            return i;
        }
        throw new AssertionError("not found");
    }
}
