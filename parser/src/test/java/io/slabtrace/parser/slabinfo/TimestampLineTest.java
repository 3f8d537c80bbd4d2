package io.slabtrace.parser.slabinfo;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The hand-written reading of {@code date +%s[.%N]} takes exactly the lines its regular expression took. */
class TimestampLineTest {
    private final TimestampLine times = new TimestampLine(ZoneOffset.UTC);

    @Test
    void epochSecondsWithNineToElevenDigitsAndUpToNineFractionDigits() {
        assertEquals(Instant.ofEpochSecond(123456789), times.parse("123456789"));
        assertEquals(Instant.ofEpochSecond(12345678901L), times.parse("12345678901"));
        assertEquals(Instant.ofEpochSecond(1795611016, 500_000_000), times.parse("1795611016,5"));
        assertEquals(Instant.ofEpochSecond(1795611016, 348_236_639), times.parse(" 1795611016.348236639 "));
        assertEquals(Instant.ofEpochSecond(1795611016, 1), times.parse("1795611016.000000001"));
    }

    @Test
    void otherDigitRunsAreNoTimestamp() {
        for (String line : new String[]{"12345678", "123456789012", "1795611016.", "1795611016.1234567891", "1795611016.5x",
                "1795611016 .5", "1795611016.-5", "17956x11016"}) {
            assertNull(times.parse(line), line);
        }
    }
}
