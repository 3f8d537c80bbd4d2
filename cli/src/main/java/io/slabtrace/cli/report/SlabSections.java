package io.slabtrace.cli.report;

import io.slabtrace.cli.error.UserError;
import io.slabtrace.cli.format.Lang;
import io.slabtrace.cli.format.Units;
import io.slabtrace.cli.view.ExplainText;
import io.slabtrace.cli.view.TopRow;
import io.slabtrace.model.layout.CacheLayout;
import io.slabtrace.model.layout.Machine;
import io.slabtrace.replay.explain.CacheExplanation;
import io.slabtrace.replay.explain.Geometry;
import io.slabtrace.replay.series.SeriesMoves;
import io.slabtrace.replay.series.SeriesTimeline;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static io.slabtrace.cli.report.Html.esc;

/** What the slab snapshots tell: their headlines, the charts, the table of every cache, and the largest caches explained. */
public final class SlabSections implements ReportSection {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final ReportPage.Slabs f;
    private final int top;
    private final List<String> chosenCaches;
    private Lang lang = Lang.en;
    private ReportPage page;

    public SlabSections(ReportPage.Slabs slabs, int top, List<String> chosenCaches) {
        this.f = slabs;
        this.top = top;
        this.chosenCaches = List.copyOf(chosenCaches);
    }

    private List<TopRow> topRows() {
        return f.rows().subList(0, Math.min(top, f.rows().size()));
    }

    /** The analysed section states the snapshots' own warnings (skipped lines, SLUB's bounds). */
    @Override
    public List<String> warnings(Lang lang) {
        return List.of();
    }

    @Override
    public List<String> headlines(Lang lang) {
        this.lang = lang;
        List<String> out = new ArrayList<>();
        slabHeadlines(out);
        return out;
    }

    @Override
    public void write(StringBuilder b, ReportPage page) {
        this.page = page;
        this.lang = page.lang();
        List<TopRow> topRows = topRows();
        topRows.forEach(r -> page.palette().of(r.name())); // the largest caches get the distinct colours, in order
        charts(b, topRows);
        table(b, f.rows());
        explanations(b, topRows);
    }

    /** A move is a headline when it is at least 1 MiB or 5% of all slab memory, whichever is larger. */
    public static long minMove(List<TopRow> rows) {
        long total = rows.stream().mapToLong(TopRow::memoryBytes).sum();
        return Math.max(1L << 20, total / 20);
    }

    private void slabHeadlines(List<String> out) {
        List<TopRow> topRows = topRows();
        long memory = 0, used = 0, waste = 0;
        for (TopRow r : f.rows()) {
            memory += r.memoryBytes();
            used += r.usedBytes();
            waste += r.wasteBytes();
        }
        out.add(t("report.total", f.rows().size(), Units.bytes(memory), Units.bytes(used), Units.bytes(waste),
                Units.percent(memory == 0 ? 0 : (double) waste / memory)));
        if (!topRows.isEmpty()) {
            TopRow l = topRows.get(0);
            out.add(t("report.largest", l.name(), Units.bytes(l.memoryBytes()), Units.percent(memory == 0 ? 0 : (double) l.memoryBytes() / memory)));
            TopRow w = f.rows().stream().max(Comparator.comparingLong(TopRow::wasteBytes)).orElseThrow();
            if (w.wasteBytes() > 0) {
                out.add(t("report.mostwaste", w.name(), Units.bytes(w.wasteBytes()), Units.bytes(w.memoryBytes()), Units.percent(w.utilization())));
            }
        }
        if (f.reading().snapshots() > 1) {
            if (f.stories().isEmpty()) out.add(t("report.nomoves", Units.bytes(minMove(f.rows()))));
            for (SeriesMoves.Story s : f.stories().subList(0, Math.min(5, f.stories().size()))) out.add(story(s));
        }
    }

    private String story(SeriesMoves.Story s) {
        SeriesMoves.Move g = s.growth(), r = s.reclaim();
        boolean growthMatters = g != null && g.delta() * 4 >= s.magnitude();
        if (growthMatters && s.reclaimedAfterGrowth() && -r.delta() * 4 >= g.delta()) {
            return t("report.grew.reclaimed", g.cache(), Units.bytes(g.delta()), when(g.from(), g.fromSnapshot()), when(g.to(), g.toSnapshot()),
                    Units.bytes(-r.delta()), when(r.from(), r.fromSnapshot()), when(r.to(), r.toSnapshot()));
        }
        if (growthMatters && (r == null || g.delta() >= -r.delta())) {
            return t("report.grew", g.cache(), Units.bytes(g.delta()), when(g.from(), g.fromSnapshot()), when(g.to(), g.toSnapshot()));
        }
        return t("report.shrank", r.cache(), Units.bytes(-r.delta()), when(r.from(), r.fromSnapshot()), when(r.to(), r.toSnapshot()));
    }

