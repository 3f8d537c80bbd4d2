package io.slabtrace.replay.series;

import io.slabtrace.model.CacheMemory;
import io.slabtrace.model.CacheStats;
import io.slabtrace.model.Snapshot;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Follows a series snapshot by snapshot and keeps, per cache, the largest memory it held and
 * when; plus the first and last snapshot. Memory is bounded by the number of caches, not the
 * series length. Consecutive snapshots nearly always list the same caches in the same order, so
 * the per-cache slots of the previous snapshot are reused without a map look-up.
 */
public final class SeriesPeaks implements Consumer<Snapshot> {

    /** The largest {@code memory_bytes} a cache reached, in which snapshot (1-based) and at what time (null if untimed). */
    public record Peak(long memoryBytes, long snapshot, Instant at) {
    }

    private static final class Slot {
        long memoryBytes = -1;
        long snapshot;
        Instant at;
    }

    private final long pageSize;
    private final Map<CacheKey, Slot> slots = new HashMap<>();
    private String[] layoutNames = new String[0];
    private Slot[] layoutSlots = new Slot[0];
    /** The rows last taken in, by place in the layout. */
    private CacheStats[] layoutRows = new CacheStats[0];
    private CacheStats[] rows = new CacheStats[0];
    private Snapshot first;
    private Snapshot last;
    private long count;

    public SeriesPeaks(long pageSize) {
        this.pageSize = pageSize;
    }

    @Override
    public void accept(Snapshot s) {
        count++;
        if (first == null) first = s;
        last = s;
        List<CacheStats> caches = s.caches();
        if (caches.size() != layoutNames.length) relayout(caches);
        // the rows as an array, copied in one go: the quick JIT calls a List's get through two interfaces a row
        if (rows.length < caches.size() + 1) rows = new CacheStats[caches.size() + 1];
        CacheStats[] now = caches.toArray(rows);
        while (!peaks(now, s.timestamp())) relayout(caches);
    }

    /**
     * Takes each row's memory into its cache's peak; false, having stopped, when a row's name is not the one of the
     * layout at its place. A row that is the very record the previous snapshot had at its place (the parser gives a
     * row unchanged since then as the same record) cannot raise the peak it already took part in, and is passed over.
     */
    private boolean peaks(CacheStats[] caches, Instant at) {
        String[] names = layoutNames;
        Slot[] layout = layoutSlots;
        CacheStats[] previous = layoutRows;
        for (int i = 0; i < layout.length; i++) {
            CacheStats c = caches[i];
            if (c == previous[i]) continue;
            String name = c.name();
            if (name != names[i] && !name.equals(names[i])) return false; // names are nearly always the same Strings: identity first
            previous[i] = c;
            long memory = CacheMemory.memoryBytes(c, pageSize);
            Slot slot = layout[i];
            if (memory > slot.memoryBytes) {
                slot.memoryBytes = memory;
                slot.snapshot = count;
                slot.at = at;
            }
        }
        return true;
    }

    private void relayout(List<CacheStats> caches) {
        List<CacheKey> keys = CacheKeys.of(caches);
        layoutNames = new String[keys.size()];
        layoutSlots = new Slot[keys.size()];
        layoutRows = new CacheStats[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            layoutNames[i] = keys.get(i).name();
            layoutSlots[i] = slots.computeIfAbsent(keys.get(i), k -> new Slot());
        }
    }

    public long snapshots() {
        return count;
    }

    public Snapshot first() {
        return first;
    }

    public Snapshot last() {
        return last;
    }

    public Peak peak(CacheKey key) {
        Slot s = slots.get(key);
        return s == null ? null : new Peak(s.memoryBytes, s.snapshot, s.at);
    }

    /** The last snapshot's caches with their keys, for callers that pair rows with peaks. */
    public List<CacheKey> lastKeys() {
        return CacheKeys.of(last.caches());
    }
}
