package io.slabtrace.parser.tracedat;

import io.slabtrace.parser.InputException;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads a trace.dat up to its events, as trace-cmd's lib/trace-cmd/trace-input.c does
 * ({@code tracecmd_read_headers}, {@code read_cpu_data}, {@code handle_options}; formats documented in
 * Documentation/trace-cmd/trace-cmd.dat.v6.5.txt and .v7.5.txt):
 * v6 keeps the metadata one part after another, then options and the flyrecord CPU table;
 * v7 starts an options section chain at an offset given in the initial format, whose options point at
 * sections (headers, formats, kallsyms, ...) and at the BUFFER sections holding the CPU data.
 */
final class TraceDatParser {
    // option ids, trace-cmd.dat.v7.5.txt / trace-cmd-local.h enum tracecmd_file_options
    private static final int OPT_DONE = TracingData.OPTION_DONE, OPT_CPUSTAT = TracingData.OPTION_CPUSTAT,
            OPT_BUFFER = TracingData.OPTION_BUFFER, OPT_TRACECLOCK = TracingData.OPTION_TRACECLOCK, OPT_OFFSET = TracingData.OPTION_OFFSET,
            OPT_HEADER_INFO = 16, OPT_FTRACE_EVENTS = 17, OPT_EVENT_FORMATS = 18, OPT_KALLSYMS = 19,
            OPT_PRINTK = 20, OPT_CMDLINES = 21, OPT_BUFFER_TEXT = 22;
    private static final int SECTION_OPTIONS = 0, SECTION_FLAG_COMPRESSED = 1;
    /** A decompressed section larger than this is taken as damage, not as data (kallsyms, the largest, is a few MiB). */
    private static final long MAX_SECTION = 512L << 20;
    private static final int MAX_CPUS = 1 << 16;

    private TraceDatParser() {
    }

    /** Fills {@code t}; starts its kallsyms task (see {@link TraceDatLayout#kallsyms}). */
    static void parse(FileInput in, TraceDatLayout t) throws InputException {
        String version = TracingData.initial(in, t.meta);
        switch (version) {
            case "6" -> v6(in, t);
            case "7" -> v7(in, t);
            default -> throw in.damaged("trace.dat version '" + version + "' (this reader knows 6 and 7)", TracingData.MAGIC.length);
        }
        t.version = Integer.parseInt(version);
    }

    private static void v6(FileInput in, TraceDatLayout t) throws InputException {
        TracingData.headers(in, t.meta);
        TracingData.ftraceFormats(in, t.meta);
        TracingData.eventFormats(in, t.meta);
        int kallsymsSize = in.size(in.u32(), "kallsyms");
        long kallsymsAt = in.offset();
        in.skip(kallsymsSize);
        FileInput own = in.another();
        t.kallsyms = kallsymsSize == 0 || !t.kallsymsWanted ? KallsymsTask.none() : KallsymsTask.start(() -> {
            own.seek(kallsymsAt);
            return io.slabtrace.parser.ringbuffer.Kallsyms.parse(own.bytes(kallsymsSize));
        });
        TracingData.printk(in);
        TracingData.cmdlines(in);
        long cpus = in.u32();
        if (cpus > MAX_CPUS) throw in.damaged(cpus + " CPUs", in.offset() - 4);
        while (true) {
            long at = in.offset();
            String tag = new String(in.bytes(10), StandardCharsets.ISO_8859_1);
            switch (tag) {
                case TracingData.V6_OPTIONS -> options(in, t, in, false);
                case "latency  \0" -> throw in.damaged("a latency trace (the text of the trace file, not ring-buffer pages): read it as text", at);
                case TracingData.V6_FLYRECORD -> {
                    for (int cpu = 0; cpu < cpus; cpu++) t.cpus.add(new CpuData("", cpu, in.u64(), in.u64(), t.meta.pageSize, false));
                    return;
                }
                default -> throw in.damaged("'options', 'latency' or 'flyrecord' expected", at);
            }
        }
    }

