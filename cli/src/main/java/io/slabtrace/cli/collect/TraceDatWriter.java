package io.slabtrace.cli.collect;

import io.slabtrace.parser.tracedat.TracingData;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Writes a trace.dat version 6 as trace-cmd's lib/trace-cmd/trace-output.c does
 * (Documentation/trace-cmd/trace-cmd.dat.v6.5.txt), which {@code trace-cmd report} and this project's
 * TraceDatReader read: the initial format (magic, "6", endianness, long size, page size), header_page and
 * header_event, the ftrace and event format files, kallsyms, printk formats, saved command lines, the CPU
 * count, options (TRACECLOCK, UNAME, one CPUSTAT per CPU, CPUCOUNT), then "flyrecord" with each CPU's
 * offset and size, and each CPU's pages from a page-aligned offset, as the ring buffer handed them over.
 * The CPUs' pages are copied from their own files by the kernel (transferTo), not through this process.
 */
final class TraceDatWriter {
    /** The tracing metadata, as read from tracefs and /proc: every text is kept byte for byte. */
    record Metadata(ByteOrder order, int longSize, int pageSize, byte[] headerPage, byte[] headerEvent, List<byte[]> ftraceFormats,
                    Map<String, List<byte[]>> eventFormats, byte[] kallsyms, byte[] printk, byte[] cmdlines, String traceClock,
                    String uname) {
    }

    private TraceDatWriter() {
    }

    /**
     * Writes the file to {@code out} (empty, at position 0): {@code cpuData.get(i)} holds CPU i's pages from
     * position 0 to its size, {@code cpuStats.get(i)} the text of its stats file.
     */
    static void write(FileChannel out, Metadata m, List<FileChannel> cpuData, List<String> cpuStats) throws IOException {
        int cpus = cpuData.size();
        Bytes b = new Bytes(m.order());
        b.raw(TracingData.MAGIC);
        b.cstring("6");
        b.u8(m.order() == ByteOrder.LITTLE_ENDIAN ? 0 : 1);
        b.u8(m.longSize());
        b.u32(m.pageSize());
        b.cstring("header_page");
        b.u64(m.headerPage().length);
        b.raw(m.headerPage());
        b.cstring("header_event");
        b.u64(m.headerEvent().length);
        b.raw(m.headerEvent());
        b.u32(m.ftraceFormats().size());
        for (byte[] f : m.ftraceFormats()) {
            b.u64(f.length);
            b.raw(f);
        }
        b.u32(m.eventFormats().size());
        for (Map.Entry<String, List<byte[]>> system : m.eventFormats().entrySet()) {
            b.cstring(system.getKey());
            b.u32(system.getValue().size());
            for (byte[] f : system.getValue()) {
                b.u64(f.length);
                b.raw(f);
            }
        }
        b.u32(m.kallsyms().length);
        b.raw(m.kallsyms());
        b.u32(m.printk().length);
        b.raw(m.printk());
        b.u64(m.cmdlines().length);
        b.raw(m.cmdlines());
        b.u32(cpus);
        b.raw(TracingData.V6_OPTIONS.getBytes(StandardCharsets.ISO_8859_1));
        b.option(TracingData.OPTION_TRACECLOCK, m.traceClock().getBytes(StandardCharsets.ISO_8859_1));
        b.option(TracingData.OPTION_UNAME, (m.uname() + "\0").getBytes(StandardCharsets.ISO_8859_1));
        for (int cpu = 0; cpu < cpus; cpu++) {
            // trace-cmd's CPUSTAT: "CPU: N\n" and the stats file, NUL-terminated (trace-record.c add_options)
            b.option(TracingData.OPTION_CPUSTAT, ("CPU: " + cpu + "\n" + cpuStats.get(cpu) + "\0").getBytes(StandardCharsets.ISO_8859_1));
        }
        Bytes count = new Bytes(m.order());
        count.u32(cpus);
        b.option(TracingData.OPTION_CPUCOUNT, count.toByteArray());
        b.u16(TracingData.OPTION_DONE); // a version 6 file ends its options with the bare id
        b.raw(TracingData.V6_FLYRECORD.getBytes(StandardCharsets.ISO_8859_1));

        long at = align(b.size() + 16L * cpus, m.pageSize());
        long[] offsets = new long[cpus], sizes = new long[cpus];
        for (int cpu = 0; cpu < cpus; cpu++) {
            offsets[cpu] = at;
            sizes[cpu] = cpuData.get(cpu).size();
            at = align(at + sizes[cpu], m.pageSize());
            b.u64(offsets[cpu]);
            b.u64(sizes[cpu]);
        }
        ByteBuffer head = ByteBuffer.wrap(b.toByteArray());
        while (head.hasRemaining()) out.write(head);
        for (int cpu = 0; cpu < cpus; cpu++) {
            FileChannel in = cpuData.get(cpu);
            long done = 0;
            while (done < sizes[cpu]) {
                long n = in.transferTo(done, sizes[cpu] - done, out.position(offsets[cpu] + done));
                if (n <= 0) throw new IOException("cpu" + cpu + " data: " + done + " of " + sizes[cpu] + " bytes copied");
                done += n;
            }
        }
        if (out.size() < at) out.write(ByteBuffer.allocate(1), at - 1); // the last CPU's data ends on a page boundary
    }

    private static long align(long n, int page) {
        return (n + page - 1) / page * page;
    }

    /** The header's fields in the file's byte order. */
    private static final class Bytes extends ByteArrayOutputStream {
        private final ByteBuffer scratch;

        Bytes(ByteOrder order) {
            super(1 << 16);
            scratch = ByteBuffer.allocate(8).order(order);
        }

        void raw(byte[] b) {
            write(b, 0, b.length);
        }

        void cstring(String s) {
            raw((s + "\0").getBytes(StandardCharsets.ISO_8859_1));
        }

        void u8(int v) {
            write(v);
        }

        void u16(int v) {
            scratch.clear();
            write(scratch.putShort((short) v).array(), 0, 2);
        }

        void u32(long v) {
            scratch.clear();
            write(scratch.putInt((int) v).array(), 0, 4);
        }

        void u64(long v) {
            scratch.clear();
            write(scratch.putLong(v).array(), 0, 8);
        }

        void option(int id, byte[] data) {
            u16(id);
            u32(data.length);
            raw(data);
        }
    }
}
