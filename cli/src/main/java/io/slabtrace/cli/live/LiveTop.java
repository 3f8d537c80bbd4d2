package io.slabtrace.cli.live;

import io.slabtrace.cli.view.TopOrder;
import io.slabtrace.cli.view.TopRow;
import io.slabtrace.cli.view.TopSummary;
import io.slabtrace.cli.view.TopTable;
import io.slabtrace.replay.series.CacheKey;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code top --interval} on a terminal: reads a snapshot every interval and redraws in place, like slabtop,
 * with each cache's change since the previous refresh and its rate. Keys are slabtop's (a b c l n o p s u v
 * sort, q quits) with w for waste and g for growth; space refreshes now; the size is re-read on resize.
 */
public final class LiveTop {
    private LiveTop() {
    }

    /** One reading: the summary, and the caches with the keys that tell twins apart, in the same order. */
    public record Frame(TopSummary summary, List<CacheKey> keys, List<TopRow> rows) {
    }

    /** The width of the terminal standard output goes to, or 0 when it is not one (then every column is shown). */
    public static int terminalColumns() {
        return Screen.columns();
    }

    /** Runs until q, Ctrl-C or {@code count} refreshes (0: no end). */
    public static void run(Supplier<Frame> source, String label, long intervalMillis, long count, TopOrder order) throws IOException {
        try (Screen screen = Screen.open()) {
            new Loop(screen, source, label, intervalMillis, count, order).run();
        }
    }

    private static final class Loop {
        private final Screen screen;
        private final Supplier<Frame> source;
        private final String label;
        private final long intervalNanos;
        private final long count;
        private TopOrder order;
        private boolean byGrowth;
        private Frame frame;
        private List<TopTable.Change> changes;
        private Map<CacheKey, Long> previous;
        private long previousAt;

        Loop(Screen screen, Supplier<Frame> source, String label, long intervalMillis, long count, TopOrder order) {
            this.screen = screen;
            this.source = source;
            this.label = label;
            this.intervalNanos = intervalMillis * 1_000_000L;
            this.count = count;
            this.order = order;
        }

        void run() throws IOException {
            long refreshes = 0, next = System.nanoTime();
            while (!screen.interrupted()) {
                long now = System.nanoTime();
                boolean redraw = screen.resized();
                if (now - next >= 0) {
                    if (count > 0 && refreshes >= count) return;
                    refresh(now);
                    refreshes++;
                    next = now + intervalNanos;
                    redraw = true;
                }
                if (redraw) screen.draw(lines());
                int k = screen.key(Math.min(200, Math.max(1, (next - System.nanoTime()) / 1_000_000L)));
                if (k == 'q' || k == 'Q' || k == -1) return;
                if (k == ' ') next = System.nanoTime();
                else if (k == 'g') byGrowth = true;
                else if (TopOrder.ofKey(k) != null) {
                    order = TopOrder.ofKey(k);
                    byGrowth = false;
                }
                if (k >= 0) screen.draw(lines());
            }
        }

        private void refresh(long now) {
            frame = source.get();
            Map<CacheKey, Long> memory = new HashMap<>();
            changes = new ArrayList<>(frame.rows().size());
            double seconds = previous == null ? 0 : (now - previousAt) / 1e9;
            for (int i = 0; i < frame.rows().size(); i++) {
                long m = frame.rows().get(i).memoryBytes();
                memory.put(frame.keys().get(i), m);
                long delta = previous == null ? 0 : m - previous.getOrDefault(frame.keys().get(i), 0L);
                changes.add(new TopTable.Change(delta, seconds > 0 ? delta / seconds : 0));
            }
            previous = memory;
            previousAt = now;
        }

        private List<String> lines() {
            int width = screen.width();
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < frame.rows().size(); i++) idx.add(i);
            Comparator<Integer> by = byGrowth
                    ? Comparator.<Integer>comparingLong(i -> -Math.abs(changes.get(i).memoryBytes())).thenComparing(i -> frame.rows().get(i).name())
                    : Comparator.comparing(i -> frame.rows().get(i), order.comparator());
            idx.sort(by);
            List<TopRow> rows = idx.stream().map(frame.rows()::get).toList();
            List<TopTable.Change> ch = idx.stream().map(changes::get).toList();
            List<String> out = new ArrayList<>();
            out.add(String.format(" sorted by %s (%s), every %s; q quits; keys a b c l n o p s u v w g sort; %s",
                    byGrowth ? "change" : order.name(), byGrowth ? 'g' : order.key(), seconds(), label));
            out.addAll(TopTable.liveSummary(frame.summary(), width - 1));
            out.add("");
            out.addAll(TopTable.table(rows, frame.summary().activeIsUpperBound(), false, ch, width - 1));
            return out;
        }

        private String seconds() {
            long ms = intervalNanos / 1_000_000L;
            return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
        }
    }
}
