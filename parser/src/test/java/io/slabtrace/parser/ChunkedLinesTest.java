package io.slabtrace.parser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
                public ChunkedLines.Preparse<Integer> preparser() {
                    return (buf, from, to) -> to - from;
                }

                @Override
                public void line(byte[] buf, int from, int to, Integer length) {
                    assertEquals(to - from, (int) length, "the pre-parse belongs to its line");
                    got.add(new String(buf, from, to - from, StandardCharsets.ISO_8859_1));
                }

                @Override
                public void overlong(long bytes) {
                    got.add("overlong " + bytes);
                }
            });
            assertEquals(expected, got, size + " bytes, newline at the end: " + newlineAtEnd);
        }
    }

    /** Lines past the limit, inside a chunk or spanning many, are read past and counted in their place; the rest arrive whole. */
    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(longs = {LineBytes.MAX_LINE + 1, 3L * ChunkedLines.CHUNK + 7, (1L << 30) + 5})
    void linesPastTheLimitAreCountedNotHeld(long length) throws Exception {
        byte[] head = "first\n".getBytes(StandardCharsets.US_ASCII), tail = "\nlast\n".getBytes(StandardCharsets.US_ASCII);
        // the long line is generated as it is read: a 1 GiB line must cost no 1 GiB array (the old buffer doubling overflowed past it)
        InputStream in = new InputStream() {
            long at;
            final long total = head.length + length + tail.length;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0];
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (at >= total) return -1;
                int n = (int) Math.min(len, total - at);
                for (int i = 0; i < n; i++, at++) {
                    b[off + i] = at < head.length ? head[(int) at] : at < head.length + length ? (byte) 'a' : tail[(int) (at - head.length - length)];
                }
                return n;
            }
        };
        List<String> got = new ArrayList<>();
        ChunkedLines.feed(in, new ChunkedLines.Handler<Object>() {
            @Override
            public ChunkedLines.Preparse<Object> preparser() {
                return (buf, from, to) -> null;
            }

            @Override
            public void line(byte[] buf, int from, int to, Object ignored) {
                got.add(new String(buf, from, to - from, StandardCharsets.ISO_8859_1));
            }

            @Override
            public void overlong(long bytes) {
                got.add("overlong " + bytes);
            }
        });
        assertEquals(List.of("first", "overlong " + length, "last"), got);
    }

    /** Numbered lines of 100 bytes, then a read that fails: a gzip stream cut off many chunks in. */
    private static InputStream failingAfter(long bytes) {
        return new InputStream() {
            long at;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0];
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (at >= bytes) throw new IOException("Unexpected end of ZLIB input stream");
                int n = (int) Math.min(len, bytes - at);
                for (int i = 0; i < n; i++, at++) b[off + i] = at % 100 == 99 ? (byte) '\n' : (byte) ('0' + (at / 100) % 10);
                return n;
            }
        };
    }

    private static ChunkedLines.Handler<Object> counting(List<String> got, RuntimeException failAt5000) {
        return new ChunkedLines.Handler<>() {
            @Override
            public ChunkedLines.Preparse<Object> preparser() {
                return (buf, from, to) -> null;
            }

            @Override
            public void line(byte[] buf, int from, int to, Object ignored) {
                if (failAt5000 != null && got.size() == 5000) throw failAt5000;
                got.add(new String(buf, from, to - from, StandardCharsets.ISO_8859_1));
            }

            @Override
            public void overlong(long bytes) {
                got.add("overlong " + bytes);
            }
        };
    }

    @Test
    void aReadFailingManyChunksInKeepsTheWholeLinesBeforeItAndSaysSo() {
        long bytes = 3L * ChunkedLines.CHUNK + 50; // past the first chunk: the reading thread's path; ends mid-line
        List<String> got = new ArrayList<>();
        IOException e = assertThrows(IOException.class, () -> ChunkedLines.feed(failingAfter(bytes), counting(got, null)));
        assertEquals("Unexpected end of ZLIB input stream", e.getMessage());
        assertEquals(bytes / 100, got.size(), "every whole line before the failure, the cut one dropped");
        assertEquals(99, got.get(got.size() - 1).length());
    }

    @Test
    void aHandlerThatFailsEndsTheReadWithItsOwnException() {
        List<String> got = new ArrayList<>();
        IllegalStateException boom = new IllegalStateException("handler failed");
        // a stream that never ends: the reading thread must stop when the calling thread gives up, not hold it
        InputStream endless = failingAfter(Long.MAX_VALUE);
        assertSame(boom, assertThrows(IllegalStateException.class, () -> ChunkedLines.feed(endless, counting(got, boom))));
        assertEquals(5000, got.size());
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (readerAlive() && System.nanoTime() < deadline) Thread.onSpinWait();
        assertEquals(false, readerAlive(), "the reading thread stopped");
    }

    private static boolean readerAlive() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("slabtrace-read") && t.isAlive());
    }

    @Test
    void textLinesSkipsALongLineAndKeepsCountingLines() throws Exception {
        String text = "a\r\n" + "x".repeat(LineBytes.MAX_LINE + 10) + "\rb\nc";
        TextLines r = new TextLines(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)), StandardCharsets.US_ASCII);
        assertEquals("a", r.readLine());
        assertEquals(0, r.overlong());
        assertEquals("", r.readLine());
        assertEquals(LineBytes.MAX_LINE + 10, r.overlong());
        assertEquals("b", r.readLine());
        assertEquals("c", r.readLine());
        assertEquals(null, r.readLine());
    }
}