    private String when(Instant at, long snapshot) {
        return at == null ? t("report.snapshot.n", snapshot) : CLOCK.format(at);
    }

    private void charts(StringBuilder b, List<TopRow> topRows) {
        b.append("<section id=\"charts\">\n<h2>").append(esc(t("report.charts"))).append("</h2>\n");
        List<Charts.Bar> bars = topRows.stream().map(r -> new Charts.Bar(r.name(), r.usedBytes(), r.wasteBytes())).toList();
        String title = t("report.chart.top", topRows.size());
        page.figure(b, "top-memory", title, Png.of(Charts.topMemory(bars, page.palette(), title, t("report.chart.top.axis"),
                t("report.chart.used"), t("report.chart.waste")), ReportPage.WIDTH, 120 + 34 * Math.max(1, bars.size())));
        SeriesTimeline tl = f.timeline();
        if (tl.points() > 1) {
            double[] x = new double[tl.points()];
            boolean timed = tl.timed();
            for (int i = 0; i < x.length; i++) x[i] = timed ? tl.at(i).toEpochMilli() : tl.snapshotAt(i);
            // over time, the caches that matter are those that were large at some point, not only at the end
            // a name once: the timeline gives two caches of one name together
            List<String> names = f.rows().stream().sorted(Comparator.comparingLong(TopRow::peakMemoryBytes).reversed()
                    .thenComparing(TopRow::name)).map(TopRow::name).distinct().limit(top).toList();
            List<long[]> memory = names.stream().map(tl::memory).toList();
            String tt = t("report.chart.time", names.size());
            page.figure(b, "memory-over-time", tt, Png.of(Charts.memoryOverTime(x, timed, names, memory, tl.total(), page.palette(), tt,
                    t(timed ? "report.chart.time.x" : "report.chart.time.x.untimed"), t("report.chart.top.axis"), t("report.chart.other")),
                    ReportPage.WIDTH, 460));
            List<String> few = names.subList(0, Math.min(6, names.size()));
            String ut = t("report.chart.util", few.size());
            page.figure(b, "utilisation-over-time", ut, Png.of(Charts.lines(x, timed, few, few.stream().map(tl::utilization).toList(), page.palette(),
                    Charts.Scale.PERCENT, ut, t(timed ? "report.chart.time.x" : "report.chart.time.x.untimed"), t("report.chart.util.y")), ReportPage.WIDTH, 380));
            List<String> chosen = chosen(few);
            String ot = t("report.chart.objs", chosen.size());
            page.figure(b, "objects-over-time", ot, Png.of(Charts.lines(x, timed, chosen,
                    chosen.stream().map(c -> java.util.Arrays.stream(tl.activeObjs(c)).asDoubleStream().toArray()).toList(), page.palette(),
                    Charts.Scale.COUNT, ot, t(timed ? "report.chart.time.x" : "report.chart.time.x.untimed"), t("report.chart.objs.y")), ReportPage.WIDTH, 380));
            if (timed) {
                String gt = t("report.chart.rate");
                page.figure(b, "growth-rate", gt, Png.of(Charts.lines(x, true, List.of(t("report.chart.rate.all")), List.of(rate(tl, x)), page.palette(),
                        Charts.Scale.BYTES_PER_SECOND, gt, t("report.chart.time.x"), t("report.chart.rate.y")), ReportPage.WIDTH, 320));
            }
        }
        List<String> named = new ArrayList<>(topRows.stream().map(TopRow::name).toList());
        f.rows().stream().sorted(Comparator.comparingLong(TopRow::wasteBytes).reversed()).limit(3)
                .filter(r -> !named.contains(r.name())).forEach(r -> named.add(r.name()));
        List<Charts.Point> points = f.rows().stream()
                .map(r -> new Charts.Point(r.name(), r.memoryBytes(), r.utilization(), named.contains(r.name()))).toList();
        String ft = t("report.chart.frag");
        page.figure(b, "fragmentation", ft, Png.of(Charts.fragmentationMap(points, page.palette(), ft, t("report.chart.frag.x"),
                t("report.chart.frag.y"), t("report.chart.frag.named"), t("report.chart.frag.rest")), ReportPage.WIDTH, 520));
        b.append("</section>\n");
    }

    /** The caches named with --cache (each must exist), else the first few by peak. */
    private List<String> chosen(List<String> fallback) {
        if (chosenCaches.isEmpty()) return fallback;
        List<String> known = f.rows().stream().map(TopRow::name).toList();
        for (String c : chosenCaches) {
            if (!known.contains(c)) throw new UserError("--cache " + c + ": no cache of that name in the snapshots");
        }
        return chosenCaches;
    }