    private static void v7(FileInput in, TraceDatLayout t) throws InputException {
        String name = in.cstring(64);
        in.cstring(64); // the compression library's version
        Compression c = Compression.named(name);
        if (c == null) throw in.damaged("compression '" + name + "', which this reader does not know (it knows zlib and zstd)");
        t.compression = c;
        long next = in.u64();
        Set<Long> seen = new HashSet<>();
        long[] sections = new long[OPT_BUFFER_TEXT + 1];
        Arrays.fill(sections, -1);
        while (next != 0) {
            if (!seen.add(next)) throw in.damaged("the options sections loop back to offset " + next);
            Input options = section(in, t, next, SECTION_OPTIONS);
            next = options(options, t, in, true, sections);
        }
        if (sections[OPT_HEADER_INFO] < 0) throw in.damaged("a version 7 file without a HEADER_INFO option", 0);
        long kallsymsAt = sections[OPT_KALLSYMS];
        FileInput own = in.another();
        t.kallsyms = kallsymsAt < 0 || !t.kallsymsWanted ? KallsymsTask.none() : KallsymsTask.start(() -> TracingData.kallsymsOf(section(own, t, kallsymsAt, OPT_KALLSYMS)));
        TracingData.headers(section(in, t, sections[OPT_HEADER_INFO], OPT_HEADER_INFO), t.meta);
        if (sections[OPT_FTRACE_EVENTS] >= 0) TracingData.ftraceFormats(section(in, t, sections[OPT_FTRACE_EVENTS], OPT_FTRACE_EVENTS), t.meta);
        if (sections[OPT_EVENT_FORMATS] >= 0) TracingData.eventFormats(section(in, t, sections[OPT_EVENT_FORMATS], OPT_EVENT_FORMATS), t.meta);
        // PRINTK and CMDLINES sections: nothing a kmem event needs
    }

    /**
     * A section's content: its header is u16 id, u16 flags, u32 string id, u64 size; a compressed one
     * then holds u32 compressed size, u32 uncompressed size and the compressed bytes.
     */
    private static Input section(FileInput in, TraceDatLayout t, long offset, int id) throws InputException {
        in.seek(offset);
        int sid = in.u16(), flags = in.u16();
        in.u32(); // the id of its description in the strings section
        long size = in.u64();
        if (sid != id) throw in.damaged("section " + id + " expected, found section " + sid, offset);
        String where = "section " + id + " at offset " + offset;
        if ((flags & SECTION_FLAG_COMPRESSED) == 0) {
            return new BufferInput(in.bytes(in.size(size, "section " + id)), t.meta.order, in.file(), where, in.offset());
        }
        long compressed = in.u32(), uncompressed = in.u32();
        if (compressed + 8 > size) throw in.damaged(where + ": " + compressed + " compressed bytes in a section of " + size, offset);
        if (uncompressed > MAX_SECTION) throw in.damaged(where + ": " + uncompressed + " bytes uncompressed", offset);
        byte[] data = in.bytes(in.size(compressed, "compressed section " + id));
        try {
            byte[] plain = t.compression.decompress(data, 0, data.length, (int) uncompressed);
            return new BufferInput(plain, t.meta.order, in.file(), where + ", uncompressed", 0);
        } catch (IllegalStateException e) {
            throw in.damaged(where + ": " + e.getMessage(), offset);
        }
    }

    private static void options(Input opts, TraceDatLayout t, FileInput file, boolean v7) throws InputException {
        options(opts, t, file, v7, null);
    }

