package io.slabtrace.parser.binary;

import io.slabtrace.model.trace.KmemEvent;
import io.slabtrace.model.trace.TraceStats;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * samples/traces-6.18/kmem-perf.data read directly, against what perf printed for it: perf script (the
 * events, in order), perf report --stats / perf script -D (the lost samples) and perf kmem --raw-ip (per call
 * site and in total).
 */
class PerfDataCapturesTest {
    @TempDir
    static Path tmp;
    static List<KmemEvent> events = new ArrayList<>();
    static TraceStats stats;

    @BeforeAll
    static void read() throws Exception {
        stats = BinaryTraces.read(Samples.capture("kmem-perf.data", tmp), events::add);
    }

    @Test
    void eventCountsPerKindEqualPerfScript() throws Exception {
        Map<String, Long> expected = new TreeMap<>(), actual = new TreeMap<>();
        for (Samples.TextEvent t : Samples.events(Samples.lines("kmem-perf.script.txt"))) expected.merge(t.event(), 1L, Long::sum);
        for (KmemEvent e : events) actual.merge(e.kind().name().toLowerCase(), 1L, Long::sum);
        assertEquals(Map.of("kfree", 10366L, "kmalloc", 8039L, "kmem_cache_alloc", 8090L, "kmem_cache_free", 6961L), expected, "the saved perf script");
        assertEquals(expected, actual);
        assertEquals(33456, stats.events());
        assertEquals(0, stats.skippedLines());
    }

    @Test
    void lostEqualsTheLostSamplesPerfReports() throws Exception {
        // perf report --stats: "LOST_SAMPLES events: 36" for kmem:kmem_cache_alloc; perf script -D shows LOST lost:36 too (the same samples)
        long reported = 0;
        for (String line : Samples.lines("kmem-perf.report-stats.txt")) {
            if (line.strip().matches("LOST_SAMPLES events:\\s+\\d+") && !line.contains("(")) reported += Long.parseLong(line.replaceAll("\\D", ""));
        }
        assertEquals(36, reported);
        assertEquals(reported, stats.lostEvents());
    }

    @Test
    void everyEventEqualsThePerfScriptLineInOrder() throws Exception {
        List<Samples.TextEvent> script = Samples.events(Samples.lines("kmem-perf.script-F.txt"));
        assertEquals(script.size(), events.size());
        for (int i = 0; i < events.size(); i++) {
            KmemEvent e = events.get(i);
            Samples.TextEvent t = script.get(i);
            String at = "event " + i + " " + t;
            assertEquals(t.event(), e.kind().name().toLowerCase(), at);
            assertEquals(t.cpu(), e.cpu(), at);
            assertEquals(t.micros(), Samples.truncatedMicros(e.time()), at);
            // perf.data holds no kallsyms: named from this host's when it runs the recording's release (this project's host),
            // as perf kmem and perf script name them; an address elsewhere
            if (!e.callSite().startsWith("0xffffffff")) assertEquals(t.fields().get("call_site"), e.callSite(), at);
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

    /** One row of perf kmem --caller: allocations, bytes allocated and requested, frees on another CPU. */
    record Site(long hits, long bytesAlloc, long bytesReq, long pingpong) {
    }

    @Test
    void perCallSiteFiguresEqualPerfKmemRawIp() throws Exception {
        Map<String, Site> expected = new TreeMap<>();
        for (String line : Samples.lines("kmem-perf.kmem-caller-raw.txt")) {
            // " 0xffffffff816f66bc                 |      4096/4096  |      2128/2128  |        1 |         0 | 48.047%"
            if (!line.startsWith(" 0x")) continue;
            String[] c = line.split("\\|");
            expected.put(c[0].strip(), new Site(Long.parseLong(c[3].strip()), Long.parseLong(c[1].strip().split("/")[0]),
                    Long.parseLong(c[2].strip().split("/")[0]), Long.parseLong(c[4].strip())));
        }
        assertEquals(91, expected.size(), "call sites in the saved perf kmem output");
        List<KmemEvent> raw = new ArrayList<>();
        io.slabtrace.parser.perfdata.PerfDataReader.read(Samples.capture("kmem-perf.data", tmp), raw::add, false);
        assertEquals(expected, new TreeMap<>(PerfKmem.of(raw).sites));
    }

    @Test
    void totalsEqualPerfKmemSummary() throws Exception {
        Map<String, String> summary = new HashMap<>();
        for (String line : Samples.lines("kmem-perf.kmem-slab-raw.txt")) {
            int colon = line.indexOf(':');
            if (colon > 0) summary.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
        }
        PerfKmem k = PerfKmem.of(events);
        assertEquals(summary.get("Total bytes requested"), Long.toString(k.requested));
        assertEquals(summary.get("Total bytes allocated"), Long.toString(k.allocated));
        assertEquals(summary.get("Total bytes freed"), Long.toString(k.freed));
        assertEquals(summary.get("Cross CPU allocations"), "0/" + k.allocations);
        assertEquals("7570157", summary.get("Total bytes requested"), "the saved summary");
    }

    /**
     * perf kmem's bookkeeping (tools/perf/builtin-kmem.c, evsel__process_alloc_event / process_free_event),
     * redone on our events: an allocation adds to its call site and sets its pointer's last size and CPU; a free
     * of a known pointer adds that last size to the freed bytes and, when on another CPU than the allocation
     * (-1 once freed), counts a ping-pong for the pointer's call site.
     */
    static final class PerfKmem {
        final Map<String, Site> sites = new HashMap<>();
        long requested, allocated, freed, allocations;

        static PerfKmem of(List<KmemEvent> events) {
            PerfKmem k = new PerfKmem();
            Map<Long, long[]> byPtr = new HashMap<>(); // ptr -> {last bytes_alloc, alloc cpu}
            Map<Long, String> sitePerPtr = new HashMap<>();
            for (KmemEvent e : events) {
                if (e.kind().isAlloc()) {
                    k.allocations++;
                    k.requested += e.bytesReq();
                    k.allocated += e.bytesAlloc();
                    k.sites.merge(e.callSite(), new Site(1, e.bytesAlloc(), e.bytesReq(), 0),
                            (a, b) -> new Site(a.hits() + 1, a.bytesAlloc() + b.bytesAlloc(), a.bytesReq() + b.bytesReq(), a.pingpong()));
                    byPtr.put(e.ptr(), new long[]{e.bytesAlloc(), e.cpu()});
                    sitePerPtr.put(e.ptr(), e.callSite());
                } else {
                    long[] a = byPtr.get(e.ptr());
                    if (a == null) continue;
                    k.freed += a[0];
                    if (e.cpu() != a[1]) {
                        k.sites.computeIfPresent(sitePerPtr.get(e.ptr()), (s, v) -> new Site(v.hits(), v.bytesAlloc(), v.bytesReq(), v.pingpong() + 1));
                    }
                    a[1] = -1;
                }
            }
            return k;
        }
    }
}
