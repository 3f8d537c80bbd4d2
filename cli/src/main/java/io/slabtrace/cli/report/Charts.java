package io.slabtrace.cli.report;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StackedXYAreaRenderer2;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.DefaultTableXYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.text.DecimalFormat;
import java.util.List;

/** The report's charts, built from plain figures; the words on them come from the caller, in its language. */
public final class Charts {
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final Color GRID = new Color(0xDDDDDD);

    private Charts() {
    }

    /** One cache's bar: bytes in use and bytes wasted. */
    public record Bar(String cache, long usedBytes, long wasteBytes) {
    }

    /** Top caches by memory as horizontal bars, each split into use (solid) and waste (light), in the cache's colour. */
    public static JFreeChart topMemory(List<Bar> bars, CachePalette palette, String title, String axis, String used, String waste) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Bar b : bars) {
            data.addValue(b.usedBytes(), used, b.cache());
            data.addValue(b.wasteBytes(), waste, b.cache());
        }
        StackedBarRenderer r = new StackedBarRenderer() {
            @Override
            public Paint getItemPaint(int row, int column) {
                Color c = palette.of((String) data.getColumnKey(column));
                return row == 0 ? c : CachePalette.light(c);
            }
        };
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setDrawBarOutline(false);
        NumberAxis value = new NumberAxis(axis);
        value.setStandardTickUnits(ByteAxisFormat.ticks());
        value.setUpperMargin(0.08); // room for the last tick label
        CategoryAxis names = new CategoryAxis();
        names.setMaximumCategoryLabelWidthRatio(0.45f);
        CategoryPlot plot = new CategoryPlot(data, names, value, r);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        LegendItemCollection legend = new LegendItemCollection();
        legend.add(new LegendItem(used, null, null, null, new Rectangle2D.Double(0, 0, 10, 10), new Color(0x555555)));
        legend.add(new LegendItem(waste, null, null, null, new Rectangle2D.Double(0, 0, 10, 10), CachePalette.light(new Color(0x555555))));
        plot.setFixedLegendItems(legend);
        return finish(new JFreeChart(title, TITLE, plot, true), plot);
    }

    /** Memory over time: the top caches stacked, the rest as "other"; a time axis when the series has times. */
    public static JFreeChart memoryOverTime(double[] x, boolean timed, List<String> caches, List<long[]> memory, long[] total,
                                            CachePalette palette, String title, String xLabel, String yLabel, String other) {
        DefaultTableXYDataset data = new DefaultTableXYDataset();
        for (int s = 0; s < caches.size(); s++) data.addSeries(series(caches.get(s), x, memory.get(s)));
        long[] rest = new long[x.length];
        for (int i = 0; i < x.length; i++) {
            long top = 0;
            for (long[] m : memory) top += m[i];
            rest[i] = Math.max(0, total[i] - top);
        }
        data.addSeries(series(other, x, rest));
        StackedXYAreaRenderer2 r = new StackedXYAreaRenderer2();
        for (int s = 0; s < caches.size(); s++) r.setSeriesPaint(s, palette.of(caches.get(s)));
        r.setSeriesPaint(caches.size(), CachePalette.OTHER);
        NumberAxis y = new NumberAxis(yLabel);
        y.setStandardTickUnits(ByteAxisFormat.ticks());
        ValueAxis xAxis = timed ? new DateAxis(xLabel) : integerAxis(xLabel);
        XYPlot plot = new XYPlot(data, xAxis, y, r);
        return finish(new JFreeChart(title, TITLE, plot, true), plot);
    }

    /** How a line chart's values read on its axis. */
    public enum Scale { PERCENT, COUNT, BYTES, BYTES_PER_SECOND }

    /** One line per cache over the series, in the caches' colours. */
    public static JFreeChart lines(double[] x, boolean timed, List<String> names, List<double[]> values, CachePalette palette, Scale scale,
                                   String title, String xLabel, String yLabel) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (int s = 0; s < names.size(); s++) {
            XYSeries line = new XYSeries(names.get(s), true, true); // a short trace's even steps can round to the same millisecond
            double[] v = values.get(s);
            for (int i = 0; i < x.length; i++) line.add(x[i], scale == Scale.PERCENT ? v[i] * 100 : v[i], false);
            data.addSeries(line);
        }
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, x.length <= 60);
        for (int s = 0; s < names.size(); s++) {
            r.setSeriesPaint(s, scale == Scale.BYTES_PER_SECOND ? new Color(0x333333) : palette.of(names.get(s))); // a total, not a cache
            r.setSeriesStroke(s, new BasicStroke(2f));
            r.setSeriesShape(s, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
        }
        NumberAxis y = new NumberAxis(yLabel);
        switch (scale) {
            case PERCENT -> {
                y.setRange(0, 105);
                y.setNumberFormatOverride(new DecimalFormat("0'%'"));
            }
            case COUNT -> y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
            case BYTES -> y.setStandardTickUnits(ByteAxisFormat.ticks());
            case BYTES_PER_SECOND -> y.setStandardTickUnits(ByteAxisFormat.ticks(new ByteAxisFormat.PerSecond()));
        }
        ValueAxis xAxis = timed ? new DateAxis(xLabel) : integerAxis(xLabel);
        XYPlot plot = new XYPlot(data, xAxis, y, r);
        if (scale == Scale.BYTES_PER_SECOND) plot.addRangeMarker(new org.jfree.chart.plot.ValueMarker(0, Color.GRAY, new BasicStroke(1f)));
        return finish(new JFreeChart(title, TITLE, plot, names.size() > 1), plot);
    }

    private static XYSeries series(String name, double[] x, long[] y) {
        XYSeries s = new XYSeries(name, true, false);
        for (int i = 0; i < x.length; i++) s.add(x[i], y[i], false);
        return s;
    }

    /** One cache's point on the fragmentation map. */
    public record Point(String cache, long memoryBytes, double utilization, boolean labelled) {
    }

    /** Every cache as a point, memory (log scale) against utilisation; caches that matter are coloured and named. */
    public static JFreeChart fragmentationMap(List<Point> points, CachePalette palette, String title, String xLabel, String yLabel,
                                              String labelledName, String restName) {
        XYSeries rest = new XYSeries(restName, false, true);
        XYSeriesCollection data = new XYSeriesCollection();
        XYSeries named = new XYSeries(labelledName, false, true);
        List<Color> namedColors = new java.util.ArrayList<>(); // item i of the named series is drawn in namedColors[i]
        for (Point p : points) {
            if (p.memoryBytes() <= 0) continue; // an empty cache has no place on a log axis
            (p.labelled() ? named : rest).add(p.utilization() * 100, p.memoryBytes());
            if (p.labelled()) namedColors.add(palette.of(p.cache()));
        }
        data.addSeries(named);
        data.addSeries(rest);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true) {
            @Override
            public Paint getItemPaint(int series, int item) {
                return series == 0 ? namedColors.get(item) : new Color(0x999999);
            }
        };
        r.setSeriesShape(0, new Ellipse2D.Double(-5, -5, 10, 10));
        r.setSeriesShape(1, new Ellipse2D.Double(-3, -3, 6, 6));
        r.setSeriesPaint(0, new Color(0x0072B2));
        r.setSeriesPaint(1, new Color(0x999999));
        NumberAxis x = new NumberAxis(xLabel);
        x.setRange(0, 105);
        x.setNumberFormatOverride(new DecimalFormat("0'%'"));
        LogAxis y = new LogAxis(yLabel);
        y.setNumberFormatOverride(new ByteAxisFormat());
        y.setBase(2);
        y.setSmallestValue(4096);
        XYPlot plot = new XYPlot(data, x, y, r);
        double lo = Math.log(4096), hi = lo + 1;
        for (Point p : points) if (p.memoryBytes() > 0) hi = Math.max(hi, Math.log(p.memoryBytes()));
        List<double[]> placed = new java.util.ArrayList<>();
        for (Point p : points) {
            if (!p.labelled() || p.memoryBytes() <= 0) continue;
            // labels are about 15% of the width and 4% of the height: a label that would overlap one placed already is left out
            double fx = p.utilization() / 1.05, fy = (Math.log(p.memoryBytes()) - lo) / (hi - lo);
            if (placed.stream().anyMatch(q -> Math.abs(q[0] - fx) < 0.15 && Math.abs(q[1] - fy) < 0.04)) continue;
            placed.add(new double[] {fx, fy});
            XYTextAnnotation a = new XYTextAnnotation(" " + p.cache(), p.utilization() * 100, p.memoryBytes());
            a.setTextAnchor(p.utilization() > 0.8 ? TextAnchor.CENTER_RIGHT : TextAnchor.CENTER_LEFT);
            a.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            plot.addAnnotation(a);
        }
        return finish(new JFreeChart(title, TITLE, plot, true), plot);
    }

    /** Two figures for one cache, as grouped horizontal bars (e.g. predicted and observed active objects). */
    public record Pair(String cache, long first, long second) {
    }

    public static JFreeChart pairs(List<Pair> pairs, String title, String axis, String firstName, String secondName) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Pair p : pairs) {
            data.addValue(p.first(), firstName, p.cache());
            data.addValue(p.second(), secondName, p.cache());
        }
        org.jfree.chart.renderer.category.BarRenderer r = new org.jfree.chart.renderer.category.BarRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setItemMargin(0.05);
        r.setSeriesPaint(0, new Color(0x0072B2));
        r.setSeriesPaint(1, new Color(0xE69F00));
        NumberAxis value = new NumberAxis(axis);
        value.setUpperMargin(0.08);
        CategoryAxis names = new CategoryAxis();
        names.setMaximumCategoryLabelWidthRatio(0.45f);
        CategoryPlot plot = new CategoryPlot(data, names, value, r);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        return finish(new JFreeChart(title, TITLE, plot, true), plot);
    }

    /** A cache's constructor bursts, in log order: how many objects each new slab constructed. */
    public record Bursts(String cache, long[] ctorCalls) {
    }

    public static JFreeChart constructorBursts(List<Bursts> caches, CachePalette palette, String title, String xLabel, String yLabel) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Bursts b : caches) {
            XYSeries s = new XYSeries(b.cache(), true, true);
            for (int i = 0; i < b.ctorCalls().length; i++) s.add(i + 1, b.ctorCalls()[i]);
            data.addSeries(s);
        }
        org.jfree.chart.renderer.xy.XYBarRenderer r = new org.jfree.chart.renderer.xy.XYBarRenderer(0.2);
        r.setBarPainter(new org.jfree.chart.renderer.xy.StandardXYBarPainter());
        r.setShadowVisible(false);
        r.setDefaultItemLabelGenerator(new org.jfree.chart.labels.StandardXYItemLabelGenerator("{2}", new DecimalFormat("0"), new DecimalFormat("0")));
        r.setDefaultItemLabelsVisible(true);
        for (int i = 0; i < caches.size(); i++) r.setSeriesPaint(i, palette.of(caches.get(i).cache()));
        NumberAxis x = integerAxis(xLabel);
        int most = caches.stream().mapToInt(b -> b.ctorCalls().length).max().orElse(1);
        x.setRange(0.5, most + 0.5);
        NumberAxis y = integerAxis(yLabel);
        y.setUpperMargin(0.12);
        XYPlot plot = new XYPlot(new org.jfree.data.xy.XYBarDataset(data, 0.8), x, y, r);
        return finish(new JFreeChart(title, TITLE, plot, true), plot);
    }

    private static NumberAxis integerAxis(String label) {
        NumberAxis a = new NumberAxis(label);
        a.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        return a;
    }

    private static JFreeChart finish(JFreeChart chart, org.jfree.chart.plot.Plot plot) {
        chart.setBackgroundPaint(Color.WHITE);
        plot.setBackgroundPaint(Color.WHITE);
        if (plot instanceof XYPlot xy) {
            xy.setDomainGridlinePaint(GRID);
            xy.setRangeGridlinePaint(GRID);
            xy.setDomainGridlineStroke(new BasicStroke(0.5f));
            xy.setRangeGridlineStroke(new BasicStroke(0.5f));
        } else if (plot instanceof CategoryPlot c) {
            c.setRangeGridlinePaint(GRID);
        }
        return chart;
    }
}
