package io.slabtrace.parser;

import io.slabtrace.model.Snapshot;
import io.slabtrace.parser.slabinfo.CorpusSlabinfoTest;
import io.slabtrace.parser.slabinfo.SlabinfoReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InputsTest {
    static final Path SERIES = CorpusSlabinfoTest.sample("live-6.18/dentry-storm/slabinfo-loop.log");
    static final Path ONE = CorpusSlabinfoTest.sample("live-6.18/slabinfo.before");

    @TempDir
    Path dir;

    List<Snapshot> read(String spec) throws InputException {
        return new SlabinfoReader(Problems.collecting()).readAll(spec);
    }

    @Test
    void liveSeriesHasFortyTimedSnapshotsOfEveryCache() throws Exception {
        List<Snapshot> s = read(SERIES.toString());
        assertEquals(40, s.size());
        assertTrue(s.stream().allMatch(x -> x.caches().size() == 235 && x.timestamp() != null));
        assertEquals("2026-11-25T12:50:16.348236639Z", s.get(0).timestamp().toString());
    }

    @Test
    void gzipIsRecognisedByItsBytesNotItsName() throws Exception {
        Path gz = dir.resolve("series-without-suffix");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(SERIES, out);
        }
        assertEquals(40, read(gz.toString()).size());
    }

    @Test
    void directoryOfSnapshotsIsReadInNaturalOrder() throws Exception {
        Files.copy(ONE, dir.resolve("snap-10"));
        Files.copy(CorpusSlabinfoTest.sample("live-6.18/slabinfo.after"), dir.resolve("snap-2"));
        List<Snapshot> s = read(dir.toString());
        assertEquals(2, s.size());
        assertTrue(s.get(0).source().endsWith("snap-2"));
    }

    @Test
    void sosreportTreeIsReadThroughItsProcSlabinfo() throws Exception {
        Files.createDirectories(dir.resolve("proc"));
        Files.copy(CorpusSlabinfoTest.sample("public/slabinfo/rhel8.0-4.18.0-80-coreos-sosreport-slub.txt"), dir.resolve("proc/slabinfo"));
        Files.writeString(dir.resolve("version.txt"), "sosreport 3.6\n");
        assertEquals(142, read(dir.toString()).get(0).caches().size());
    }

    @Test
    void unusableInputsFailWithOneClearLine() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty"));
        Path binary = dir.resolve("binary");
        Files.write(binary, new byte[] {0x7e, 'E', 'L', 'F', 0, 0, 1});
        Path elf = dir.resolve("vmlinux");
        Files.write(elf, new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
        Path traceDat = dir.resolve("trace.dat.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(traceDat))) {
            out.write(new byte[] {0x17, 0x08, 0x44, 't', 'r', 'a', 'c', 'i', 'n', 'g', '6', 0});
        }
        Path prose = dir.resolve("prose.txt");
        Files.writeString(prose, "hello\nworld\n");
        assertEquals(empty + ": empty file, expected /proc/slabinfo text", assertThrows(InputException.class, () -> read(empty.toString())).getMessage());
        assertEquals(binary + ": binary file (NUL byte at offset 4), expected text", assertThrows(InputException.class, () -> read(binary.toString())).getMessage());
        // a binary of a known kind is named, with what to run instead
        assertTrue(assertThrows(InputException.class, () -> read(elf.toString())).getMessage()
                .startsWith(elf + ": an ELF file (a program, a module or a vmcore); for a vmcore use crash or drgn"));
        assertEquals(traceDat + ": a gzip-compressed file holding a trace-cmd trace.dat; give the file itself (not compressed) to replay or report",
                assertThrows(InputException.class, () -> read(traceDat.toString())).getMessage());
        assertEquals(dir.resolve("nope") + ": no such file or directory", assertThrows(InputException.class, () -> read(dir.resolve("nope").toString())).getMessage());
        assertEquals(prose + ": no /proc/slabinfo snapshot found (2 lines read, 2 not understood)", assertThrows(InputException.class, () -> read(prose.toString())).getMessage());
    }

    @Test
    void truncatedGzipKeepsTheSnapshotsBeforeTheCut() throws Exception {
        Path gz = dir.resolve("cut.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(SERIES, out);
        }
        byte[] all = Files.readAllBytes(gz);
        Files.write(gz, java.util.Arrays.copyOf(all, all.length / 2));
        Problems problems = Problems.collecting();
        List<Snapshot> s = new SlabinfoReader(problems).readAll(gz.toString());
        assertTrue(s.size() >= 15 && s.size() < 40, "snapshots " + s.size());
        assertTrue(problems.first().stream().anyMatch(p -> p.message().startsWith("input ends early")));
    }

    @Test
    void naturalOrderComparesDigitRunsAsNumbers() {
        assertTrue(Inputs.naturalOrder("snap-2", "snap-10") < 0);
        assertTrue(Inputs.naturalOrder("a", "b") < 0);
        assertEquals(0, Inputs.naturalOrder("x-007", "x-7"));
    }
}
