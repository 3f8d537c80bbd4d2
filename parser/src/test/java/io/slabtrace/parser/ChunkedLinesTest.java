package io.slabtrace.parser;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every line arrives once, whole and in order, with its pre-parse, whatever the input's size and last byte. */
class ChunkedLinesTest {

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 100, ChunkedLines.FIRST_CHUNK - 1, ChunkedLines.FIRST_CHUNK, ChunkedLines.FIRST_CHUNK + 1,
            3 * ChunkedLines.CHUNK + 12_345})
    void linesArriveWholeAndInOrder(int size) throws Exception {
        for (boolean newlineAtEnd : new boolean[]{true, false}) {
            StringBuilder text = new StringBuilder(size + 100);
            List<String> expected = new ArrayList<>();
            for (int n = 0; text.length() < size; n++) {
                String line = "line " + n + " " + "x".repeat(n % 97);
                expected.add(line);
                text.append(line).append('\n');
            }
            if (!newlineAtEnd && text.length() > 0) text.setLength(text.length() - 1);
            List<String> got = new ArrayList<>();
            InputStream in = new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.ISO_8859_1));
            ChunkedLines.feed(in, new ChunkedLines.Handler<Integer>() {
                @Override
                public Integer preparse(byte[] buf, int from, int to) {
                    return to - from;
                }

                @Override
                public void line(byte[] buf, int from, int to, Integer length) {
                    assertEquals(to - from, (int) length, "the pre-parse belongs to its line");
                    got.add(new String(buf, from, to - from, StandardCharsets.ISO_8859_1));
                }
            });
            assertEquals(expected, got, size + " bytes, newline at the end: " + newlineAtEnd);
        }
    }
}
