package io.slabtrace.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The peer is the oracle: per call site, the allocations, bytes allocated and bytes requested that replay reports
 * equal what {@code perf kmem --caller stat} printed for the same capture (samples/traces-6.18/README.md says how
 * both were made), whether replay reads the perf.data itself or the text perf script made of it.
 */
class PerfKmemAgreementTest {
    private static final Path DIR = Path.of(Run.sample("traces-6.18"));
    /** {@code  single_open_size+3c | 4096/4096 | 2128/2128 | 1 | 0 | 48.047%}: call site, total alloc, total req, hits. */
    private static final Pattern ROW = Pattern.compile("\\s*(\\S+)\\s*\\|\\s*(\\d+)/\\d+\\s*\\|\\s*(\\d+)/\\d+\\s*\\|\\s*(\\d+)\\s*\\|.*");

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0} against {1}")
    @CsvSource({
            "kmem-perf.script.txt.gz, kmem-perf.kmem-caller.txt",
            "kmem-perf.script-F.txt.gz, kmem-perf.kmem-caller.txt",
            "kmem-perf.data.gz, kmem-perf.kmem-caller.txt",
    })
    void callSitesEqualPerfKmem(String capture, String perfKmem) throws Exception {
        Path input = DIR.resolve(capture);
        if (capture.endsWith(".data.gz")) { // the binary reader takes the file itself
            input = tmp.resolve("kmem-perf.data");
            try (InputStream in = new GZIPInputStream(Files.newInputStream(DIR.resolve(capture)))) {
                Files.copy(in, input);
            }
        }
        Run r = Run.of("replay", input.toString(), "--format", "json");
        assertEquals(0, r.status(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(0, j.get("trace").get("skipped_lines").asLong(), "every line read");
        assertEquals(33456, j.get("trace").get("events").asLong(), "perf record wrote 33456 samples");

        Map<String, long[]> ours = new TreeMap<>();
        for (JsonNode c : j.get("call_sites")) { // replay keys by call site and cache; perf kmem by call site alone
            long[] v = ours.computeIfAbsent(c.get("call_site").asText().replace("+0x", "+"), k -> new long[3]);
            v[0] += c.get("allocs").asLong();
            v[1] += c.get("bytes_alloc").asLong();
            v[2] += c.get("bytes_req").asLong();
        }
        // a perf.data holds no symbols: on a host running its release they are named as perf kmem names them, else they
        // stay addresses, which perf kmem --raw-ip prints
        if (ours.keySet().stream().allMatch(site -> site.startsWith("0xffffffff"))) perfKmem = perfKmem.replace(".txt", "-raw.txt");
        Map<String, long[]> perf = new TreeMap<>();
        for (String line : Files.readAllLines(DIR.resolve(perfKmem))) {
            Matcher m = ROW.matcher(line);
            if (m.matches() && !m.group(1).equals("Callsite")) {
                perf.put(m.group(1), new long[] {Long.parseLong(m.group(4)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3))});
            }
        }
        assertTrue(perf.size() > 80, "perf kmem's table read: " + perf.size() + " call sites");
        assertEquals(perf.keySet(), ours.keySet());
        perf.forEach((site, v) -> assertEquals(java.util.Arrays.toString(v), java.util.Arrays.toString(ours.get(site)),
                site + ": hits, bytes allocated, bytes requested"));
        long req = ours.values().stream().mapToLong(v -> v[2]).sum(), alloc = ours.values().stream().mapToLong(v -> v[1]).sum();
        assertEquals(7_570_157, req, "perf kmem's SUMMARY: Total bytes requested");
        assertEquals(7_673_576, alloc, "perf kmem's SUMMARY: Total bytes allocated");
    }
}
