package io.slabtrace.parser.slabinfo;

import io.slabtrace.model.CacheStats;
import io.slabtrace.parser.NameTable;
import io.slabtrace.parser.Problems;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fast path must give exactly what the reference parser gives, or step aside. */
class StandardRowTest {

    @Test
    void fastPathAgreesWithTheGeneralParserOnEveryCorpusRow() throws Exception {
        SlabinfoParser general = new SlabinfoParser("t", Problems.collecting(), s -> { }, ZoneOffset.UTC);
        general.line("slabinfo - version: 2.1");
        StandardRow fast = new StandardRow(new NameTable());
        int taken = 0, declined = 0;
        List<Path> files;
        try (Stream<Path> s = Files.walk(CorpusSlabinfoTest.sample(""))) {
            files = s.filter(Files::isRegularFile).filter(p -> p.toString().contains("slabinfo")).toList();
        }
        for (Path f : files) {
            for (String line : Files.readAllLines(f, StandardCharsets.ISO_8859_1)) {
                byte[] b = line.strip().getBytes(StandardCharsets.ISO_8859_1);
                CacheStats quick = fast.parse(b, 0, b.length);
                if (quick == null) {
                    declined++;
                    continue;
                }
                taken++;
                assertEquals(general.generalRow(b, 0, b.length), quick, line);
            }
        }
        assertTrue(taken > 10_000, "fast path used " + taken);
        assertTrue(declined > 100, "declined " + declined);
    }

    @Test
    void aRowUnchangedSinceItsCacheWasLastSeenIsTheSameRecordAndAChangedOneIsReadAgain() {
        StandardRow fast = new StandardRow(new NameTable());
        // one buffer, as a chunk holds them: rows are ranges of it
        String[] rows = {"dentry 10 21 192 21 1 : tunables 0 0 0 : slabdata 1 1 0",
                "kmalloc-64 100 128 64 64 1 : tunables 0 0 0 : slabdata 2 2 0",
                "dentry 10 21 192 21 1 : tunables 0 0 0 : slabdata 1 1 0",
                "dentry 11 21 192 21 1 : tunables 0 0 0 : slabdata 1 1 0",
                "dentry 99 21 192 21 1 : tunables 0 0 0 : slabdata 1 281474976710657 0"};
        byte[] chunk = String.join("\n", rows).getBytes(StandardCharsets.US_ASCII);
        CacheStats[] read = new CacheStats[rows.length];
        for (int i = 0, from = 0; i < rows.length; from += rows[i++].length() + 1) read[i] = fast.usable(chunk, from, from + rows[i].length());
        assertEquals("dentry", read[0].name());
        assertEquals(100, read[1].activeObjs());
        assertSame(read[0], read[2]);
        assertEquals(11, read[3].activeObjs());
        assertNull(read[4], "num_slabs past 2^48: left to the reference parser, which reports it");
        byte[] again = rows[3].getBytes(StandardCharsets.US_ASCII);
        assertSame(read[3], fast.usable(again, 0, again.length));
    }

    @Test
    void unusualRowsAreLeftToTheGeneralParser() {
        StandardRow fast = new StandardRow(new NameTable());
        for (String row : List.of(
                "my cache 1 2 64 64 1 : tunables 0 0 0 : slabdata 1 1 0",
                "dentry\t1 2 64 64 1 : tunables 0 0 0 : slabdata 1 1 0",
                "dentry 1 2 64 64 1 : tunables 0 0 0 : slabdata 1 1 0 : globalstat 1 2 3 4 5 6 7 8 9",
                "dentry 1 2 64 64 1 : tunables 0 0 : slabdata 1 1 0",
                "dentry 1 2 64 64 : tunables 0 0 0 : slabdata 1 1 0",
                "dentry 1 2x 64 64 1 : tunables 0 0 0 : slabdata 1 1 0",
                "dentry 1 2 64 64 1 : tunables 0 0 0 : slabdata 1 1 0 7")) {
            byte[] b = row.getBytes(StandardCharsets.US_ASCII);
            assertNull(fast.parse(b, 0, b.length), row);
        }
    }
}
