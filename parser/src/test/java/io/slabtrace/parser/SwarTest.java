package io.slabtrace.parser;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SwarTest {

    @Test
    void scansAgreeWithAPlainLoopAtEveryOffset() {
        Random r = new Random(42);
        byte[] alphabet = " \n a0:\t\u00e9\u00ba".getBytes(StandardCharsets.UTF_8);
        for (int round = 0; round < 2000; round++) {
            byte[] b = new byte[r.nextInt(40)];
            for (int i = 0; i < b.length; i++) b[i] = alphabet[r.nextInt(alphabet.length)];
            for (int from = 0; from <= b.length; from++) {
                int plainNl = from, plainColon = from;
                while (plainNl < b.length && b[plainNl] != '\n') plainNl++;
                while (plainColon < b.length && b[plainColon] != ':') plainColon++;
                assertEquals(plainColon, Swar.indexOf(b, from, b.length, (byte) ':'), "round " + round);
                assertEquals(plainNl, Swar.indexOfNewline(b, from, b.length), "round " + round);
            }
        }
    }

    @Test
    void lowestByteIsTheByteOfTheLowestSetBit() {
        for (int bit = 0; bit < 64; bit++) {
            assertEquals(bit >>> 3, Swar.lowestByte(1L << bit), "bit " + bit);
            assertEquals(bit >>> 3, Swar.lowestByte(-1L << bit), "bits from " + bit);
        }
        Random r = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            long x = r.nextLong();
            if (x != 0) assertEquals(Long.numberOfTrailingZeros(x) >>> 3, Swar.lowestByte(x), Long.toHexString(x));
        }
    }
}
