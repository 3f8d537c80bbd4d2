package io.slabtrace.replay.series;

import io.slabtrace.model.CacheMemory;
import io.slabtrace.model.CacheStats;
import io.slabtrace.model.Snapshot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Finds, per cache, its largest uninterrupted rise and its largest fall of memory across a series (a run of
 * snapshots moving one way; flat snapshots do not break it), at full resolution and with memory
 * bounded by the number of caches. The headlines of a report come from here.
 */
public final class SeriesMoves implements Consumer<Snapshot> {

    /** Memory went from {@code fromBytes} at snapshot {@code fromSnapshot} to {@code toBytes} at {@code toSnapshot}. */
    public record Move(String cache, long fromBytes, long toBytes, long fromSnapshot, long toSnapshot, Instant from, Instant to) {
        public long delta() {
            return toBytes - fromBytes;
        }
    }

    /** A cache's largest growth and its largest reclaim; either may be null, and the reclaim may come first. */
    public record Story(Move growth, Move reclaim) {
        public String cache() {
            return growth != null ? growth.cache() : reclaim.cache();
        }

        /** The larger of the two moves, in bytes. */
        public long magnitude() {
            return Math.max(growth == null ? 0 : growth.delta(), reclaim == null ? 0 : -reclaim.delta());
        }

        /** The memory the growth brought was given back afterwards. */
        public boolean reclaimedAfterGrowth() {
            return growth != null && reclaim != null && reclaim.fromSnapshot() >= growth.toSnapshot();
        }
    }

    private static final class Run {
        long lastBytes, lastSnapshot;
        Instant lastAt;
        int direction;
        long startBytes, startSnapshot, endBytes, endSnapshot;
        Instant startAt, endAt;
        Move rise, fall;
    }

    private final long pageSize;
    private final SlotsByCache<Run> runs = new SlotsByCache<>(Run::new);
    private long snapshots;

    public SeriesMoves(long pageSize) {
        this.pageSize = pageSize;
    }

    @Override
    public void accept(Snapshot s) {
        snapshots++;
        List<CacheStats> rows = s.caches();
        runs.align(rows);
        for (int i = 0; i < rows.size(); i++) {
            CacheStats c = rows.get(i);
            long m = CacheMemory.memoryBytes(c, pageSize);
            Run r = runs.row(i);
            if (r.lastSnapshot == 0) { // the cache's first row
                r.lastBytes = r.startBytes = r.endBytes = m;
                r.lastSnapshot = r.startSnapshot = r.endSnapshot = snapshots;
                r.lastAt = r.startAt = r.endAt = s.timestamp();
                continue;
            }
            int d = Long.compare(m, r.lastBytes);
            if (d != 0 && d != r.direction) {
                close(c.name(), r);
                r.direction = d;
                r.startBytes = r.lastBytes;
                r.startSnapshot = r.lastSnapshot;
                r.startAt = r.lastAt;
            }
            if (d != 0) {
                r.endBytes = m;
                r.endSnapshot = snapshots;
                r.endAt = s.timestamp();
            }
            r.lastBytes = m;
            r.lastSnapshot = snapshots;
            r.lastAt = s.timestamp();
        }
    }

    /** Keeps the run that just ended when it is the cache's largest rise or fall so far. */
    private static void close(String name, Run r) {
        r.rise = larger(r.rise, pending(name, r, 1));
        r.fall = larger(r.fall, pending(name, r, -1));
    }

    /** The run in progress, when it moves in {@code direction}. */
    private static Move pending(String name, Run r, int direction) {
        return r.direction != direction ? null : new Move(name, r.startBytes, r.endBytes, r.startSnapshot, r.endSnapshot, r.startAt, r.endAt);
    }

    /** Of two rises (or two falls), the one that moved more; the earlier one on a tie. */
    private static Move larger(Move kept, Move candidate) {
        if (candidate == null) return kept;
        return kept == null || Math.abs(candidate.delta()) > Math.abs(kept.delta()) ? candidate : kept;
    }

    /**
     * Caches that grew or shrank by at least {@code minBytes} in one run, the largest move first,
     * counting the run still in progress; the series may go on being read afterwards.
     */
    public List<Story> stories(long minBytes) {
        List<Story> out = new ArrayList<>();
        for (Map.Entry<CacheKey, Run> e : runs.entries()) { // two caches of one name: a story each
            Run r = e.getValue();
            String name = e.getKey().name();
            Story st = new Story(larger(r.rise, pending(name, r, 1)), larger(r.fall, pending(name, r, -1)));
            if ((st.growth() != null || st.reclaim() != null) && st.magnitude() >= minBytes) out.add(st);
        }
        out.sort(Comparator.comparingLong(Story::magnitude).reversed().thenComparing(Story::cache));
        return out;
    }
}
