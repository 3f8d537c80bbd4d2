package io.slabtrace.replay.series;

import io.slabtrace.model.CacheStats;
import io.slabtrace.model.SlabinfoFormat;
import io.slabtrace.model.Snapshot;
import io.slabtrace.parser.Problems;
import io.slabtrace.parser.slabinfo.SlabinfoReader;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class SeriesTest {
    static final String STORM = Path.of(System.getProperty("slabtrace.samples", "../samples"),
            "live-6.18/dentry-storm/slabinfo-loop.log").toString();

    @Test
    void dentryPeaksAfterFindAndBeforeDropCaches() throws Exception {
        // events.txt: find /usr ran 12:50:20-12:50:22, drop_caches at 12:50:32; dentry fell from ~258k to ~3k
        SeriesPeaks peaks = new SeriesPeaks(4096);
        new SlabinfoReader(Problems.collecting()).read(STORM, peaks);
        assertEquals(40, peaks.snapshots());
        SeriesPeaks.Peak dentry = peaks.peak(new CacheKey("dentry", 0));
        Instant findDone = Instant.parse("2026-11-25T12:50:22.448600168Z");
        Instant dropped = Instant.parse("2026-11-25T12:50:33.274572378Z");
        org.junit.jupiter.api.Assertions.assertTrue(dentry.at().isAfter(findDone) && dentry.at().isBefore(dropped), dentry.toString());
        CacheStats last = peaks.last().caches().stream().filter(c -> c.name().equals("dentry")).findFirst().orElseThrow();
        org.junit.jupiter.api.Assertions.assertTrue(dentry.memoryBytes() > 40L * last.numSlabs() * 4096, "peak is far above the end");
    }

    @Test
    void peaksFollowRowsRepeatedAsTheSameRecordAndCachesThatComeBetween() {
        SlabinfoFormat f = new SlabinfoFormat("2.1", false, false);
        CacheStats a1 = row("a", 16, 1), b2 = row("b", 16, 2), b5 = row("b", 16, 5), c9 = row("c", 16, 9), a3 = row("a", 16, 3);
        SeriesPeaks peaks = new SeriesPeaks(4096);
        // the parser hands a row unchanged since the previous snapshot over as the same record
        for (List<CacheStats> rows : List.of(List.of(a1, b2), List.of(a1, b5), List.of(a1, c9, b5), List.of(a3, c9, b5), List.of(a1, b2))) {
            peaks.accept(new Snapshot(null, "s", 1, f, rows));
        }
        assertEquals(new SeriesPeaks.Peak(3L * 4096, 4, null), peaks.peak(new CacheKey("a", 0)));
        assertEquals(new SeriesPeaks.Peak(5L * 4096, 2, null), peaks.peak(new CacheKey("b", 0)));
        assertEquals(new SeriesPeaks.Peak(9L * 4096, 3, null), peaks.peak(new CacheKey("c", 0)));
        assertEquals(5, peaks.snapshots());
    }

    @Test
    void diffMarksNewAndGoneCachesAndSortsByMemoryChange() {
        SlabinfoFormat f = new SlabinfoFormat("2.1", false, false);
        Snapshot before = new Snapshot(null, "a", 1, f, List.of(
                row("dentry", 21, 1), row("old_cache", 64, 1), row("filp", 16, 2)));
        Snapshot after = new Snapshot(null, "b", 1, f, List.of(
                row("dentry", 2100, 100), row("filp", 16, 2), row("new_cache", 64, 4)));
        List<CacheDelta> d = SnapshotDiff.between(before, after, 4096);
        assertEquals(List.of("dentry", "new_cache", "old_cache", "filp"), d.stream().map(x -> x.key().name()).toList());
        assertEquals(99L * 4096, d.get(0).memoryBytesDelta());
        assertEquals(CacheDelta.Status.NEW, d.get(1).status());
        assertNull(d.get(1).utilizationBefore());
        assertEquals(CacheDelta.Status.GONE, d.get(2).status());
        assertEquals(-4096, d.get(2).memoryBytesDelta());
        assertEquals(0, d.get(3).memoryBytesDelta());
    }

    @Test
    void duplicateNamesArePairedInOrder() {
        SlabinfoFormat f = new SlabinfoFormat("2.1", false, false);
        Snapshot before = new Snapshot(null, "a", 1, f, List.of(row("file_lock_cache", 10, 1), row("file_lock_cache", 20, 1)));
        Snapshot after = new Snapshot(null, "b", 1, f, List.of(row("file_lock_cache", 10, 1), row("file_lock_cache", 20, 3)));
        List<CacheDelta> d = SnapshotDiff.between(before, after, 4096);
        assertEquals(new CacheKey("file_lock_cache", 1), d.get(0).key());
        assertEquals(2, d.get(0).numSlabsDelta());
    }

    /**
     * Two caches of one name (the parisc64 6.10 sample has two file_lock_cache), neither changing: no move, and the
     * timeline under the name is the two together. One state per name took the rows in turn (1 slab, 3, 1, 3, ...)
     * and told a growth and a reclaim of 8 KiB that never happened.
     */
    @Test
    void twoCachesOfOneNameKeepStatesOfTheirOwn() {
        SlabinfoFormat f = new SlabinfoFormat("2.1", false, false);
        SeriesMoves moves = new SeriesMoves(4096);
        SeriesTimeline timeline = new SeriesTimeline(4096);
        for (int t = 0; t < 6; t++) {
            Snapshot s = new Snapshot(Instant.ofEpochSecond(t), "s", t, f,
                    List.of(row("file_lock_cache", 10, 1), row("dentry", 21, 1), row("file_lock_cache", 60, 3)));
            moves.accept(s);
            timeline.accept(s);
        }
        assertEquals(List.of(), moves.stories(1));
        long[] memory = timeline.memory("file_lock_cache");
        assertEquals(6, memory.length);
        for (long m : memory) assertEquals(4 * 4096, m);
        for (long a : timeline.activeObjs("file_lock_cache")) assertEquals(70, a);
        assertEquals(2, timeline.caches().size());
    }

    @Test
    void pickerHonoursTimeBounds() {
        SlabinfoFormat f = new SlabinfoFormat("2.1", false, false);
        SnapshotPicker p = new SnapshotPicker(Instant.ofEpochSecond(15), Instant.ofEpochSecond(35));
        for (int t = 0; t <= 50; t += 10) p.accept(new Snapshot(Instant.ofEpochSecond(t), "s", t, f, List.of(row("x", 1, 1))));
        assertEquals(Instant.ofEpochSecond(20), p.before().timestamp());
        assertEquals(Instant.ofEpochSecond(30), p.after().timestamp());
    }

    static CacheStats row(String name, long objs, long slabs) {
        return new CacheStats(name, objs, objs, 192, 21, 1, 0, 0, 0, slabs, slabs, 0, false, null);
    }
}
