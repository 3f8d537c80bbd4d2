package io.slabtrace.cli.options;

import io.slabtrace.model.Snapshot;
import io.slabtrace.replay.trace.result.Checkpoint;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** A collection's snapshots on its trace's clock: every one after the first (the replay's start) is a checkpoint. */
public final class CollectionCheckpoints {
    /** Checkpoints kept at the most: a day's collection at 5 s is 17,280 snapshots, each a few hundred caches. */
    static final int MAX_CHECKPOINTS = 256;

    private CollectionCheckpoints() {
    }

    /**
     * The series as it is read: its first and last snapshot, and at most {@link #MAX_CHECKPOINTS} evenly spread
     * between them (every other one is dropped each time the list fills), so memory does not grow with the series.
     */
    public static final class Series implements Consumer<Snapshot> {
        private final List<Snapshot> kept = new ArrayList<>();
        private Snapshot first, last;
        private int stride = 1, seen;

        @Override
        public void accept(Snapshot s) {
            if (first == null) first = s;
            last = s;
            if (seen++ % stride != 0) return;
            kept.add(s);
            if (kept.size() > MAX_CHECKPOINTS) {
                for (int i = 2, j = 1; i < kept.size(); i += 2, j++) kept.set(j, kept.get(i)); // keep seen-index multiples of the new stride
                kept.subList((kept.size() + 1) / 2, kept.size()).clear();
                stride *= 2;
            }
        }

        public Snapshot first() {
            return first;
        }

        public Snapshot last() {
            return last;
        }

        /** The checkpoints, or none when the collection's meta.json has no clock offset (collections made before it had one). */
        public List<Checkpoint> checkpoints(Optional<Double> wallMinusTraceSeconds) {
            if (wallMinusTraceSeconds.isEmpty() || first == null) return List.of();
            double offset = wallMinusTraceSeconds.get();
            List<Checkpoint> out = new ArrayList<>();
            for (Snapshot s : kept) add(out, s, offset);
            if (kept.get(kept.size() - 1) != last) add(out, last, offset);
            return out;
        }

        private void add(List<Checkpoint> out, Snapshot s, double offset) {
            if (s == first || s.timestamp() == null) return;
            out.add(new Checkpoint(s.timestamp().getEpochSecond() + s.timestamp().getNano() / 1e9 - offset, s));
        }
    }
}
