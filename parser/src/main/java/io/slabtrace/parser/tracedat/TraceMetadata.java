package io.slabtrace.parser.tracedat;

import io.slabtrace.parser.ringbuffer.EventFormats;
import io.slabtrace.parser.ringbuffer.Kallsyms;

import java.nio.ByteOrder;

/**
 * What the metadata of a trace.dat, or of perf.data's tracing data, says about how to read its
 * records: byte order, the kernel's page layout text, the event formats, the kernel symbols.
 * Filled by {@link TracingData}; held for the whole read (the formats and kallsyms are needed by every record).
 */
public final class TraceMetadata {
    public ByteOrder order = ByteOrder.LITTLE_ENDIAN;
    /** The recording user space's long size (the initial format's byte), not the kernel's. */
    public int longSize = 8;
    public int pageSize = 4096;
    public String headerPage = "";
    public String headerEvent = "";
    public final EventFormats formats = new EventFormats();
    public Kallsyms kallsyms = Kallsyms.empty();
    /** Formats that could not be read, e.g. {@code ftrace/function: ...}; their records count as not understood. */
    public final java.util.List<String> unreadableFormats = new java.util.ArrayList<>();

    /**
     * Why records were skipped, for the read's source line: the formats the file holds that could not be read, and the
     * decoder's last problem (a record too short for its format, an id no format has); empty when there is nothing to say.
     */
    public String unreadable(io.slabtrace.parser.ringbuffer.KmemDecoder decoder) {
        java.util.List<String> why = new java.util.ArrayList<>(unreadableFormats);
        why.addAll(formats.problems());
        if (decoder.problem() != null) why.add(decoder.problem());
        if (why.isEmpty()) return "";
        return "; records skipped: " + why.get(0) + (why.size() > 1 ? " (and " + (why.size() - 1) + " more)" : "");
    }
}
