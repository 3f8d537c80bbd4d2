package io.slabtrace.cli;

import java.util.Locale;

/** Sizes and ratios as people read them: binary units, one decimal. */
public final class Units {
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    private Units() {
    }

    public static String bytes(long n) {
        long abs = Math.abs(n);
        if (abs < 1024) return n + " B";
        int u = 0;
        double v = abs;
        while (v >= 1024 && u < UNITS.length - 1) {
            v /= 1024;
            u++;
        }
        return (n < 0 ? "-" : "") + String.format(Locale.ROOT, "%.1f %s", v, UNITS[u]);
    }

    public static String signedBytes(long n) {
        return n > 0 ? "+" + bytes(n) : bytes(n);
    }

    public static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.1f%%", ratio * 100);
    }

    public static String signed(long n) {
        return n > 0 ? "+" + n : Long.toString(n);
    }
}
