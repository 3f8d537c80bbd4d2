package io.slabtrace.cli.report;

import io.slabtrace.cli.format.Lang;
import io.slabtrace.cli.view.ReplayText;
import io.slabtrace.replay.trace.result.Accuracy;
import io.slabtrace.replay.trace.result.CacheReplay;
import io.slabtrace.replay.trace.result.HeldSeries;
import io.slabtrace.replay.trace.result.PredictedPoint;
import io.slabtrace.replay.trace.result.ReplayResult;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;

import static io.slabtrace.cli.report.Html.esc;

/** A kmem trace replayed through the model: predicted against observed active objects, the caches that moved most over the trace, then the replay's tables. */
public record ReplaySection(int index, String source, ReplayResult result) implements ReportSection {
    /** Lines on the chart of predicted objects over the trace: more would not tell apart. */
    private static final int MOVERS = 6;

    /** How far a cache's predicted objects moved during the trace: a busy cache whose count stays flat tells nothing on a chart. */
    private static long swing(CacheReplay c) {
        LongSummaryStatistics s = c.activity().timeline().stream().mapToLong(PredictedPoint::live).summaryStatistics();
        return s.getMax() - s.getMin();
    }

    @Override
    public List<String> warnings(Lang lang) {
        long lost = result.trace().lostEvents();
        return lost > 0 ? List.of(lang.text("report.lost", source, lost)) : List.of();
    }

    /** How well the model followed the trace, then the largest findings. */
    @Override
    public List<String> headlines(Lang lang) {
        Accuracy a = result.accuracy(); // the replay's own figures, as its table prints them
        List<String> out = new java.util.ArrayList<>();
        out.add(lang.text("report.replay.summary", source, result.trace().events(), result.caches().size(), (long) a.withinStrict(),
                (long) a.compared(), (long) a.withinTolerance(), (long) a.excluded().size()));
        result.findings().stream().filter(f -> f.kind() != io.slabtrace.replay.trace.result.ReplayFinding.Kind.LOST_EVENTS).limit(3)
                .forEach(f -> out.add((f.cache() == null ? "" : f.cache() + ": ") + ReplayText.message(f, result, lang)));
        return out;
    }

    @Override
    public void write(StringBuilder b, ReportPage page) {
        Lang lang = page.lang();
        b.append("<section id=\"replay-").append(index).append("\" class=\"replay\">\n<h2>")
                .append(esc(lang.text("report.replay", source))).append("</h2>\n");
        List<CacheReplay> compared = result.caches().stream().filter(c -> c.observed() != null && c.predicted() != null)
                .sorted(Comparator.comparingLong((CacheReplay c) -> Math.abs(c.miss())).reversed().thenComparing(CacheReplay::name))
                .limit(page.top()).toList();
        if (!compared.isEmpty()) {
            String title = lang.text("report.chart.replay", compared.size());
            List<Charts.Pair> pairs = compared.stream()
                    .map(c -> new Charts.Pair(c.name(), c.predicted().activeObjs(), c.observed().activeObjs())).toList();
            page.figure(b, "replay-" + index, title, Png.of(Charts.pairs(pairs, title, lang.text("report.chart.replay.axis"),
                    lang.text("report.chart.predicted"), lang.text("report.chart.observed")), ReportPage.WIDTH, 120 + 40 * pairs.size()));
        }
        Map<CacheReplay, Long> swings = new HashMap<>(); // each once: a comparator would recount the points at every comparison
        for (CacheReplay c : result.caches()) if (!c.activity().timeline().isEmpty()) swings.put(c, swing(c));
        List<CacheReplay> movers = swings.keySet().stream()
                .sorted(Comparator.comparingLong((CacheReplay c) -> swings.get(c)).reversed().thenComparing(CacheReplay::name))
                .limit(Math.min(page.top(), MOVERS)).toList();
        if (!movers.isEmpty()) { // every cache's timeline has the same points: the trace's events
            double[] x = movers.get(0).activity().timeline().stream().mapToDouble(PredictedPoint::event).toArray();
            String title = lang.text("report.chart.replay.timeline", movers.size());
            page.figure(b, "replay-timeline-" + index, title, Png.of(Charts.lines(x, false, movers.stream().map(CacheReplay::name).toList(),
                    movers.stream().map(c -> c.activity().timeline().stream().mapToDouble(PredictedPoint::live).toArray()).toList(),
                    page.palette(), Charts.Scale.COUNT, title, lang.text("report.chart.replay.timeline.x"),
                    lang.text("report.chart.replay.timeline.y")), ReportPage.WIDTH, 380));
        }
        List<HeldSeries> held = result.held().stream().limit(Math.min(page.top(), MOVERS)).toList();
        if (!held.isEmpty()) { // every curve has the same times: even steps from the trace's first event to its last
            double[] x = java.util.Arrays.stream(held.get(0).seconds()).map(t -> Math.round(t * 1000)).toArray();
            String title = lang.text("report.chart.replay.held", held.size());
            page.figure(b, "replay-held-" + index, title, Png.of(Charts.lines(x, false, held.stream().map(HeldSeries::label).toList(),
                    held.stream().map(h -> java.util.Arrays.stream(h.bytesHeld()).asDoubleStream().toArray()).toList(),
                    page.palette(), Charts.Scale.BYTES, title, lang.text("report.chart.replay.held.x"),
                    lang.text("report.chart.replay.held.y")), ReportPage.WIDTH, 380));
        }
        StringWriter text = new StringWriter();
        try (PrintWriter w = new PrintWriter(text)) {
            ReplayText.print(w, result, null, 25, lang);
        }
        b.append("<pre>").append(esc(text.toString())).append("</pre>\n</section>\n");
    }
}
