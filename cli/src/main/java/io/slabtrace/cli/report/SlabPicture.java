package io.slabtrace.cli.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.util.concurrent.Callable;

/**
 * One slab drawn to scale as its slots (object, free pointer, padding), the classic SLAB index
 * array and the left-over tail; below it, one slot enlarged so a few bytes of padding stay visible.
 */
public final class SlabPicture {
    private static final int W = 900, H = 190, LEFT = 20, RIGHT = 20;
    private static final Color PAD = new Color(0xDDDDDD), FREEPTR = new Color(0x222222), TAIL = new Color(0xBBBBBB),
            INDEX = new Color(0x999933);

    /** Bytes of one slab and one slot; {@code freePointerOffset} is -1 when there is no pointer in the slot. */
    public record Slab(long slabBytes, long slotSize, long objperslab, long objectSize, long redLeftPad, long freePointerOffset,
                       long freelistBytes, long leftoverBytes) {
    }

    /** The words, in the report's language. */
    public record Labels(String title, String slab, String slot, String object, String freePointer, String padding,
                         String freelist, String leftover) {
    }

    private SlabPicture() {
    }

    public static Callable<byte[]> render(Slab s, Labels l, Color object) {
        return Png.of(W, H, g -> {
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString(l.title(), LEFT, 22);
            drawSlab(g, s, l, object, 44);
            drawSlot(g, s, l, object, 128);
        });
    }

    private static void drawSlab(Graphics2D g, Slab s, Labels l, Color object, int y) {
        double scale = (double) (W - LEFT - RIGHT) / s.slabBytes();
        int h = 34;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.setColor(Color.DARK_GRAY);
        g.drawString(l.slab(), LEFT, y - 4);
        double x = LEFT;
        for (long i = 0; i < s.objperslab(); i++) {
            double start = LEFT + i * s.slotSize() * scale;
            fill(g, PAD, start, y, s.slotSize() * scale, h);
            fill(g, object, start + s.redLeftPad() * scale, y, s.objectSize() * scale, h);
            if (s.slotSize() * scale >= 4) { // slot borders only where they do not turn the strip grey
                g.setColor(Color.WHITE);
                g.setStroke(new BasicStroke(0.6f));
                g.drawLine((int) Math.round(start), y, (int) Math.round(start), y + h);
            }
            x = start + s.slotSize() * scale;
        }
        fill(g, INDEX, x, y, s.freelistBytes() * scale, h);
        x += s.freelistBytes() * scale;
        fill(g, TAIL, x, y, s.leftoverBytes() * scale, h);
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(LEFT, y, W - LEFT - RIGHT, h);
        legend(g, s, l, object, y + h + 18);
    }

    private static void drawSlot(Graphics2D g, Slab s, Labels l, Color object, int y) {
        int width = W - LEFT - RIGHT, h = 34;
        double scale = (double) width / s.slotSize();
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.setColor(Color.DARK_GRAY);
        g.drawString(l.slot(), LEFT, y - 4);
        fill(g, PAD, LEFT, y, width, h);
        fill(g, object, LEFT + s.redLeftPad() * scale, y, s.objectSize() * scale, h);
        if (s.freePointerOffset() >= 0) fill(g, FREEPTR, LEFT + s.freePointerOffset() * scale, y + h / 3.0, Math.max(2, 8 * scale), h / 3.0);
        g.setColor(Color.GRAY);
        g.drawRect(LEFT, y, width, h);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        tick(g, LEFT, y + h, "0");
        double objectEnd = LEFT + (s.redLeftPad() + s.objectSize()) * scale;
        if (LEFT + width - objectEnd > 40) tick(g, objectEnd, y + h, Long.toString(s.redLeftPad() + s.objectSize())); // else it would sit on the slot's end
        if (s.freePointerOffset() >= 0) tick(g, LEFT + s.freePointerOffset() * scale, y - 12, "+" + s.freePointerOffset());
        tick(g, LEFT + width, y + h, Long.toString(s.slotSize()));
    }

    private static void legend(Graphics2D g, Slab s, Labels l, Color object, int y) {
        int x = LEFT;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        x = key(g, x, y, object, l.object());
        if (s.freePointerOffset() >= 0) x = key(g, x, y, FREEPTR, l.freePointer());
        x = key(g, x, y, PAD, l.padding());
        if (s.freelistBytes() > 0) x = key(g, x, y, INDEX, l.freelist());
        key(g, x, y, TAIL, l.leftover());
    }

    private static int key(Graphics2D g, int x, int y, Color c, String text) {
        g.setColor(c);
        g.fillRect(x, y - 9, 10, 10);
        g.setColor(Color.DARK_GRAY);
        g.drawString(text, x + 14, y);
        return x + 14 + g.getFontMetrics().stringWidth(text) + 18;
    }

    private static void tick(Graphics2D g, double x, int y, String text) {
        FontMetrics fm = g.getFontMetrics();
        int tx = (int) Math.round(Math.min(Math.max(x - fm.stringWidth(text) / 2.0, LEFT), W - RIGHT - fm.stringWidth(text)));
        g.setColor(Color.DARK_GRAY);
        g.drawString(text, tx, y + 12);
    }

    private static void fill(Graphics2D g, Color c, double x, double y, double w, double h) {
        if (w <= 0) return;
        g.setColor(c);
        g.fill(new java.awt.geom.Rectangle2D.Double(x, y, w, h));
    }
}
