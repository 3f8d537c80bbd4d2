package io.slabtrace.cli.report;

import io.slabtrace.cli.format.Units;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.TickUnits;

import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;

/** Axis ticks in binary units (KiB, MiB), as slabtop and the kernel's own tools print sizes. */
class ByteAxisFormat extends NumberFormat {

    /** Tick steps of 1, 2 and 5 (times powers of ten) of a binary unit, so ticks read 20 MiB, not 19.1 MiB. */
    static TickUnits ticks() {
        return ticks(new ByteAxisFormat());
    }

    static TickUnits ticks(ByteAxisFormat f) {
        TickUnits units = new TickUnits();
        for (long unit = 1; unit <= 1L << 40; unit <<= 10) {
            for (long decade = 1; decade <= 100; decade *= 10) {
                for (long step : new long[] {1, 2, 5}) units.add(new NumberTickUnit((double) unit * decade * step, f));
            }
        }
        return units;
    }

    @Override
    public StringBuffer format(double number, StringBuffer to, FieldPosition pos) {
        return to.append(Units.roundBytes(Math.round(number)));
    }

    @Override
    public StringBuffer format(long number, StringBuffer to, FieldPosition pos) {
        return to.append(Units.roundBytes(number));
    }

    /** A rate: the same units per second, signed. */
    static final class PerSecond extends ByteAxisFormat {
        @Override
        public StringBuffer format(double number, StringBuffer to, FieldPosition pos) {
            return super.format(number, to, pos).append("/s");
        }

        @Override
        public StringBuffer format(long number, StringBuffer to, FieldPosition pos) {
            return super.format(number, to, pos).append("/s");
        }
    }

    @Override
    public Number parse(String source, ParsePosition pos) {
        throw new UnsupportedOperationException("axis labels are only written");
    }
}
