package io.slabtrace.cli.report;

import io.slabtrace.cli.format.Lang;
import io.slabtrace.cli.format.Units;
import io.slabtrace.cli.options.SnapshotSource;
import io.slabtrace.cli.view.TopRow;
import io.slabtrace.model.Allocator;
import io.slabtrace.model.Snapshot;
import io.slabtrace.model.layout.Machine;
import io.slabtrace.replay.explain.Explainer;
import io.slabtrace.replay.series.SeriesMoves;
import io.slabtrace.replay.series.SeriesTimeline;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.slabtrace.cli.report.Html.esc;

/** The HTML report: sections in a fixed order, each written from the facts it needs; every input string escaped. */
public final class ReportPage {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    static final int WIDTH = 900;

    /** Everything the page is written from; {@code slabs} is null when no snapshot was given, only logs or traces (its sections are among {@code sections}). */
    public record Facts(List<String> inputs, Slabs slabs, List<ReportSection> sections) {
    }

    /** The snapshots and what was derived from them. */
    public record Slabs(SnapshotSource.Reading reading, Snapshot first, Snapshot last, List<TopRow> rows,
                 SeriesTimeline timeline, List<SeriesMoves.Story> stories, Explainer explainer, Machine machine) {
    }

    /** The page, and the charts in it by file name (also embedded in the page). */
    public record Rendered(String html, Map<String, byte[]> pngs) {
    }

    private final Lang lang;
    private final int top;
    private final long pageSize;
    private final String version;
    private final CachePalette palette = new CachePalette();
    /** Charts being drawn, and where in the page each one's data goes. */
    private record Pending(String name, Future<byte[]> png, int at) {
    }

    private final List<Pending> pending = new ArrayList<>();
    private final ExecutorService draw = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), r -> {
        Thread t = new Thread(r, "report-charts");
        t.setDaemon(true);
        return t;
    });

    public ReportPage(Lang lang, int top, long pageSize, String version) {
        this.lang = lang;
        this.top = top;
        this.pageSize = pageSize;
        this.version = version;
    }

    public Rendered render(Facts facts) {
        StringBuilder b = new StringBuilder(1 << 16);
        b.append("<!DOCTYPE html>\n<html lang=\"").append(lang == Lang.zh ? "zh-CN" : "en").append("\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
                .append(esc(t("report.title"))).append("</title>\n<style>").append(CSS).append("</style>\n</head>\n<body>\n<main>\n");
        b.append("<h1>").append(esc(t("report.title"))).append("</h1>\n<p class=\"muted\">")
                .append(esc(t("report.generated", version, WHEN.format(Instant.now())))).append("</p>\n");
        analysed(b, facts);
        headlines(b, facts);
        for (ReportSection s : facts.sections()) s.write(b, this);
        b.append("</main>\n<script>").append(SORT_JS).append("</script>\n</body>\n</html>\n");
        try {
            return drawn(b);
        } finally {
            draw.shutdownNow();
        }
    }

    /** The page with every chart's data put in its place, once drawn. */
    private Rendered drawn(StringBuilder b) {
        Map<String, byte[]> pngs = new LinkedHashMap<>();
        StringBuilder page = new StringBuilder(b.length() + (1 << 20));
        int from = 0;
        for (Pending p : pending) {
            byte[] png;
            try {
                png = p.png().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while drawing " + p.name(), e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
            pngs.put(p.name(), png);
            page.append(b, from, p.at()).append(Base64.getEncoder().encodeToString(png));
            from = p.at();
        }
        page.append(b, from, b.length());
        return new Rendered(page.toString(), Map.copyOf(pngs));
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

    private void headlines(StringBuilder b, Facts facts) {
        b.append("<section id=\"headlines\">\n<h2>").append(esc(t("report.headlines"))).append("</h2>\n<ul class=\"headlines\">\n");
        for (ReportSection s : facts.sections()) s.headlines(lang).forEach(h -> item(b, h));
        b.append("</ul>\n</section>\n");
    }

    static void item(StringBuilder b, String text) {
        b.append("<li>").append(esc(text)).append("</li>\n");
    }

    /** A chart in the page: drawn in the background, its data put in where the image's source goes. */
    void figure(StringBuilder b, String name, String caption, Callable<byte[]> png) {
        b.append("<figure id=\"chart-").append(name).append("\"><img alt=\"").append(esc(caption)).append("\" width=\"").append(WIDTH)
                .append("\" src=\"data:image/png;base64,");
        pending.add(new Pending(name, draw.submit(png), b.length()));
        b.append("\"></figure>\n");
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