    /** Change of all slab memory per second between consecutive points (the first point has none: 0). */
    private static double[] rate(SeriesTimeline tl, double[] epochMillis) {
        long[] total = tl.total();
        double[] r = new double[total.length];
        for (int i = 1; i < total.length; i++) {
            double dt = (epochMillis[i] - epochMillis[i - 1]) / 1000;
            r[i] = dt > 0 ? (total[i] - total[i - 1]) / dt : 0;
        }
        return r;
    }

    private void table(StringBuilder b, List<TopRow> rows) {
        b.append("<section id=\"caches\">\n<h2>").append(esc(t("report.table"))).append("</h2>\n<p class=\"muted\">")
                .append(esc(t("report.table.hint"))).append("</p>\n<table class=\"sortable\">\n<thead><tr>");
        String[] cols = {"name", "objs", "active", "objsize", "objperslab", "pages", "slabs", "memory", "waste", "util", "peak"};
        for (String c : cols) b.append("<th").append(c.equals("name") ? "" : " class=\"num\"").append(">").append(esc(t("report.col." + c))).append("</th>");
        b.append("</tr></thead>\n<tbody>\n");
        for (TopRow r : rows) {
            b.append("<tr><td><span class=\"swatch\" style=\"background:").append(CachePalette.css(page.palette().of(r.name()))).append("\"></span>")
                    .append(esc(r.name())).append("</td>");
            num(b, r.numObjs(), Long.toString(r.numObjs()));
            num(b, r.activeObjs(), Long.toString(r.activeObjs()));
            num(b, r.objsize(), Long.toString(r.objsize()));
            num(b, r.objperslab(), Long.toString(r.objperslab()));
            num(b, r.pagesperslab(), Long.toString(r.pagesperslab()));
            num(b, r.numSlabs(), Long.toString(r.numSlabs()));
            num(b, r.memoryBytes(), Units.bytes(r.memoryBytes()));
            num(b, r.wasteBytes(), Units.bytes(r.wasteBytes()));
            num(b, r.utilization(), Units.percent(r.utilization()));
            num(b, r.peakMemoryBytes(), Units.bytes(r.peakMemoryBytes()));
            b.append("</tr>\n");
        }
        b.append("</tbody>\n</table>\n</section>\n");
    }

    private static void num(StringBuilder b, double sortKey, String shown) {
        b.append("<td class=\"num\" data-v=\"").append(sortKey).append("\">").append(esc(shown)).append("</td>");
    }

    private void explanations(StringBuilder b, List<TopRow> topRows) {
        b.append("<section id=\"explanations\">\n<h2>").append(esc(t("report.explain"))).append("</h2>\n");
        for (TopRow r : topRows.subList(0, Math.min(3, topRows.size()))) {
            CacheExplanation e = f.explainer().explain(r.name(), null);
            if (e == null) continue;
            StringWriter text = new StringWriter();
            try (PrintWriter w = new PrintWriter(text)) {
                ExplainText.print(w, e, f.machine(), lang);
            }
            b.append("<h3>").append(esc(r.name())).append("</h3>\n");
            slabPicture(b, r.name(), e, f.machine());
            b.append("<pre>").append(esc(text.toString())).append("</pre>\n");
        }
        b.append("</section>\n");
    }

    /** The computed layout when the cache's creation parameters are known, else the geometry slabinfo shows. */
    private void slabPicture(StringBuilder b, String name, CacheExplanation e, Machine m) {
        CacheLayout c = e.computed();
        SlabPicture.Slab slab;
        String object;
        if (c != null) {
            slab = new SlabPicture.Slab(c.slabBytes(), c.slotSize(), c.objperslab(), c.spec().objectSize(), c.redLeftPad(),
                    c.freePointer().offset(), c.freelistBytes(), c.leftoverBytes());
            object = t("report.slab.object", (long) c.spec().objectSize());
        } else if (e.observed() != null && e.observed().objperslab() > 0) {
            Geometry g = e.observed();
            long bytes = g.pagesperslab() * m.pageSize();
            slab = new SlabPicture.Slab(bytes, g.slotSize(), g.objperslab(), g.slotSize(), 0, -1, 0, bytes - g.objperslab() * g.slotSize());
            object = t("report.slab.slotonly", g.slotSize());
        } else {
            return;
        }
        String title = t("report.slab.title", name, Long.numberOfTrailingZeros(Math.max(1, slab.slabBytes() / m.pageSize())),
                slab.slabBytes(), slab.objperslab(), slab.slotSize());
        page.figure(b, "slab-" + name.replaceAll("[^A-Za-z0-9_-]", "_"), title, SlabPicture.render(slab, new SlabPicture.Labels(title,
                t("report.slab.slab"), t("report.slab.slot"), object, t("report.slab.freeptr"), t("report.slab.padding"),
                t("report.slab.freelist", slab.freelistBytes()), t("report.slab.leftover", slab.leftoverBytes())), page.palette().of(name)));
    }

    private String t(String key, Object... args) {
        return lang.text(key, args);
    }
}
