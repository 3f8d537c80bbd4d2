package io.slabtrace.cli.collect;

import io.slabtrace.model.trace.KmemEvent;
import io.slabtrace.model.trace.TraceStats;
import io.slabtrace.parser.binary.BinaryTraces;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The recorder's trace.dat, written from the pages and format files of a real capture (samples/traces-6.18:
 * trace-cmd's own v6 file of it, its CPUs' pages, and the kernel's format files), read back by this project's
 * reader and by Debian's trace-cmd: the same events and the same losses as the capture trace-cmd wrote.
 */
public class TraceDatWriterTest {
    static final Path SAMPLES = Path.of(System.getProperty("slabtrace.samples", "../samples"), "traces-6.18");
    /** --stat of the capture: CPU 1's ring buffer overwrote 8517 events. */
    static final String CPU0_STATS = "entries: 0\noverrun: 0\ncommit overrun: 0\nbytes: 0\ndropped events: 0\nread events: 9494\n";
    static final String CPU1_STATS = "entries: 0\noverrun: 8517\ncommit overrun: 0\nbytes: 0\ndropped events: 0\nread events: 18985\n";

    @TempDir
    static Path tmp;
    static Path original, written;

    @BeforeAll
    static void writeFromTheCapturesPages() throws Exception {
        original = tmp.resolve("kmem-v6.dat");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(SAMPLES.resolve("kmem-v6.dat.gz")))) {
            Files.copy(in, original);
        }
        byte[] v6 = Files.readAllBytes(original);
        ByteBuffer b = ByteBuffer.wrap(v6).order(ByteOrder.LITTLE_ENDIAN);
        int table = indexOf(v6, "flyrecord\0".getBytes(StandardCharsets.ISO_8859_1)) + 10;
        List<FileChannel> cpus = new ArrayList<>();
        for (int cpu = 0; cpu < 2; cpu++) {
            int offset = (int) b.getLong(table + 16 * cpu), size = (int) b.getLong(table + 16 * cpu + 8);
            Path f = tmp.resolve("cpu" + cpu);
            Files.write(f, java.util.Arrays.copyOfRange(v6, offset, offset + size));
            cpus.add(FileChannel.open(f, StandardOpenOption.READ));
        }
        Path format = SAMPLES.resolve("format");
        List<byte[]> kmem = new ArrayList<>();
        for (String e : KmemTracer.EVENTS) kmem.add(Files.readAllBytes(format.resolve(e + ".format")));
        TraceDatWriter.Metadata m = new TraceDatWriter.Metadata(ByteOrder.LITTLE_ENDIAN, 8, 4096,
                Files.readAllBytes(format.resolve("header_page")), Files.readAllBytes(format.resolve("header_event")), List.of(),
                Map.of("kmem", kmem), new byte[0], new byte[0], new byte[0], "[local] global counter\n", "Linux vm 6.18.44-fc-v595 x86_64");
        written = tmp.resolve("written.dat");
        try (FileChannel out = FileChannel.open(written, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            TraceDatWriter.write(out, m, cpus, List.of(CPU0_STATS, CPU1_STATS));
        }
        for (FileChannel c : cpus) c.close();
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        throw new AssertionError("not found");
    }

    static List<KmemEvent> read(Path f, TraceStats[] stats) throws Exception {
        List<KmemEvent> out = new ArrayList<>();
        stats[0] = BinaryTraces.read(f, out::add);
        return out;
    }

    @Test
    void readBackItHoldsTheCapturesEventsAndLosses() throws Exception {
        TraceStats[] ours = new TraceStats[1], theirs = new TraceStats[1];
        List<KmemEvent> a = read(written, ours), b = read(original, theirs);
        assertEquals(28479, ours[0].events(), "the capture's 28 479 events (samples/traces-6.18/README.md)");
        assertEquals(8517, ours[0].lostEvents(), "CPU 1's overrun, from the CPUSTAT option");
        assertEquals(theirs[0].byKind(), ours[0].byKind());
        assertEquals(b.size(), a.size());
        for (int i = 0; i < a.size(); i++) {
            KmemEvent x = a.get(i), y = b.get(i);
            assertEquals(y.time(), x.time(), "event " + i);
            assertEquals(y.ptr(), x.ptr(), "event " + i);
            assertEquals(y.cpu(), x.cpu(), "event " + i);
        }
        assertTrue(ours[0].source().contains("trace.dat v6"), ours[0].source());
    }

    @Test
    void eachCpusPagesStartOnAPageBoundary() throws Exception {
        byte[] f = Files.readAllBytes(written);
        ByteBuffer b = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN);
        int table = indexOf(f, "flyrecord\0".getBytes(StandardCharsets.ISO_8859_1)) + 10;
        long end = 0;
        for (int cpu = 0; cpu < 2; cpu++) {
            long offset = b.getLong(table + 16 * cpu), size = b.getLong(table + 16 * cpu + 8);
            assertEquals(0, offset % 4096, "cpu" + cpu + " at " + offset);
            assertTrue(offset >= end, "cpu" + cpu + " after the previous one");
            end = offset + size;
        }
        assertEquals(end, f.length);
        assertArrayEquals(new byte[] {0x17, 0x08, 0x44, 't', 'r', 'a', 'c', 'i', 'n', 'g', '6', 0}, java.util.Arrays.copyOf(f, 12));
    }

    @Test
    void traceCmdReportPrintsTheSameEventsAndItsStatTheLoss() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        boolean installed = Files.isExecutable(Path.of("/usr/bin/trace-cmd"));
        assertTrue(installed || !root, "trace-cmd is missing: .ci/run installs it (apt-get install trace-cmd)");
        assumeTrue(installed, "trace-cmd is not installed (as root, CI installs it)");
        Map<String, Long> byEvent = traceCmdReportCounts(written);
        TraceStats[] ours = new TraceStats[1];
        read(written, ours);
        TraceStats.KindCounts k = ours[0].byKind();
        assertEquals(Map.of("kfree", k.kfree(), "kmalloc", k.kmalloc(), "kmem_cache_alloc", k.kmemCacheAlloc(),
                "kmem_cache_free", k.kmemCacheFree()), byEvent);
        assertEquals(Map.of("kfree", 8431L, "kmalloc", 6862L, "kmem_cache_alloc", 8883L, "kmem_cache_free", 4303L), byEvent);
        String stat = traceCmd("report", "--stat", "-i", written.toString());
        assertTrue(stat.contains("overrun: 8517"), stat);
    }

    /** Lines per kmem event in {@code trace-cmd report -i FILE}. */
    public static Map<String, Long> traceCmdReportCounts(Path file) throws Exception {
        Map<String, Long> out = new TreeMap<>();
        java.util.regex.Pattern p = java.util.regex.Pattern.compile(" (kmalloc|kfree|kmem_cache_alloc|kmem_cache_free): ");
        for (String line : traceCmd("report", "-i", file.toString()).split("\n")) {
            var m = p.matcher(line);
            if (m.find()) out.merge(m.group(1), 1L, Long::sum);
        }
        return out;
    }

    public static String traceCmd(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/trace-cmd"));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("trace-cmd", ".txt");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertEquals(0, p.waitFor(), String.join(" ", cmd) + ": " + Files.readString(out));
        try {
            return Files.readString(out);
        } finally {
            Files.delete(out);
        }
    }
}