    /** Options (u16 id, u32 size, data) up to DONE; returns v7's next options section offset (0 for none, and for v6). */
    private static long options(Input opts, TraceDatLayout t, FileInput file, boolean v7, long[] sections) throws InputException {
        while (true) {
            long at = opts.offset();
            int id = opts.u16();
            if (id == OPT_DONE && !v7) return 0; // v6: a bare 0 id ends the options
            int size = opts.size(opts.u32(), "option " + id);
            byte[] data = opts.bytes(size);
            BufferInput d = new BufferInput(data, t.meta.order, file.file(), "option " + id + " at offset " + at, 0);
            switch (id) {
                case OPT_DONE -> {
                    return d.u64();
                }
                case OPT_CPUSTAT -> cpuStat(new String(data, StandardCharsets.ISO_8859_1), t);
                case OPT_BUFFER -> buffer(d, t, file, v7);
                case OPT_TRACECLOCK -> { }
                case OPT_OFFSET -> t.timeOffset = offsetOption(d, data);
                case OPT_HEADER_INFO, OPT_FTRACE_EVENTS, OPT_EVENT_FORMATS, OPT_KALLSYMS, OPT_PRINTK, OPT_CMDLINES -> {
                    if (sections != null) sections[id] = d.u64();
                }
                default -> { } // DATE, UNAME, VERSION, TRACEID, ...: nothing for kmem events
            }
        }
    }

    /**
     * BUFFER: v7 holds u64 section offset, name, clock, u32 page size, u32 CPU count and per CPU u32 id,
     * u64 offset, u64 size; every instance's buffer is read, as trace-cmd report reads them. v6 holds u64 offset and
     * name of another instance's own flyrecord data, which is not read (counted as a drop of unknown size).
     */
    private static void buffer(BufferInput d, TraceDatLayout t, FileInput file, boolean v7) throws InputException {
        long sectionOffset = d.u64();
        String name = d.cstring(4096);
        if (!v7) {
            t.otherBuffers.add(name);
            return;
        }
        d.cstring(256); // the instance's trace clock: its time stamps are merged with the others' as they are
        long pageSize = d.u32();
        long cpus = d.u32();
        if (cpus > MAX_CPUS) throw d.damaged(cpus + " CPUs");
        if (pageSize < 64 || pageSize > (1 << 24) || Long.bitCount(pageSize) != 1) throw d.damaged("page size " + pageSize);
        // the section header says whether the pages are stored as compressed chunks
        long[] table = new long[(int) cpus * 3];
        for (int i = 0; i < cpus; i++) {
            table[3 * i] = d.u32();
            table[3 * i + 1] = d.u64();
            table[3 * i + 2] = d.u64();
        }
        file.seek(sectionOffset);
        int id = file.u16(), flags = file.u16();
        if (id != OPT_BUFFER) throw file.damaged("the flyrecord section (id 3) expected, found section " + id, sectionOffset);
        boolean compressed = (flags & SECTION_FLAG_COMPRESSED) != 0;
        if (compressed && t.compression == Compression.NONE) throw file.damaged("compressed CPU data in a file without compression", sectionOffset);
        for (int i = 0; i < cpus; i++) t.cpus.add(new CpuData(name, (int) table[3 * i], table[3 * i + 1], table[3 * i + 2], (int) pageSize, compressed));
    }

    /** The text of per_cpu/cpuN/stats: events lost are its overrun, commit overrun and dropped events. */
    private static void cpuStat(String text, TraceDatLayout t) {
        String plain = text.replace("\0", "").strip();
        if (plain.startsWith("Buffer:")) { // the stats of an instance's CPUs follow
            t.statBuffer = plain.substring("Buffer:".length()).strip();
            return;
        }
        int cpu = -1;
        long lost = 0;
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) continue;
            String key = line.substring(0, colon).strip(), value = line.substring(colon + 1).strip().replace("\0", "");
            try {
                switch (key) {
                    case "CPU" -> cpu = Integer.parseInt(value);
                    case "overrun", "commit overrun", "dropped events" -> lost += Long.parseLong(value);
                    default -> { }
                }
            } catch (NumberFormatException e) {
                // a stats text of another shape: its count is not used
            }
        }
        if (cpu >= 0) t.statLost.merge(TraceDatLayout.statKey(t.statBuffer, cpu), lost, Long::sum);
    }

    private static long offsetOption(BufferInput d, byte[] data) throws InputException {
        String s = new String(data, StandardCharsets.ISO_8859_1).replace("\0", "").strip();
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw d.damaged("an OFFSET option that is no number: '" + s + "'", 0);
        }
    }
}
