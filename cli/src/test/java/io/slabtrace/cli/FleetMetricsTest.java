package io.slabtrace.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The OpenMetrics file of {@code collect --openmetrics}, checked by the fleet's own tools (Debian's
 * {@code prometheus} and {@code prometheus-node-exporter}, which .ci/run installs): promtool's linter passes it,
 * node_exporter's textfile collector serves it without a scrape error and with the values of the input, and the
 * example rules in {@code cli/prometheus/} pass {@code promtool test rules}.
 */
class FleetMetricsTest {
    static final String TELEGRAF = Run.sample("public/slabinfo/telegraf-slab-plugin-slub.txt");

    @TempDir
    Path dir;

    /** The metrics file collect writes for {@code source}, read once. */
    private Path collect(Path source) throws IOException {
        Path textfiles = Files.createDirectories(dir.resolve("textfile"));
        Path prom = textfiles.resolve("slab.prom");
        Run r = Run.of("collect", "-o", dir.resolve("c").toString(), "--source", source.toString(), "--count", "1",
                "--interval", "100ms", "--openmetrics", prom.toString());
        assertEquals(0, r.status(), r.err());
        return prom;
    }

    /** telegraf's fixture, with a cache name printed twice appended (as kmem_cache_create() allows). */
    private Path fixtureWithTwins() throws IOException {
        Path f = dir.resolve("slabinfo");
        Files.writeString(f, Files.readString(Path.of(TELEGRAF)).stripTrailing() + "\n"
                + "dentry            1000   1050    192   21    1 : tunables    0    0    0 : slabdata     50     50      0\n"
                + "dentry              42     42    192   21    1 : tunables    0    0    0 : slabdata      2      2      0\n");
        return f;
    }

    @Test
    void promtoolAcceptsTheFileAndNoNameInvitesRate() throws Exception {
        Path prom = collect(fixtureWithTwins());
        String text = Files.readString(prom);
        Proc lint = Proc.run(List.of("promtool", "check", "metrics"), text);
        assertEquals(0, lint.status(), lint.out());
        assertEquals("", lint.out().strip(), "promtool's findings");
        assertFalse(text.contains("_total"), text);
        assertTrue(text.endsWith("# EOF\n"));
        for (String m : List.of("slab_objects", "slab_objects_active", "slab_object_size_bytes", "slab_objects_per_slab",
                "slab_pages_per_slab", "slab_slabs", "slab_memory_bytes", "slab_waste_bytes", "slab_info",
                "slab_collect_last_success_timestamp_seconds")) {
            assertTrue(text.contains("# TYPE " + m + " gauge\n"), m);
        }
        assertTrue(text.contains("# UNIT slab_memory_bytes bytes\n"));
        assertTrue(text.contains("# UNIT slab_collect_last_success_timestamp_seconds seconds\n"));
        assertTrue(text.matches("(?s).*\nslab_info\\{allocator=\"slub\",page_size=\"4096\",kernel=\"[^\"]+\"} 1\n.*"), text);
        assertTrue(text.contains("slab_objects{cache=\"dentry\"} 1050\n"), "the first twin keeps the plain label set");
        assertTrue(text.contains("slab_objects{cache=\"dentry\",occurrence=\"2\"} 42\n"), "the second is kept apart");
        assertTrue(text.contains("slab_memory_bytes{cache=\"kmalloc-1024\"} " + 7329L * 8 * 4096 + "\n"));
        assertTrue(text.contains("slab_objects_per_slab{cache=\"kmalloc-1024\"} 32\n"));
        assertTrue(text.contains("slab_pages_per_slab{cache=\"kmalloc-1024\"} 8\n"));
        Matcher at = Pattern.compile("\nslab_collect_last_success_timestamp_seconds (\\d+)\\.\\d{3}\n").matcher(text);
        assertTrue(at.find(), text);
        assertTrue(Math.abs(Long.parseLong(at.group(1)) - System.currentTimeMillis() / 1000) < 120);
    }

