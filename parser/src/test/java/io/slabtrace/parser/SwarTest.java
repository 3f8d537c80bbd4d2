package io.slabtrace.parser;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SwarTest {

    @Test
    void scansAgreeWithAPlainLoopAtEveryOffset() {
        Random r = new Random(42);
        byte[] alphabet = " \n a0:\t\u00e9".getBytes(StandardCharsets.UTF_8);
        for (int round = 0; round < 2000; round++) {
            byte[] b = new byte[r.nextInt(40)];
            for (int i = 0; i < b.length; i++) b[i] = alphabet[r.nextInt(alphabet.length)];
            for (int from = 0; from <= b.length; from++) {
                int plainSpace = from, plainNl = from;
                while (plainSpace < b.length && b[plainSpace] == ' ') plainSpace++;
                while (plainNl < b.length && b[plainNl] != '\n') plainNl++;
                assertEquals(plainSpace, Swar.skipSpaces(b, from, b.length), "round " + round);
                assertEquals(plainNl, Swar.indexOfNewline(b, from, b.length), "round " + round);
            }
        }
    }
}
