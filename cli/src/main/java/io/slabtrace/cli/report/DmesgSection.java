package io.slabtrace.cli.report;

import io.slabtrace.cli.format.Lang;
import io.slabtrace.cli.view.DmesgText;
import io.slabtrace.replay.kernellog.DmesgAnalysis;
import io.slabtrace.replay.kernellog.DmesgCache;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static io.slabtrace.cli.report.Html.esc;

/** A kernel log: the module's constructor bursts as a chart, then the timeline, verdicts and findings of 'slabtrace dmesg'. */
public record DmesgSection(int index, DmesgAnalysis analysis) implements ReportSection {

    @Override
    public List<String> warnings(Lang lang) {
        return List.of();
    }

    /** Each cache's verdict (why the constructor ran as often as it did), then the kernel's own reports. */
    @Override
    public List<String> headlines(Lang lang) {
        List<String> out = new ArrayList<>();
        for (DmesgCache c : analysis.caches()) out.add(c.name() + ": " + DmesgText.explanation(c, lang));
        analysis.findings().stream().limit(3).forEach(f -> out.add((f.cache() == null ? "" : f.cache() + ": ") + DmesgText.message(f, lang)));
        return out;
    }

    @Override
    public void write(StringBuilder b, ReportPage page) {
        Lang lang = page.lang();
        b.append("<section id=\"dmesg-").append(index).append("\" class=\"dmesg\">\n<h2>")
                .append(esc(lang.text("report.dmesg", analysis.log().source()))).append("</h2>\n");
        List<Charts.Bursts> bursts = new ArrayList<>();
        for (DmesgCache c : analysis.caches()) {
            if (!c.grows().isEmpty()) bursts.add(new Charts.Bursts(c.name(), c.grows().stream().mapToLong(DmesgCache.Grow::ctorCalls).toArray()));
        }
        if (!bursts.isEmpty()) {
            String title = lang.text("report.chart.bursts");
            page.figure(b, "constructor-bursts-" + index, title, Png.of(Charts.constructorBursts(bursts, page.palette(), title,
                    lang.text("report.chart.bursts.x"), lang.text("report.chart.bursts.y")), ReportPage.WIDTH, 360));
        }
        StringWriter text = new StringWriter();
        try (PrintWriter w = new PrintWriter(text)) {
            DmesgText.print(w, analysis, lang);
        }
        b.append("<pre>").append(esc(text.toString())).append("</pre>\n</section>\n");
    }
}
