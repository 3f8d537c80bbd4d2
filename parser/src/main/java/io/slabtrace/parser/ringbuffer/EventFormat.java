package io.slabtrace.parser.ringbuffer;

import java.util.List;

/**
 * One event's {@code format} file: its numeric id (the {@code common_type} of its records), its
 * fields and its print fmt. Parsed by {@link EventFormatParser}.
 */
public record EventFormat(String system, String name, int id, List<FieldFormat> fields, String printFmt) {

    public EventFormat {
        fields = List.copyOf(fields);
    }

    /** The field of that name, or null. */
    public FieldFormat field(String fieldName) {
        for (FieldFormat f : fields) if (f.name().equals(fieldName)) return f;
        return null;
    }
}
