package io.slabtrace.parser.ringbuffer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The event formats a trace was recorded with, by id: the registry every record is decoded against
 * (a record names its format by its first field, {@code common_type}). Not thread-safe.
 */
public final class EventFormats {
    private final Map<Integer, EventFormat> byId = new HashMap<>();
    private final List<EventFormat> all = new ArrayList<>();

    public void add(EventFormat f) {
        if (byId.putIfAbsent(f.id(), f) == null) all.add(f);
    }

    /** The format with that id, or null. */
    public EventFormat byId(int id) {
        return byId.get(id);
    }

    /** The format {@code system/name}, or null. */
    public EventFormat byName(String system, String name) {
        for (EventFormat f : all) if (f.name().equals(name) && f.system().equals(system)) return f;
        return null;
    }

    public Collection<EventFormat> all() {
        return List.copyOf(all);
    }

    public int size() {
        return all.size();
    }
}
