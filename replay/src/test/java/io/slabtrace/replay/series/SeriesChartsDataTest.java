package io.slabtrace.replay.series;

import io.slabtrace.model.SlabinfoFormat;
import io.slabtrace.model.Snapshot;
import io.slabtrace.parser.Problems;
import io.slabtrace.parser.slabinfo.SlabinfoReader;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.slabtrace.replay.series.SeriesTest.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeriesChartsDataTest {
    static final SlabinfoFormat F = new SlabinfoFormat("2.1", false, false);

    @Test
    void dentryStormIsReclaimedByDropCaches() throws Exception {
        SeriesMoves moves = new SeriesMoves(4096);
        new SlabinfoReader(Problems.collecting()).read(SeriesTest.STORM, moves);
        List<SeriesMoves.Story> stories = moves.stories(8L << 20);
        // events.txt: find /usr ran 12:50:20-12:50:22 over a warm cache, drop_caches at 12:50:32
        assertEquals(List.of("ext4_inode_cache", "dentry", "extent_status", "proc_inode_cache", "radix_tree_node"),
                stories.stream().map(SeriesMoves.Story::cache).toList());
        SeriesMoves.Story dentry = stories.get(1);
        Instant dropped = Instant.parse("2026-11-25T12:50:32.468715327Z");
        assertTrue(dentry.reclaim().from().isBefore(dropped.plusSeconds(1)) && dentry.reclaim().to().isAfter(dropped), dentry.toString());
        assertTrue(-dentry.reclaim().delta() > 45L << 20, "dentry gave back " + dentry.reclaim().delta());
        assertTrue(dentry.growth() == null || dentry.growth().delta() < 1L << 20, "no real growth: the cache was warm");
    }

    @Test
    void aRunSpansFlatSnapshotsAndAReclaimBeforeTheGrowthDoesNotCount() {
        SeriesMoves moves = new SeriesMoves(4096);
        long[] slabs = {10, 5, 6, 6, 20, 30, 30, 25, 30};
        for (int i = 0; i < slabs.length; i++) moves.accept(snap(i, row("c", 21, slabs[i])));
        SeriesMoves.Story s = moves.stories(0).get(0);
        assertEquals(5 * 4096, s.growth().fromBytes());
        assertEquals(30 * 4096, s.growth().toBytes());
        assertEquals(2, s.growth().fromSnapshot());
        assertEquals(6, s.growth().toSnapshot());
        assertEquals(-5 * 4096, s.reclaim().delta(), "the fall 10 -> 5 before the growth, as large as 30 -> 25 after it");
        assertEquals(1, s.reclaim().fromSnapshot(), "the first of two equal falls is kept");
        assertTrue(!s.reclaimedAfterGrowth());
        SeriesMoves flat = new SeriesMoves(4096);
        flat.accept(snap(0, row("c", 21, 1)));
        flat.accept(snap(1, row("c", 21, 4)));
        assertNull(flat.stories(0).get(0).reclaim());
        assertTrue(flat.stories(4 * 4096).isEmpty(), "a growth of 3 pages is below a 4-page threshold");
        flat.accept(snap(2, row("c", 21, 9)));
        assertEquals(8 * 4096, flat.stories(0).get(0).growth().delta(), "asking does not end the run in progress");
    }

    @Test
    void timelineStaysBoundedAndKeepsThePeak() {
        SeriesTimeline t = new SeriesTimeline(4096);
        int n = SeriesTimeline.MAX_POINTS * 4 - 1; // 1024 at stride 1, then 512 more at stride 2, then 512 at stride 4
        for (int i = 0; i < n; i++) t.accept(snap(i, row("c", 21, i == 1234 ? 999 : 1)));
        assertEquals(4, t.stride());
        assertTrue(t.points() <= SeriesTimeline.MAX_POINTS && t.points() > SeriesTimeline.MAX_POINTS / 2, "points " + t.points());
        long[] m = t.memory("c");
        assertEquals(999L * 4096, java.util.Arrays.stream(m).max().orElseThrow());
        assertEquals(n, t.snapshotAt(t.points() - 1));
        assertEquals(Instant.ofEpochSecond(n - 1), t.at(t.points() - 1));
        assertTrue(t.timed());
        assertEquals(0, t.memory("absent")[0]);
        assertEquals(21, t.activeObjs("c")[t.points() - 1]);
        SeriesTimeline u = new SeriesTimeline(4096);
        u.accept(snap(0, new io.slabtrace.model.CacheStats("c", 10, 40, 192, 21, 1, 0, 0, 0, 2, 2, 0, false, null)));
        u.accept(snap(1, new io.slabtrace.model.CacheStats("c", 30, 40, 192, 21, 1, 0, 0, 0, 2, 2, 0, false, null)));
        assertEquals(0.25, u.utilization("c")[0], 1e-9);
        assertEquals(0.75, u.utilization("c")[1], 1e-9);
    }

    @Test
    void aCacheKeepsItsOwnPointsWhenTheListChangesOrderOrNamesItTwice() {
        SeriesTimeline t = new SeriesTimeline(4096);
        SeriesMoves moves = new SeriesMoves(4096);
        List<Snapshot> snaps = List.of(
                snap(0, row("a", 1, 1), row("b", 2, 2)),
                snap(1, row("a", 1, 3), row("b", 2, 2)), // the same list: rows found by position
                snap(2, row("b", 5, 9), row("a", 1, 1)), // another order
                snap(3, row("b", 5, 9), row("c", 7, 4), row("b", 6, 10))); // a new cache, and a second cache named b
        for (Snapshot s : snaps) {
            t.accept(s);
            moves.accept(s);
        }
        assertEquals(List.of(4096L, 3 * 4096L, 4096L, 0L), java.util.Arrays.stream(t.memory("a")).boxed().toList());
        // the timeline under a name is its caches together: 9 + 10 slabs once the second b is there
        assertEquals(List.of(2 * 4096L, 2 * 4096L, 9 * 4096L, 19 * 4096L), java.util.Arrays.stream(t.memory("b")).boxed().toList());
        assertEquals(List.of(0L, 0L, 0L, 4 * 4096L), java.util.Arrays.stream(t.memory("c")).boxed().toList());
        assertEquals(5 + 6, t.activeObjs("b")[3]);
        assertEquals(java.util.Set.of("a", "b", "c"), t.caches());
        SeriesMoves.Story b = moves.stories(0).stream().filter(s -> s.cache().equals("b")).findFirst().orElseThrow();
        assertEquals(2 * 4096, b.growth().fromBytes());
        assertEquals(9 * 4096, b.growth().toBytes(), "the second cache named b has a run of its own, not the first b's");
        assertEquals(1, moves.stories(0).stream().filter(s -> s.cache().equals("b")).count(), "the second b, seen once, moved nowhere");
        SeriesMoves.Story a = moves.stories(0).stream().filter(s -> s.cache().equals("a")).findFirst().orElseThrow();
        assertEquals(-2 * 4096, a.reclaim().delta(), "a fell from 3 slabs to 1 once the list was reordered");
    }

    static Snapshot snap(int second, io.slabtrace.model.CacheStats... caches) {
        return new Snapshot(Instant.ofEpochSecond(second), "t", second, F, List.of(caches));
    }
}
