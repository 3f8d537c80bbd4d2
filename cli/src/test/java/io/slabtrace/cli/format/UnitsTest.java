package io.slabtrace.cli.format;

import org.junit.jupiter.api.Test;

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
}
