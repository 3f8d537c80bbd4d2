package io.slabtrace.parser.ringbuffer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The event formats a trace was recorded with, by id: the registry every record is decoded against
 * (a record names its format by its first field, {@code common_type}). A trace.dat holds the formats of
 * every event of the kernel (over a thousand) but its records use a few: a format text is only looked
 * through for its {@code name:} and {@code ID:} when added, and parsed when a record first needs it.
 * Not thread-safe.
 */
public final class EventFormats {
    private static final class Entry {
        final String system, name, text;
        EventFormat parsed;
        boolean failed;

        Entry(String system, String name, String text) {
            this.system = system;
            this.name = name;
            this.text = text;
        }
    }

    private final Map<Integer, Entry> byId = new HashMap<>();
    private final List<String> problems = new ArrayList<>();

    /** A parsed format. */
    public void add(EventFormat f) {
        Entry e = new Entry(f.system(), f.name(), null);
        e.parsed = f;
        byId.putIfAbsent(f.id(), e);
    }

    /**
     * The text of a format file, parsed when first needed. Throws when it has no {@code name:} or no numeric
     * {@code ID:} line, which every format file has (kernel/trace/trace_events.c {@code f_show}).
     */
    public void addText(String system, String text) throws TraceFormatException {
        String name = value(text, "name:");
        String id = value(text, "ID:");
        if (name == null || id == null) throw new TraceFormatException("event format without 'name:' and 'ID:' lines", 0);
        int n;
        try {
            n = Integer.parseInt(id);
        } catch (NumberFormatException e) {
            throw new TraceFormatException("format of " + system + "/" + name + ": ID is no number: '" + id + "'", text.indexOf("ID:"));
        }
        byId.putIfAbsent(n, new Entry(system, name, text));
    }

    /** The format with that id, or null when there is none or its text cannot be read (then {@link #problems} says why). */
    public EventFormat byId(int id) {
        Entry e = byId.get(id);
        if (e == null || e.failed) return null;
        if (e.parsed == null) {
            try {
                e.parsed = EventFormatParser.parse(e.system, e.text);
            } catch (TraceFormatException x) {
                e.failed = true;
                problems.add(e.system + "/" + e.name + ": " + x.getMessage());
                return null;
            }
        }
        return e.parsed;
    }

    /** The format {@code system/name}, or null. */
    public EventFormat byName(String system, String name) {
        for (Map.Entry<Integer, Entry> e : byId.entrySet()) {
            if (e.getValue().name.equals(name) && e.getValue().system.equals(system)) return byId(e.getKey());
        }
        return null;
    }

    public int size() {
        return byId.size();
    }

    /** Formats that could not be parsed when a record needed them. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** The rest of the line that starts with {@code key} ({@code "name: kmalloc"}), or null. */
    private static String value(String text, String key) {
        int at = text.startsWith(key) ? 0 : text.indexOf("\n" + key);
        if (at < 0) return null;
        if (at > 0) at++;
        int end = text.indexOf('\n', at);
        return text.substring(at + key.length(), end < 0 ? text.length() : end).strip();
    }
}
