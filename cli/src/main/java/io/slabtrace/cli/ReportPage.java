package io.slabtrace.cli;

import io.slabtrace.cli.report.CachePalette;
import io.slabtrace.cli.report.Charts;
import io.slabtrace.cli.report.Png;
import io.slabtrace.cli.report.SlabPicture;
import io.slabtrace.model.layout.CacheLayout;
import io.slabtrace.model.Allocator;
import io.slabtrace.model.Snapshot;
import io.slabtrace.model.layout.Machine;
import io.slabtrace.replay.CacheExplanation;
import io.slabtrace.replay.Geometry;
import io.slabtrace.replay.Explainer;
import io.slabtrace.replay.SeriesMoves;
import io.slabtrace.replay.SeriesTimeline;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.slabtrace.cli.report.Html.esc;

/** The HTML report: sections in a fixed order, each written from the facts it needs; every input string escaped. */
final class ReportPage {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
    static final int WIDTH = 900;

    /** Everything the page is written from; {@code slabs} is null when no snapshot was given, only logs or traces. */
    record Facts(List<String> inputs, Slabs slabs, List<ReportSection> sections) {
    }

    /** The snapshots and what was derived from them. */
    record Slabs(SnapshotSource.Reading reading, Snapshot first, Snapshot last, List<TopRow> rows,
                 SeriesTimeline timeline, List<SeriesMoves.Story> stories, Explainer explainer, Machine machine) {
    }

    /** The page, and the charts in it by file name (also embedded in the page). */
    record Rendered(String html, Map<String, byte[]> pngs) {
    }

    private final Lang lang;
    private final int top;
    private final long pageSize;
    private final String version;
    private final CachePalette palette = new CachePalette();
    private final List<String> chosenCaches;
    private final Map<String, byte[]> pngs = new LinkedHashMap<>();

    ReportPage(Lang lang, int top, long pageSize, String version, List<String> chosenCaches) {
        this.chosenCaches = List.copyOf(chosenCaches);
        this.lang = lang;
        this.top = top;
        this.pageSize = pageSize;
        this.version = version;
    }

    /** A move is a headline when it is at least 1 MiB or 5% of all slab memory, whichever is larger. */
    static long minMove(List<TopRow> rows) {
        long total = rows.stream().mapToLong(TopRow::memoryBytes).sum();
        return Math.max(1L << 20, total / 20);
    }

