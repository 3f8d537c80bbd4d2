package io.slabtrace.parser.tracedat;

import io.airlift.compress.zstd.ZstdCompressor;
import io.slabtrace.model.trace.KmemEvent;
import io.slabtrace.model.trace.TraceStats;
import io.slabtrace.parser.InputException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A small trace.dat v7 written here, as trace-output.c lays one out, with every section compressed by
 * zlib, zstd or nothing: the zlib path has no real capture (this host's trace-cmd has no zlib), so it is checked
 * here, against the same two events in each encoding.
 */
class SyntheticTraceDatTest {
    static final Path FORMATS = Path.of(System.getProperty("slabtrace.samples", "../samples"), "traces-6.18", "format");
    static final int PAGE = 4096;

    @TempDir
    Path tmp;

    /** Little-endian bytes, as trace-cmd writes them on x86. */
    static final class Out {
        final ByteArrayOutputStream b = new ByteArrayOutputStream();

        Out u16(int v) { return raw(ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) v).array()); }
        Out u32(long v) { return raw(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v).array()); }
        Out u64(long v) { return raw(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(v).array()); }
        Out str(String s) { return raw((s + "\0").getBytes(StandardCharsets.ISO_8859_1)); }
        Out raw(byte[] d) { b.writeBytes(d); return this; }
        Out pad(int align) { while (b.size() % align != 0) b.write(0); return this; }
        int size() { return b.size(); }
        byte[] bytes() { return b.toByteArray(); }
    }

    static byte[] compress(String algo, byte[] data) {
        if (algo.equals("zstd")) {
            ZstdCompressor z = new ZstdCompressor();
            byte[] out = new byte[z.maxCompressedLength(data.length)];
            int n = z.compress(data, 0, data.length, out, 0, out.length);
            return Arrays.copyOf(out, n);
        }
        Deflater d = new Deflater(); // zlib stream with header, as compress2() writes it
        d.setInput(data);
        d.finish();
        byte[] out = new byte[data.length * 2 + 64];
        int n = d.deflate(out);
        d.end();
        return Arrays.copyOf(out, n);
    }

    /** A section: u16 id, u16 flags, u32 string id, u64 size, then (compressed) u32 sizes and the data. */
    static void section(Out f, int id, String algo, byte[] content) {
        boolean compressed = !algo.equals("none");
        byte[] body = compressed ? compress(algo, content) : content;
        f.u16(id).u16(compressed ? 1 : 0).u32(0).u64(compressed ? body.length + 8 : body.length);
        if (compressed) f.u32(body.length).u32(content.length);
        f.raw(body);
    }

    /** One page: a kmalloc and a kmem_cache_free, and a stored count of 7 events missed before it. */
    static byte[] page() {
        ByteBuffer p = ByteBuffer.allocate(PAGE).order(ByteOrder.LITTLE_ENDIAN);
        p.putLong(0, 1_000_000_000L);
        int at = 16;
        p.putInt(at, 5 << 5 | 13); // delta 5, 13 words: kmalloc's 52 bytes
        ByteBuffer k = p.duplicate().order(ByteOrder.LITTLE_ENDIAN).position(at + 4).slice().order(ByteOrder.LITTLE_ENDIAN);
        k.putShort(0, (short) 658).putLong(8, 0xffffffff81000110L).putLong(16, 0xffff888100001000L)
                .putLong(24, 100).putLong(32, 128).putLong(40, 0xdc0).putInt(48, -1);
        at += 4 + 52;
        p.putInt(at, 7 << 5 | 9); // delta 7, 9 words: kmem_cache_free's 28 bytes and "filp\0"
        ByteBuffer c = p.duplicate().order(ByteOrder.LITTLE_ENDIAN).position(at + 4).slice().order(ByteOrder.LITTLE_ENDIAN);
        c.putShort(0, (short) 656).putLong(8, 0xffffffff81000208L).putLong(16, 0xffff888100001000L).putInt(24, 5 << 16 | 28);
        c.position(28);
        c.put("filp\0".getBytes(StandardCharsets.ISO_8859_1));
        at += 4 + 36;
        p.putLong(at, 7); // the missed count, right after the data
        p.putLong(8, (at - 16) | 1L << 31 | 1L << 30);
        return p.array();
    }

    static Path write(Path dir, String algo) throws Exception {
        Out headers = new Out().str("header_page");
        byte[] hp = Files.readAllBytes(FORMATS.resolve("header_page")), he = Files.readAllBytes(FORMATS.resolve("header_event"));
        headers.u64(hp.length).raw(hp).str("header_event").u64(he.length).raw(he);
        Out events = new Out().u32(1).str("kmem").u32(2);
        for (String e : new String[]{"kmalloc", "kmem_cache_free"}) {
            byte[] fmt = Files.readAllBytes(FORMATS.resolve(e + ".format"));
            events.u64(fmt.length).raw(fmt);
        }
        byte[] syms = "ffffffff81000000 T _stext\nffffffff81000100 T foo\nffffffff81000200 t bar\nffffffff81000300 T baz\n".getBytes(StandardCharsets.ISO_8859_1);
        Out kallsyms = new Out().u32(syms.length).raw(syms);

        Out f = new Out().raw(new byte[]{0x17, 0x08, 0x44}).raw("tracing".getBytes(StandardCharsets.ISO_8859_1)).str("7")
                .raw(new byte[]{0, 8}).u32(PAGE).str(algo).str(algo.equals("none") ? "" : "1.0");
        int firstOptionsAt = f.size();
        f.u64(0); // patched below
        long headerAt = f.size();
        section(f, 16, algo, headers.bytes());
        long eventsAt = f.size();
        section(f, 18, algo, events.bytes());
        long kallsymsAt = f.size();
        section(f, 19, algo, kallsyms.bytes());

        // the flyrecord section: its header, then the CPU data page-aligned
        byte[] pages = page();
        Out cpu = new Out();
        if (algo.equals("none")) {
            cpu.raw(pages);
        } else {
            byte[] z = compress(algo, pages);
            cpu.u32(1).u32(z.length).u32(pages.length).raw(z);
        }
        long flyAt = f.size();
        f.u16(3).u16(algo.equals("none") ? 0 : 1).u32(0).u64(0);
        f.pad(PAGE);
        long cpuAt = f.size();
        f.raw(cpu.bytes());
        long cpuSize = algo.equals("none") ? cpu.size() : cpu.size() - 4; // trace-cmd counts the chunks without their count

        Out options = new Out();
        options.u16(16).u32(8).u64(headerAt).u16(18).u32(8).u64(eventsAt).u16(19).u32(8).u64(kallsymsAt);
        Out buffer = new Out().u64(flyAt).str("").str("local").u32(PAGE).u32(1).u32(0).u64(cpuAt).u64(cpuSize);
        options.u16(3).u32(buffer.size()).raw(buffer.bytes());
        byte[] stat = "CPU: 0\nentries: 0\noverrun: 3\ncommit overrun: 0\n".getBytes(StandardCharsets.ISO_8859_1);
        options.u16(2).u32(stat.length).raw(stat);
        options.u16(0).u32(8).u64(0);
        long optionsAt = f.size();
        f.u16(0).u16(0).u32(0).u64(options.size()).raw(options.bytes());

        byte[] file = f.bytes();
        ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putLong(firstOptionsAt, optionsAt);
        Path out = dir.resolve("synthetic-" + algo + ".dat");
        Files.write(out, file);
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"zlib", "zstd", "none"})
    void eachCompressionGivesTheSameEvents(String algo) throws Exception {
        List<KmemEvent> out = new ArrayList<>();
        TraceStats s = TraceDatReader.read(write(tmp, algo), out::add);
        assertEquals(List.of(
                new KmemEvent(KmemEvent.Kind.KMALLOC, 0, 1.000000005, "foo+0x10", 0xffff888100001000L, null, 100, 128,
                        "GFP_KERNEL|__GFP_ZERO", -1, false),
                new KmemEvent(KmemEvent.Kind.KMEM_CACHE_FREE, 0, 1.000000012, "bar+0x8", 0xffff888100001000L, "filp", -1, -1,
                        null, -1, null)), out);
        assertEquals(2, s.events());
        assertEquals(7, s.lostEvents(), "the page's stored count, above the CPUSTAT overrun of 3");
        assertTrue(s.source().contains("v7"), s.source());
    }

    @org.junit.jupiter.api.Test
    void damagedZlibDataIsReportedWithItsOffset() throws Exception {
        Path p = write(tmp, "zlib");
        byte[] b = Files.readAllBytes(p);
        int page = (b.length / PAGE) * PAGE; // the CPU data starts at the last page boundary before the options
        for (int at = page; at < b.length && at < page + PAGE; at++) {
            if (b[at] == 0x78) { // the zlib header of the chunk
                b[at + 1] ^= 0x55;
                break;
            }
        }
        Files.write(p, b);
        InputException e = assertThrows(InputException.class, () -> TraceDatReader.read(p, x -> { }));
        assertTrue(e.getMessage().contains("zlib"), e.getMessage());
        assertTrue(e.getMessage().contains("offset"), e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void aTraceWithoutKmemRecordsIsNoInput() throws Exception {
        Path p = write(tmp, "none");
        byte[] b = Files.readAllBytes(p);
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int page = -1;
        for (int at = 0; at + PAGE <= b.length; at += PAGE) if (bb.getLong(at) == 1_000_000_000L) page = at;
        bb.putLong(page + 8, 0); // an empty page
        Files.write(p, b);
        assertEquals(0, TraceDatReader.read(p, x -> { }).events());
        InputException e = assertThrows(InputException.class, () -> io.slabtrace.parser.binary.BinaryTraces.read(p, x -> { }));
        assertTrue(e.getMessage().contains("no kmem events"), e.getMessage());
    }
}
