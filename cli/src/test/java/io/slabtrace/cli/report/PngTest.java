package io.slabtrace.cli.report;

import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PngTest {

    @Test
    void everyPixelComesBackAsItWasDrawn() throws Exception {
        int w = 301, h = 67; // odd sizes: no row or pixel count that happens to line up with a buffer
        int[] rgb = new int[w * h];
        Random r = new Random(18);
        for (int i = 0; i < rgb.length; i++) rgb[i] = i % 7 == 0 ? r.nextInt(1 << 24) : 0xFFFFFF; // runs of white, as charts are
        BufferedImage back = ImageIO.read(new ByteArrayInputStream(Png.encode(w, h, rgb)));
        assertEquals(w, back.getWidth());
        assertEquals(h, back.getHeight());
        int[] read = back.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < read.length; i++) read[i] &= 0xFFFFFF;
        assertArrayEquals(rgb, read);
    }

    @Test
    void aChartIsDrawnAtTheSizeThePageShowsIt() throws Exception {
        byte[] png = Png.of(Charts.lines(new double[] {0, 1, 2}, false, List.of("dentry"), List.of(new double[] {3, 1, 2}), new CachePalette(),
                Charts.Scale.COUNT, "objects", "snapshot", "objects"), ReportPage.WIDTH, 380).call();
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(ReportPage.WIDTH, img.getWidth());
        assertEquals(380, img.getHeight());
        assertEquals(0xFFFFFF, img.getRGB(2, 2) & 0xFFFFFF, "a white canvas");
        assertTrue(png.length < 100_000, "unfiltered rows of a chart still deflate well: " + png.length + " bytes");
    }
}