    @Test
    void nodeExporterServesTheFileWithoutAScrapeError() throws Exception {
        Path prom = collect(fixtureWithTwins());
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Process exporter = new ProcessBuilder("prometheus-node-exporter", "--web.listen-address=127.0.0.1:" + port,
                "--collector.disable-defaults", "--collector.textfile", "--collector.textfile.directory=" + prom.getParent())
                .redirectErrorStream(true).redirectOutput(dir.resolve("node_exporter.log").toFile()).start();
        try {
            String metrics = scrape(port);
            assertEquals(0.0, value(metrics, "node_textfile_scrape_error"), metrics);
            assertTrue(value(metrics, "node_textfile_mtime_seconds{file=\"" + prom + "\"}") > 1e9, "the file is seen");
            // node_exporter gives every series of a family the same label names: where a family has twins, the
            // other series have occurrence="", which Prometheus stores as no label at all
            String k = "{cache=\"kmalloc-1024\",occurrence=\"\"}";
            assertEquals(7329.0 * 8 * 4096, value(metrics, "slab_memory_bytes" + k));
            assertEquals(7329.0 * 8 * 4096 - 155845.0 * 1024, value(metrics, "slab_waste_bytes" + k));
            assertEquals(234304.0, value(metrics, "slab_objects" + k));
            assertEquals(155845.0, value(metrics, "slab_objects_active" + k));
            assertEquals(32.0, value(metrics, "slab_objects_per_slab" + k));
            assertEquals(8.0, value(metrics, "slab_pages_per_slab" + k));
            assertEquals(1024.0, value(metrics, "slab_object_size_bytes" + k));
            assertEquals(7329.0, value(metrics, "slab_slabs" + k));
            assertEquals(1050.0, value(metrics, "slab_objects{cache=\"dentry\",occurrence=\"\"}"));
            assertEquals(42.0, value(metrics, "slab_objects{cache=\"dentry\",occurrence=\"2\"}"));
            assertTrue(metrics.contains("slab_info{allocator=\"slub\",kernel=\""), metrics);
        } finally {
            exporter.destroy();
            if (!exporter.waitFor(10, TimeUnit.SECONDS)) exporter.destroyForcibly().waitFor();
        }
    }

    @Test
    void theExampleRulesPassTheirUnitTests() throws Exception {
        Path rules = Path.of("prometheus").toAbsolutePath();
        Proc check = Proc.run(List.of("promtool", "check", "rules", rules.resolve("slab-rules.yml").toString()), "");
        assertEquals(0, check.status(), check.out());
        assertTrue(check.out().contains("SUCCESS: 5 rules found"), check.out());
        Proc test = Proc.run(List.of("promtool", "test", "rules", rules.resolve("slab-rules.test.yml").toString()), "");
        assertEquals(0, test.status(), test.out());
        assertTrue(test.out().contains("SUCCESS"), test.out());
    }

    private static String scrape(int port) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).timeout(Duration.ofSeconds(10)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        IOException last = null;
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = http.send(get, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) return r.body();
            } catch (IOException e) { // not listening yet
                last = e;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("node_exporter did not answer on 127.0.0.1:" + port, last);
    }

    /** The value of the sample written exactly {@code series} in the exposition. */
    private static double value(String exposition, String series) {
        for (String line : exposition.split("\n")) {
            if (line.startsWith(series + " ")) return Double.parseDouble(line.substring(series.length() + 1).strip());
        }
        fail(series + " not served");
        return Double.NaN;
    }

    /** An external tool run to its end with {@code stdin}, its output and error together. */
    record Proc(int status, String out) {
        static Proc run(List<String> command, String stdin) throws Exception {
            Process p;
            try {
                p = new ProcessBuilder(command).redirectErrorStream(true).start();
            } catch (IOException e) {
                throw new AssertionError(command.get(0) + " is missing: install Debian's prometheus package (.ci/run does)", e);
            }
            try (var in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertNotNull(out);
            return new Proc(p.exitValue(), out);
        }
    }
}
