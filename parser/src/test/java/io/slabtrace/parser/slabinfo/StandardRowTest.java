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