    Rendered render(Facts facts) {
        Slabs f = facts.slabs();
        List<TopRow> topRows = f == null ? List.of() : f.rows().subList(0, Math.min(top, f.rows().size()));
        topRows.forEach(r -> palette.of(r.name())); // the largest caches get the distinct colours, in order
        StringBuilder b = new StringBuilder(1 << 16);
        b.append("<!DOCTYPE html>\n<html lang=\"").append(lang == Lang.zh ? "zh-CN" : "en").append("\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
                .append(esc(t("report.title"))).append("</title>\n<style>").append(CSS).append("</style>\n</head>\n<body>\n<main>\n");
        b.append("<h1>").append(esc(t("report.title"))).append("</h1>\n<p class=\"muted\">")
                .append(esc(t("report.generated", version, WHEN.format(Instant.now())))).append("</p>\n");
        analysed(b, facts);
        headlines(b, facts, topRows);
        if (f != null) {
            charts(b, f, topRows);
            table(b, f.rows());
            explanations(b, f, topRows);
        }
        for (ReportSection s : facts.sections()) s.write(b, this);
        b.append("</main>\n<script>").append(SORT_JS).append("</script>\n</body>\n</html>\n");
        return new Rendered(b.toString(), Map.copyOf(pngs));
    }

    Lang lang() {
        return lang;
    }

    int top() {
        return top;
    }

    CachePalette palette() {
        return palette;
    }

    private void analysed(StringBuilder b, Facts facts) {
        b.append("<section id=\"analysed\">\n<h2>").append(esc(t("report.analysed"))).append("</h2>\n<table class=\"facts\">\n");
        fact(b, t("report.inputs"), String.join("\n", facts.inputs()));
        Slabs f = facts.slabs();
        List<String> warnings = new ArrayList<>();
        if (f != null) {
            Snapshot last = f.last();
            fact(b, t("report.kernel"), last.allocator().label() + " / slabinfo " + last.format());
            fact(b, t("report.snapshots"), Long.toString(f.reading().snapshots()));
            fact(b, t("report.range"), f.first().timestamp() == null ? t("report.untimed")
                    : WHEN.format(f.first().timestamp()) + " – " + WHEN.format(last.timestamp()) + " UTC");
            fact(b, t("report.caches"), Integer.toString(f.rows().size()));
            fact(b, t("report.pagesize"), Units.bytes(pageSize));
            if (f.reading().skippedLines() > 0) warnings.add(t("report.skipped", f.reading().skippedLines()));
            if (last.allocator() == Allocator.SLUB) warnings.add(t("report.slub.bounds"));
        }
        b.append("</table>\n");
        for (ReportSection s : facts.sections()) warnings.addAll(s.warnings(lang));
        if (!warnings.isEmpty()) {
            b.append("<h3>").append(esc(t("report.warnings"))).append("</h3>\n<ul class=\"warnings\">\n");
            for (String w : warnings) b.append("<li>").append(esc(w)).append("</li>\n");
            b.append("</ul>\n");
        }
        b.append("</section>\n");
    }

    private static void fact(StringBuilder b, String k, String v) {
        b.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v).replace("\n", "<br>")).append("</td></tr>\n");
    }

    private void headlines(StringBuilder b, Facts facts, List<TopRow> topRows) {
        b.append("<section id=\"headlines\">\n<h2>").append(esc(t("report.headlines"))).append("</h2>\n<ul class=\"headlines\">\n");
        Slabs f = facts.slabs();
        if (f != null) slabHeadlines(b, f, topRows);
        for (ReportSection s : facts.sections()) s.headlines(lang).forEach(h -> item(b, h));
        b.append("</ul>\n</section>\n");
    }

    private void slabHeadlines(StringBuilder b, Slabs f, List<TopRow> topRows) {
        long memory = 0, used = 0, waste = 0;
        for (TopRow r : f.rows()) {
            memory += r.memoryBytes();
            used += r.usedBytes();
            waste += r.wasteBytes();
        }
        item(b, t("report.total", f.rows().size(), Units.bytes(memory), Units.bytes(used), Units.bytes(waste),
                Units.percent(memory == 0 ? 0 : (double) waste / memory)));
        if (!topRows.isEmpty()) {
            TopRow l = topRows.get(0);
            item(b, t("report.largest", l.name(), Units.bytes(l.memoryBytes()), Units.percent(memory == 0 ? 0 : (double) l.memoryBytes() / memory)));
            TopRow w = f.rows().stream().max(Comparator.comparingLong(TopRow::wasteBytes)).orElseThrow();
            if (w.wasteBytes() > 0) {
                item(b, t("report.mostwaste", w.name(), Units.bytes(w.wasteBytes()), Units.bytes(w.memoryBytes()), Units.percent(w.utilization())));
            }
        }
        if (f.reading().snapshots() > 1) {
            if (f.stories().isEmpty()) item(b, t("report.nomoves", Units.bytes(minMove(f.rows()))));
            for (SeriesMoves.Story s : f.stories().subList(0, Math.min(5, f.stories().size()))) item(b, story(s));
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

    private static void item(StringBuilder b, String text) {
        b.append("<li>").append(esc(text)).append("</li>\n");
    }

    private void charts(StringBuilder b, Slabs f, List<TopRow> topRows) {
        b.append("<section id=\"charts\">\n<h2>").append(esc(t("report.charts"))).append("</h2>\n");
        List<Charts.Bar> bars = topRows.stream().map(r -> new Charts.Bar(r.name(), r.usedBytes(), r.wasteBytes())).toList();
        String title = t("report.chart.top", topRows.size());
        figure(b, "top-memory", title, Png.render(Charts.topMemory(bars, palette, title, t("report.chart.top.axis"),
                t("report.chart.used"), t("report.chart.waste")), WIDTH, 120 + 34 * Math.max(1, bars.size())));
        SeriesTimeline tl = f.timeline();
        if (tl.points() > 1) {
            double[] x = new double[tl.points()];
            boolean timed = tl.timed();
            for (int i = 0; i < x.length; i++) x[i] = timed ? tl.at(i).toEpochMilli() : tl.snapshotAt(i);
            // over time, the caches that matter are those that were large at some point, not only at the end
            List<String> names = f.rows().stream().sorted(Comparator.comparingLong(TopRow::peakMemoryBytes).reversed()
                    .thenComparing(TopRow::name)).limit(top).map(TopRow::name).toList();
            List<long[]> memory = names.stream().map(tl::memory).toList();
            String tt = t("report.chart.time", names.size());
            figure(b, "memory-over-time", tt, Png.render(Charts.memoryOverTime(x, timed, names, memory, tl.total(), palette, tt,
                    t(timed ? "report.chart.time.x" : "report.chart.time.x.untimed"), t("report.chart.top.axis"), t("report.chart.other")),
                    WIDTH, 460));
            List<String> few = names.subList(0, Math.min(6, names.size()));
            String ut = t("report.chart.util", few.size());
            figure(b, "utilisation-over-time", ut, Png.render(Charts.lines(x, timed, few, few.stream().map(tl::utilization).toList(), palette,
                    Charts.Scale.PERCENT, ut, t(timed ? "report.chart.time.x" : "report.chart.time.x.untimed"), t("report.chart.util.y")), WIDTH, 380));
            List<String> chosen = chosen(f, few);
            String ot = t("report.chart.objs", chosen.size());
            figure(b, "objects-over-time", ot, Png.render(Charts.lines(x, timed, chosen,
                    chosen.stream().map(c -> java.util.Arrays.stream(tl.activeObjs(c)).asDoubleStream().toArray()).toList(), palette,
                    Charts.Scale.COUNT, ot, t(timed ? "report.chart.time.x" : "report.chart.time.x.untimed"), t("report.chart.objs.y")), WIDTH, 380));
            if (timed) {
                String gt = t("report.chart.rate");
                figure(b, "growth-rate", gt, Png.render(Charts.lines(x, true, List.of(t("report.chart.rate.all")), List.of(rate(tl, x)), palette,
                        Charts.Scale.BYTES_PER_SECOND, gt, t("report.chart.time.x"), t("report.chart.rate.y")), WIDTH, 320));
            }
        }
        List<String> named = new ArrayList<>(topRows.stream().map(TopRow::name).toList());
        f.rows().stream().sorted(Comparator.comparingLong(TopRow::wasteBytes).reversed()).limit(3)
                .filter(r -> !named.contains(r.name())).forEach(r -> named.add(r.name()));
        List<Charts.Point> points = f.rows().stream()
                .map(r -> new Charts.Point(r.name(), r.memoryBytes(), r.utilization(), named.contains(r.name()))).toList();
        String ft = t("report.chart.frag");
        figure(b, "fragmentation", ft, Png.render(Charts.fragmentationMap(points, palette, ft, t("report.chart.frag.x"),
                t("report.chart.frag.y"), t("report.chart.frag.named"), t("report.chart.frag.rest")), WIDTH, 520));
        b.append("</section>\n");
    }

    /** The caches named with --cache (each must exist), else the first few by peak. */
    private List<String> chosen(Slabs f, List<String> fallback) {
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

    void figure(StringBuilder b, String name, String caption, byte[] png) {
        pngs.put(name, png);
        b.append("<figure id=\"chart-").append(name).append("\"><img alt=\"").append(esc(caption)).append("\" width=\"").append(WIDTH)
                .append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(png)).append("\"></figure>\n");
    }

    private void table(StringBuilder b, List<TopRow> rows) {
        b.append("<section id=\"caches\">\n<h2>").append(esc(t("report.table"))).append("</h2>\n<p class=\"muted\">")
                .append(esc(t("report.table.hint"))).append("</p>\n<table class=\"sortable\">\n<thead><tr>");
        String[] cols = {"name", "objs", "active", "objsize", "objperslab", "pages", "slabs", "memory", "waste", "util", "peak"};
        for (String c : cols) b.append("<th").append(c.equals("name") ? "" : " class=\"num\"").append(">").append(esc(t("report.col." + c))).append("</th>");
        b.append("</tr></thead>\n<tbody>\n");
        for (TopRow r : rows) {
            b.append("<tr><td><span class=\"swatch\" style=\"background:").append(CachePalette.css(palette.of(r.name()))).append("\"></span>")
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

    private void explanations(StringBuilder b, Slabs f, List<TopRow> topRows) {
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
        figure(b, "slab-" + name.replaceAll("[^A-Za-z0-9_-]", "_"), title, SlabPicture.render(slab, new SlabPicture.Labels(title,
                t("report.slab.slab"), t("report.slab.slot"), object, t("report.slab.freeptr"), t("report.slab.padding"),
                t("report.slab.freelist", slab.freelistBytes()), t("report.slab.leftover", slab.leftoverBytes())), palette.of(name)));
    }

    private String t(String key, Object... args) {
        return lang.text(key, args);
    }

    private static final String CSS = """
            body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#222;background:#fff;margin:0}
            main{max-width:960px;margin:0 auto;padding:1.5em}
            h1{margin-bottom:0}h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:2em}
            .muted{color:#666}
            table{border-collapse:collapse}
            .facts th{text-align:left;padding:.2em 1em .2em 0;vertical-align:top;color:#444;font-weight:600}
            .sortable{width:100%;font-size:13px}
            .sortable th{cursor:pointer;background:#f3f3f3;position:sticky;top:0;padding:.3em .5em;user-select:none}
            .sortable td{padding:.2em .5em;border-bottom:1px solid #eee}
            .num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
            .swatch{display:inline-block;width:.8em;height:.8em;margin-right:.4em;border-radius:2px}
            .warnings li{color:#8a5a00}
            .headlines li{margin:.3em 0}
            figure{margin:1em 0}figure img{max-width:100%;height:auto;border:1px solid #eee}
            pre{background:#f7f7f7;padding:.8em;overflow-x:auto;font-size:12.5px;line-height:1.4}
            """;

    /** Sorts a table by the clicked column: numbers by their data-v, names as text; a second click reverses. */
    private static final String SORT_JS = """
            document.querySelectorAll('table.sortable').forEach(function (table) {
              table.querySelectorAll('th').forEach(function (th, col) {
                th.addEventListener('click', function () {
                  var body = table.tBodies[0];
                  var rows = Array.prototype.slice.call(body.rows);
                  var desc = th.getAttribute('data-desc') !== 'true';
                  th.setAttribute('data-desc', desc);
                  rows.sort(function (a, b) {
                    var x = a.cells[col], y = b.cells[col];
                    var vx = x.getAttribute('data-v'), vy = y.getAttribute('data-v');
                    var c = vx !== null ? parseFloat(vx) - parseFloat(vy) : x.textContent.localeCompare(y.textContent);
                    return desc ? -c : c;
                  });
                  rows.forEach(function (r) { body.appendChild(r); });
                });
              });
            });
            """;
}
