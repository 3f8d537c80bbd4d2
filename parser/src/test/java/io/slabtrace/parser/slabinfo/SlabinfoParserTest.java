package io.slabtrace.parser.slabinfo;

import io.slabtrace.model.CacheStats;
import io.slabtrace.model.SlabDebugStats;
import io.slabtrace.model.Snapshot;
import io.slabtrace.parser.ParseProblem;
import io.slabtrace.parser.Problems;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SlabinfoParserTest {
    static final String HEADER = "slabinfo - version: 2.1\n"
            + "# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>\n";

    final Problems problems = Problems.collecting();

    List<Snapshot> parse(String text) {
        List<Snapshot> out = new ArrayList<>();
        SlabinfoParser p = new SlabinfoParser("t", problems, out::add, ZoneOffset.UTC);
        text.lines().forEach(p::line);
        p.finish();
        return out;
    }

    @Test
    void namesAreTakenWholeWhateverTheyContain() {
        List<Snapshot> s = parse(HEADER
                + "kmalloc-rcl-64         0      0     64   64    1 : tunables    0    0    0 : slabdata      0      0      0\n"
                + ":0000064               1     64     64   64    1 : tunables    0    0    0 : slabdata      1      1      0\n"
                + "iwl_cmd_pool:0000:04:00.0      0      0    320   12    1 : tunables    0    0    0 : slabdata      0      0      0\n"
                + "biovec-(256)         256    256   3072    2    2 : tunables   24   12    0 : slabdata    128    128      0\n"
                + "page->ptl            3    4   64   64    1 : tunables    0    0    0 : slabdata      1      1      0\n"
                + "my cache v1.2          2     10     40   99    1 : tunables    0    0    0 : slabdata      1      1      0\n"
                + "9p-fcall-cache         0      0   8192    4    8 : tunables    0    0    0 : slabdata      0      0      0\n");
        assertEquals(0, problems.skippedLines());
        assertEquals(List.of("kmalloc-rcl-64", ":0000064", "iwl_cmd_pool:0000:04:00.0", "biovec-(256)", "page->ptl", "my cache v1.2", "9p-fcall-cache"),
                s.get(0).caches().stream().map(CacheStats::name).toList());
        CacheStats bio = s.get(0).caches().get(3);
        assertEquals(24, bio.limit());
        assertEquals(12, bio.batchcount());
        assertEquals(128, bio.numSlabs());
    }

    @Test
    void debugSlabStatisticsBecomeTypedFields() {
        List<Snapshot> s = parse("slabinfo - version: 2.1 (statistics)\n"
                + "lab_200_hw_ctor      400    512    256   16    1 : tunables   32   16    8 : slabdata     32     32      0 : globalstat     512    512    32    0    0    0    0    0    0 : cpustat    500     16     84     12\n");
        SlabDebugStats d = s.get(0).caches().get(0).debug();
        assertTrue(s.get(0).format().statistics());
        assertEquals(512, d.listallocs());
        assertEquals(32, d.grown());
        assertEquals(500, d.allochit());
        assertEquals(12, d.freemiss());
        assertEquals(0, d.alienoverflow());
        assertEquals(SlabDebugStats.NOT_REPORTED, d.freelimit());
    }

    @Test
    void badLineIsSkippedWithItsNumberAndTheSnapshotKeepsTheRest() {
        List<Snapshot> s = parse(HEADER
                + "dentry            237300 237300    192   21    1 : tunables    0    0    0 : slabdata  11300  11300      0\n"
                + "filp              12x4 1344    256   16    1 : tunables    0    0    0 : slabdata     84     84      0\n"
                + "kmalloc-64          100    128     64   64    1 : tunables    0    0    0 : slabdata      2      2      0\n");
        assertEquals(2, s.get(0).caches().size());
        assertEquals(1, problems.skippedLines());
        ParseProblem p = problems.first().get(0);
        assertEquals(4, p.line());
        assertTrue(p.toString().startsWith("t:4: expected a cache line"), p.toString());
    }

    @Test
    void rowCutAfterTunablesIsReportedOnceWhenNoContinuationFollows() {
        List<Snapshot> s = parse(HEADER
                + "dentry            237300 237300    192   21    1 : tunables    0    0\n"
                + "kmalloc-64          100    128     64   64    1 : tunables    0    0    0 : slabdata      2      2      0\n");
        assertEquals(1, s.get(0).caches().size());
        assertEquals(1, problems.skippedLines());
        assertTrue(problems.first().get(0).message().startsWith("cache line ends early"), problems.first().get(0).message());
    }

    @Test
    void timestampLinesSplitASeriesInEveryFormDateWrites() {
        String block = HEADER + "dentry 10 21 192 21 1 : tunables 0 0 0 : slabdata 1 1 0\n";
        List<Snapshot> s = parse(
                "1795611016\n" + block
                + "1795611016.348236639\n" + block
                + "Wed Nov 25 12:31:01 UTC 2026\n" + block
                + "Thu Nov  5 12:31:01 CET 2026\n" + block
                + "2026-11-25T12:31:01+01:00\n" + block
                + "2026-11-25T12:31:01,123456789+00:00\n" + block
                + "2026-11-25 12:31:01\n" + block
                + "2026-11-25 12:31:01.5\n" + block
                + block);
        assertEquals(9, s.size());
        assertEquals(List.of("2026-11-25T12:50:16Z", "2026-11-25T12:50:16.348236639Z", "2026-11-25T12:31:01Z",
                        "2026-11-05T11:31:01Z", "2026-11-25T11:31:01Z", "2026-11-25T12:31:01.123456789Z",
                        "2026-11-25T12:31:01Z", "2026-11-25T12:31:01.500Z"),
                s.subList(0, 8).stream().map(x -> x.timestamp().toString()).toList());
        assertNull(s.get(8).timestamp());
        assertEquals(0, problems.skippedLines());
    }

    @Test
    void headerlessRowsAfterRowsStartANewSnapshotAtEachHeader() {
        String block = "# name <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>\n"
                + "dentry 10 21 192 21 1 : tunables 0 0 0 : slabdata 1 1 0\n";
        assertEquals(3, parse(block + block + block).size());
    }

    @Test
    void slabdataColumnsFollowTheHeaderWhenItNamesMore() {
        List<Snapshot> s = parse("slabinfo - version: 2.0\n"
                + "#name <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <num_pool> <sharedavail> <reclaimable>\n"
                + "slab-[16] 48459  54432     16    252      1 : tunables 0 0 0 : slabdata    215    216      4 7 0\n");
        CacheStats c = s.get(0).caches().get(0);
        assertEquals(215, c.activeSlabs());
        assertEquals(216, c.numSlabs());
        assertEquals(7, c.sharedavail());
    }

    @Test
    void version11DerivesObjectsPerSlab() {
        List<Snapshot> s = parse("slabinfo - version: 1.1 (SMP)\nkmem_cache            80     80    244    5    5    1 :  252  126\n");
        CacheStats c = s.get(0).caches().get(0);
        assertEquals(16, c.objperslab());
        assertTrue(c.objperslabDerived());
        assertEquals(252, c.limit());
        assertEquals(126, c.batchcount());
        assertEquals(5, c.numSlabs());
    }
}
