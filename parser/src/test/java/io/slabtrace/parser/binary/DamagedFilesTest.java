package io.slabtrace.parser.binary;

import io.slabtrace.model.trace.KmemEvent;
import io.slabtrace.parser.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The real captures cut short at many offsets and with single bytes flipped: every read either ends
 * normally or in an {@link InputException} that names the file; no other exception escapes.
 */
class DamagedFilesTest {
    @TempDir
    Path tmp;

    /** Reads the damaged bytes; fails on anything but a result or an InputException naming the file. Returns whether it threw. */
    private boolean survives(byte[] data, String what) throws Exception {
        Path f = tmp.resolve("damaged");
        Files.write(f, data);
        long[] n = {0};
        try {
            BinaryTraces.read(f, e -> n[0]++);
            return false;
        } catch (InputException e) {
            assertTrue(e.getMessage().startsWith(f.toString()), what + ": the message names the file: " + e.getMessage());
            assertTrue(e.getCause() == null, what + ": found by a rule of the reader, not by a runtime exception: " + e.getMessage());
            return true;
        } catch (Throwable t) {
            fail(what + ": " + t, t);
            return false;
        }
    }

    /** Cut points: every byte of the first 80, then spread over the file, then around the given offsets. */
    private static TreeSet<Integer> cuts(int length, int spread, int... around) {
        TreeSet<Integer> cuts = new TreeSet<>();
        for (int i = 0; i < 80; i++) cuts.add(i);
        for (int i = 1; i < spread; i++) cuts.add((int) ((long) length * i / spread));
        for (int a : around) for (int d = -20; d <= 20; d += 3) if (a + d > 0 && a + d < length) cuts.add(a + d);
        return cuts;
    }

    private void truncations(byte[] full, TreeSet<Integer> cuts, String name) throws Exception {
        int threw = 0;
        for (int cut : cuts) if (survives(java.util.Arrays.copyOf(full, cut), name + " cut at " + cut)) threw++;
        assertTrue(threw > cuts.size() / 2, name + ": most cuts are reported (" + threw + " of " + cuts.size() + ")");
    }

    private void flips(byte[] full, int count, long seed, String name, int[]... ranges) throws Exception {
        Random r = new Random(seed);
        for (int i = 0; i < count; i++) {
            int[] range = ranges[i % ranges.length];
            int at = range[0] + r.nextInt(range[1] - range[0]);
            byte[] d = full.clone();
            d[at] ^= (byte) (1 << r.nextInt(8));
            survives(d, name + " with byte " + at + " flipped");
        }
    }

    @Test
    void traceDatV7Zstd() throws Exception {
        byte[] full = Files.readAllBytes(Samples.capture("kmem-v7-zstd.dat", tmp));
        // 37 header section, 2063 formats, 1137349 printk, 1139077 options, 1139657 flyrecord, 1142784/1204224 CPU data, 1341031 last options
        truncations(full, cuts(full.length, 40, 37, 2063, 124459, 1139077, 1139657, 1142784, 1204224, 1341031), "v7-zstd");
        flips(full, 120, 7, "v7-zstd", new int[]{0, 400}, new int[]{1139077, 1142784}, new int[]{1341031, full.length}, new int[]{1142784, 1341031});
    }

    @Test
    void traceDatV6() throws Exception {
        byte[] full = Files.readAllBytes(Samples.capture("kmem-v6.dat", tmp));
        truncations(full, cuts(full.length, 20, 0x71a000, 0x79f000), "v6");
        flips(full, 40, 11, "v6", new int[]{0, 3000}, new int[]{0x71a000 - 1200, 0x71a000 + 100}, new int[]{0x71a000, full.length});
    }

    @Test
    void perfData() throws Exception {
        byte[] full = Files.readAllBytes(Samples.capture("kmem-perf.data", tmp));
        int data = 904, features = 3805600;
        truncations(full, cuts(full.length, 40, data, features, full.length - 100), "perf.data");
        flips(full, 120, 13, "perf.data", new int[]{0, data}, new int[]{features, full.length}, new int[]{data, features});
    }

    @Test
    void aFileOfAnotherKindIsNamedAsSuch() throws Exception {
        Path f = tmp.resolve("text");
        Files.writeString(f, "# tracer: nop\n");
        InputException e = assertThrows(InputException.class, () -> BinaryTraces.read(f, x -> { }));
        assertTrue(e.getMessage().contains("neither a trace.dat nor a perf.data"), e.getMessage());
        assertThrows(InputException.class, () -> BinaryTraces.read(tmp.resolve("missing"), x -> { }));
    }

    @Test
    void theSinksOwnExceptionPassesThroughAfterTheFirstEvent() throws Exception {
        // also shows the streaming: the first event reaches the sink before the reader has gone through the file
        IllegalStateException stop = new IllegalStateException("enough");
        List<KmemEvent> seen = new ArrayList<>();
        for (String capture : new String[]{"kmem-v7-zstd.dat", "kmem-perf.data"}) {
            seen.clear();
            IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> BinaryTraces.read(Samples.capture(capture, tmp), e -> {
                seen.add(e);
                throw stop;
            }));
            assertSame(stop, thrown);
            assertEquals(1, seen.size());
        }
    }
}
