package io.slabtrace.parser;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

class NameTableTest {

    @Test
    void workersRacingOnNewNamesGetOneStringEach() throws Exception {
        NameTable table = new NameTable();
        int names = 5_000; // past the first table size: it grows while others read it
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String[]>> seen = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int offset = w;
                seen.add(pool.submit(() -> {
                    start.await();
                    String[] got = new String[names];
                    for (int k = 0; k < names; k++) {
                        int n = (k * 7 + offset * 1237) % names; // each worker meets the names in its own order
                        byte[] line = ("  kmalloc-" + n + "  ").getBytes(StandardCharsets.ISO_8859_1);
                        got[n] = table.intern(line, 2, line.length - 2);
                    }
                    return got;
                }));
            }
            start.countDown();
            String[] first = seen.get(0).get();
            for (Future<String[]> f : seen) {
                String[] got = f.get();
                for (int n = 0; n < names; n++) {
                    assertEquals("kmalloc-" + n, got[n]);
                    assertSame(first[n], got[n], "one String for kmalloc-" + n);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void namesThatAreNotAsciiAreDecodedAndNotKept() {
        NameTable table = new NameTable();
        byte[] utf8 = "caché".getBytes(StandardCharsets.UTF_8);
        String a = table.intern(utf8, 0, utf8.length), b = table.intern(utf8, 0, utf8.length);
        assertEquals("caché", a);
        assertNotSame(a, b);
    }
}
