package io.slabtrace.cli.report;

import java.awt.Color;
import java.util.HashMap;
import java.util.Map;

/**
 * One colour per cache, the same in every chart of a report. Okabe and Ito's colour-blind-safe
 * set first, then Paul Tol's muted set; beyond those, hues a golden angle apart (a report names
 * more caches than the sets hold, and a chart's legend must still tell its lines apart). Grey is
 * kept for "the rest".
 */
public final class CachePalette {
    private static final Color[] COLORS = {
            new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73), new Color(0xD55E00), new Color(0x56B4E9),
            new Color(0xCC79A7), new Color(0xF0E442), new Color(0x332288), new Color(0x44AA99), new Color(0x882255),
            new Color(0xAA4499), new Color(0x999933), new Color(0xCC6677), new Color(0x88CCEE), new Color(0xDDCC77),
            new Color(0x117733)}; // the dark green last: it is the hardest to tell from Okabe-Ito's green
    public static final Color OTHER = new Color(0xBBBBBB);

    private final Map<String, Color> assigned = new HashMap<>();

    /** The cache's colour; the first caches asked for get the distinct colours. */
    public Color of(String cache) {
        return assigned.computeIfAbsent(cache, k -> assigned.size() < COLORS.length ? COLORS[assigned.size()]
                : Color.getHSBColor((assigned.size() * 0.618034f) % 1f, 0.65f, assigned.size() % 2 == 0 ? 0.5f : 0.85f));
    }

    /** The same hue, lighter: the waste part of a cache's bar. */
    public static Color light(Color c) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), 90);
    }

    public static String css(Color c) {
        return String.format("#%06x", c.getRGB() & 0xffffff);
    }
}
