package io.slabtrace.parser.tracedat;

import io.slabtrace.parser.BinaryFormats;
import io.slabtrace.parser.InputException;
import io.slabtrace.parser.ringbuffer.Kallsyms;
import io.slabtrace.parser.ringbuffer.TraceFormatException;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The parts of the tracing metadata that trace.dat (Documentation/trace-cmd/trace-cmd.dat.v6.5.txt and v7)
 * and perf.data's HEADER_TRACING_DATA (tools/perf/util/trace-event-info.c writes it,
 * trace-event-read.c reads it) have in common: the initial format, header_page/header_event, the ftrace and
 * event format files, kallsyms, printk formats and saved command lines, each with its size first.
 * trace.dat v6 and perf store them one after another; v7 stores each in a section of its own.
 */
public final class TracingData {
    /** The first 10 bytes of a trace.dat and of perf's tracing data. */
    public static final byte[] MAGIC = BinaryFormats.TRACE_DAT;
    /**
     * Option ids of trace.dat (trace-cmd-local.h {@code enum tracecmd_file_options}): those this project reads
     * (TraceDatParser) or writes (the recorder of {@code collect --trace kmem}).
     */
    public static final int OPTION_DONE = 0, OPTION_CPUSTAT = 2, OPTION_BUFFER = 3, OPTION_TRACECLOCK = 4, OPTION_UNAME = 5,
            OPTION_OFFSET = 7, OPTION_CPUCOUNT = 8;
    /** The 10-byte tags of a version 6 file after its CPU count: options, then the per-CPU table of the flyrecord data. */
    public static final String V6_OPTIONS = "options  \0", V6_FLYRECORD = "flyrecord\0";
    /** Format files are a few KiB; one larger than this is damage, not a format. */
    private static final int MAX_FORMAT = 1 << 20;

    private TracingData() {
    }

    /** The initial format: magic, version string, endianness, long size, page size; returns the version string. */
    public static String initial(Input in, TraceMetadata m) throws InputException {
        byte[] magic = in.bytes(MAGIC.length);
        if (!Arrays.equals(magic, MAGIC)) throw in.damaged("no tracing data magic (0x17 0x08 0x44 'tracing')", in.offset() - MAGIC.length);
        String version = in.cstring(16);
        int endian = in.u8();
        if (endian > 1) throw in.damaged("endianness byte " + endian + " (0 little, 1 big)", in.offset() - 1);
        m.order = endian == 0 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        in.order(m.order);
        m.longSize = in.u8();
        if (m.longSize != 4 && m.longSize != 8) throw in.damaged("long size " + m.longSize + " (4 or 8)", in.offset() - 1);
        long page = in.u32();
        if (page < 64 || page > (1 << 24) || Long.bitCount(page) != 1) throw in.damaged("page size " + page, in.offset() - 4);
        m.pageSize = (int) page;
        return version;
    }

    /** {@code "header_page\0"}, u64 size, text; {@code "header_event\0"}, u64 size, text. */
    public static void headers(Input in, TraceMetadata m) throws InputException {
        expect(in, "header_page");
        m.headerPage = in.text(in.size(in.u64(), "header_page"));
        expect(in, "header_event");
        m.headerEvent = in.text(in.size(in.u64(), "header_event"));
    }

    /** u32 count, then count × (u64 size, format text) of the ftrace system. */
    public static void ftraceFormats(Input in, TraceMetadata m) throws InputException {
        long count = in.u32();
        for (long i = 0; i < count; i++) format(in, m, "ftrace");
    }

    /** u32 systems, then per system: its name (NUL-terminated), u32 count, count × (u64 size, format text). */
    public static void eventFormats(Input in, TraceMetadata m) throws InputException {
        long systems = in.u32();
        for (long s = 0; s < systems; s++) {
            String system = in.cstring(256);
            long count = in.u32();
            for (long i = 0; i < count; i++) format(in, m, system);
        }
    }

    /** u32 size, then the text of /proc/kallsyms (perf writes size 0). */
    public static void kallsyms(Input in, TraceMetadata m) throws InputException {
        m.kallsyms = kallsymsOf(in);
    }

    /** The kallsyms part: u32 size, then the text of /proc/kallsyms. */
    static Kallsyms kallsymsOf(Input in) throws InputException {
        int size = in.size(in.u32(), "kallsyms");
        return size > 0 ? Kallsyms.parse(in.bytes(size)) : Kallsyms.empty();
    }

    /** u32 size, then printk_formats: not needed for kmem events. */
    public static void printk(Input in) throws InputException {
        in.skip(in.size(in.u32(), "printk formats"));
    }

    /** u64 size, then saved_cmdlines: not needed (KmemEvent has no task). */
    public static void cmdlines(Input in) throws InputException {
        in.skip(in.size(in.u64(), "saved command lines"));
    }

    private static void format(Input in, TraceMetadata m, String system) throws InputException {
        long at = in.offset();
        long size = in.u64();
        if (size > MAX_FORMAT) throw in.damaged("an event format of " + Long.toUnsignedString(size) + " bytes", at);
        String text = in.text(in.size(size, "event format"));
        try {
            m.formats.addText(system, text); // parsed when a record first needs it
        } catch (TraceFormatException e) {
            // one odd format (ftrace's own events have unusual fields) must not stop a kmem trace; its records count as skipped
            m.unreadableFormats.add(system + " format at offset " + at + ": " + e.getMessage());
        }
    }

    private static void expect(Input in, String word) throws InputException {
        long at = in.offset();
        byte[] want = (word + "\0").getBytes(StandardCharsets.ISO_8859_1);
        if (!Arrays.equals(in.bytes(want.length), want)) throw in.damaged("'" + word + "' expected", at);
    }
}
