package io.slabtrace.replay.series;

import io.slabtrace.model.Snapshot;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * Picks the two ends of a comparison from a stream of snapshots: the first at or after
 * {@code from} and the last at or before {@code to} (the first and last of all when not given).
 * Snapshots without a timestamp never match a time bound.
 */
public final class SnapshotPicker implements Consumer<Snapshot> {
    private final Instant from;
    private final Instant to;
    private Snapshot before;
    private Snapshot after;
    private long seen;

    public SnapshotPicker(Instant from, Instant to) {
        this.from = from;
        this.to = to;
    }

    @Override
    public void accept(Snapshot s) {
        seen++;
        Instant t = s.timestamp();
        if (before == null && (from == null || (t != null && !t.isBefore(from)))) before = s;
        if (to == null || (t != null && !t.isAfter(to))) after = s;
    }

    public Snapshot before() {
        return before;
    }

    public Snapshot after() {
        return after;
    }

    public long seen() {
        return seen;
    }
}
