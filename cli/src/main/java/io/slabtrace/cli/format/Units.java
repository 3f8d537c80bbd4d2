package io.slabtrace.cli.format;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** Sizes and ratios as people read them: binary units, one decimal. */
public final class Units {
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    private Units() {
    }

    public static String bytes(long n) {
        return bytes(n, false);
    }

    /** As {@link #bytes}, without a decimal that would read ".0": chart ticks read "20 MiB", "362 KiB". */
    public static String roundBytes(long n) {
        return bytes(n, true);
    }

    private static String bytes(long n, boolean dropWholeDecimal) {
        long abs = Math.abs(n);
        if (abs < 1024) return n + " B";
        int u = 0;
        double v = abs;
        while (v >= 1024 && u < UNITS.length - 1) {
            v /= 1024;
            u++;
        }
        double tenths = Math.round(v * 10) / 10.0; // what one decimal shows
        String number = dropWholeDecimal && tenths == Math.rint(tenths) ? Long.toString((long) tenths) : oneDecimal(v);
        return (n < 0 ? "-" : "") + number + " " + UNITS[u];
    }

    public static String signedBytes(long n) {
        return n > 0 ? "+" + bytes(n) : bytes(n);
    }

    public static String percent(double ratio) {
        return oneDecimal(ratio * 100) + "%";
    }

    /**
     * {@code String.format(Locale.ROOT, "%.1f", v)}, to the character: Formatter rounds the shortest decimal that
     * reads back as {@code v} half up, as this does. Not Formatter itself: its first use sets up locale data that
     * costs a 'top' run about a fifth of its time.
     */
    public static String oneDecimal(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) return String.format(Locale.ROOT, "%.1f", v);
        String shortest = Double.toString(Math.abs(v));
        String digits = shortest.indexOf('E') < 0 ? tenthsHalfUp(shortest) // every size and percentage top prints
                : new BigDecimal(shortest).setScale(1, RoundingMode.HALF_UP).toPlainString();
        return Double.doubleToRawLongBits(v) < 0 ? "-" + digits : digits; // Formatter keeps the sign of -0.04 and -0.0
    }

    /**
     * A plain decimal such as {@code 123.456} (Double.toString's form from 10^-3 to 10^7) to one decimal, half up:
     * BigDecimal's {@code setScale(1, HALF_UP)} without BigDecimal, whose first uses, interpreted, were a tenth of the
     * printing of a cold 'top'.
     */
    private static String tenthsHalfUp(String plain) {
        int dot = plain.indexOf('.');
        char[] kept = plain.substring(0, dot + 2).toCharArray(); // through the first decimal; Double.toString always has one
        if (dot + 2 >= plain.length() || plain.charAt(dot + 2) < '5') return new String(kept);
        for (int i = kept.length - 1; i >= 0; i--) { // carry the rounding up through the nines
            if (kept[i] == '.') continue;
            if (kept[i] != '9') {
                kept[i]++;
                return new String(kept);
            }
            kept[i] = '0';
        }
        return "1" + new String(kept);
    }

    public static String signed(long n) {
        return n > 0 ? "+" + n : Long.toString(n);
    }
}
