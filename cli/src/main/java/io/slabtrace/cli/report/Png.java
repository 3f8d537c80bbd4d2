package io.slabtrace.cli.report;

import org.jfree.chart.JFreeChart;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javax.imageio.ImageIO;

/** A chart drawn headless at twice its nominal size, so text stays sharp on high-density screens and in print. */
public final class Png {
    public static final int SCALE = 2;

    private Png() {
    }

    /**
     * A chart to draw, built already (so colours are handed out in page order) but not yet drawn:
     * drawing and PNG encoding are most of a report's time, and charts draw in parallel.
     */
    public static Callable<byte[]> of(JFreeChart chart, int width, int height) {
        return () -> render(width, height, g -> chart.draw(g, new Rectangle2D.Double(0, 0, width, height)));
    }

    /** Anything drawn in nominal pixels onto a white, antialiased canvas of twice the size, when called. */
    public static Callable<byte[]> of(int width, int height, Consumer<Graphics2D> painter) {
        return () -> render(width, height, painter);
    }

    private static byte[] render(int width, int height, Consumer<Graphics2D> painter) {
        BufferedImage img = new BufferedImage(width * SCALE, height * SCALE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.scale(SCALE, SCALE);
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, width, height);
            painter.accept(g);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a memory stream does not fail
        }
        return out.toByteArray();
    }
}
