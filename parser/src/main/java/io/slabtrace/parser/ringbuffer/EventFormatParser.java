package io.slabtrace.parser.ringbuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the text of {@code /sys/kernel/tracing/events/SYSTEM/EVENT/format} (also the
 * {@code events/header_page} text, which has field lines only). The layout is written by
 * kernel/trace/trace_events.c ({@code f_show}): {@code name:}, {@code ID:}, {@code format:}, one
 * {@code field:TYPE NAME;\toffset:N;\tsize:N;\tsigned:N;} line per field, then {@code print fmt: ...}.
 */
public final class EventFormatParser {
    private EventFormatParser() {
    }

    /** The event format in {@code text}; {@code system} is the directory it came from (the text does not name it). */
    public static EventFormat parse(String system, String text) throws TraceFormatException {
        String name = null, printFmt = "";
        int id = -1;
        List<FieldFormat> fields = new ArrayList<>();
        int lineStart = 0;
        for (String raw : text.split("\n", -1)) {
            String line = raw.strip();
            if (line.startsWith("name:")) {
                name = line.substring(5).strip();
            } else if (line.startsWith("ID:")) {
                try {
                    id = Integer.parseInt(line.substring(3).strip());
                } catch (NumberFormatException e) {
                    throw new TraceFormatException("format of " + system + "/" + name + ": ID is no number: '" + line + "'", lineStart);
                }
            } else if (line.startsWith("field:")) {
                fields.add(field(line, lineStart));
            } else if (line.startsWith("print fmt:")) {
                printFmt = line.substring(10).strip();
            }
            lineStart += raw.length() + 1;
        }
        if (name == null) throw new TraceFormatException("event format without a 'name:' line", 0);
        if (id < 0) throw new TraceFormatException("format of " + system + "/" + name + " has no 'ID:' line", 0);
        return new EventFormat(system, name, id, fields, printFmt);
    }

    /** The fields of a text that has only field lines ({@code events/header_page}). */
    public static List<FieldFormat> fields(String text) throws TraceFormatException {
        List<FieldFormat> fields = new ArrayList<>();
        int lineStart = 0;
        for (String raw : text.split("\n", -1)) {
            String line = raw.strip();
            if (line.startsWith("field:")) fields.add(field(line, lineStart));
            lineStart += raw.length() + 1;
        }
        return fields;
    }

    /** {@code field:unsigned long call_site;	offset:8;	size:8;	signed:0;} (header_page writes {@code field: u64 timestamp;}). */
    static FieldFormat field(String line, int at) throws TraceFormatException {
        int semi = line.indexOf(';');
        if (semi < 0) throw new TraceFormatException("field line without ';': '" + line + "'", at);
        String decl = line.substring(6, semi).strip();
        int offset = -1, size = -1;
        boolean signed = false;
        for (String part : line.substring(semi + 1).split(";")) {
            String p = part.strip();
            int colon = p.indexOf(':');
            if (colon < 0) continue;
            String key = p.substring(0, colon).strip(), value = p.substring(colon + 1).strip();
            try {
                switch (key) {
                    case "offset" -> offset = Integer.parseInt(value);
                    case "size" -> size = Integer.parseInt(value);
                    case "signed" -> signed = Integer.parseInt(value) != 0;
                    default -> { }
                }
            } catch (NumberFormatException e) {
                throw new TraceFormatException("field " + key + " is no number: '" + line + "'", at);
            }
        }
        if (offset < 0 || size < 0) throw new TraceFormatException("field line without offset or size: '" + line + "'", at);
        // the name is the last identifier of the declaration, after any array suffix is taken off: "char comm[16]", "__data_loc char[] name"
        String d = decl;
        int bracket = d.lastIndexOf('[');
        if (bracket > 0 && d.endsWith("]") && !d.substring(0, bracket).isBlank() && !d.endsWith("[]")) d = d.substring(0, bracket).strip();
        int space = Math.max(d.lastIndexOf(' '), d.lastIndexOf('*'));
        String name = d.substring(space + 1);
        String type = decl.substring(0, Math.max(0, decl.lastIndexOf(name))).strip();
        if (name.isEmpty()) throw new TraceFormatException("field without a name: '" + line + "'", at);
        FieldFormat.Loc loc = type.startsWith("__data_loc") ? FieldFormat.Loc.DATA_LOC
                : type.startsWith("__rel_loc") ? FieldFormat.Loc.REL_LOC : FieldFormat.Loc.INLINE;
        return new FieldFormat(name, type, offset, size, signed, loc);
    }
}
