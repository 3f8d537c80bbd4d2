package io.slabtrace.cli.format;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UnitsTest {

    @Test
    void sizesHaveOneDecimalAndChartTicksDropOneThatReadsZero() {
        assertEquals("20.0 MiB", Units.bytes(20L << 20));
        assertEquals("20 MiB", Units.roundBytes(20L << 20));
        assertEquals("362 KiB", Units.roundBytes(370_700), "362.01 KiB shows as 362.0: the tick reads 362");
        assertEquals("1.5 MiB", Units.roundBytes(3L << 19));
        assertEquals("-2 GiB", Units.roundBytes(-(2L << 30)));
        assertEquals("512 B", Units.roundBytes(512));
    }

    @Test
    void oneDecimalIsFormattersOwnToTheCharacter() {
        // carries through nines, halves that the shortest decimal makes exact (1.45 reads "1.45": Formatter rounds it up, C's printf down), signs, extremes
        double[] edges = {0, -0.0, 0.05, 0.15, 0.95, 9.95, 999.96, 9999999.95, -99.95, 0.25, 0.35, 1.45, 2.675, 99.95, 99.96, -0.04, -0.05, -1.25, 1e-7, 123456789.25,
                1e300, Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (double v : edges) assertEquals(String.format(Locale.ROOT, "%.1f", v), Units.oneDecimal(v), "value " + v);
        SplittableRandom r = new SplittableRandom(18);
        for (int i = 0; i < 200_000; i++) {
            double v = switch (i % 4) {
                case 0 -> r.nextDouble() * 100;                          // percentages
                case 1 -> Math.round(r.nextDouble() * 100_000) / 1000.0; // three decimals, many halves
                case 2 -> r.nextLong(1, 1L << 40) / 1024.0;              // sizes in KiB
                default -> (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(-3, 12));
            };
            assertEquals(String.format(Locale.ROOT, "%.1f", v), Units.oneDecimal(v), "value " + v);
        }
        assertEquals("12.5%", Units.percent(0.125));
    }
}
