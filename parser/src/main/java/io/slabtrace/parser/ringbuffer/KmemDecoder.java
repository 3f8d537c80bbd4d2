package io.slabtrace.parser.ringbuffer;

import io.slabtrace.model.trace.KmemEvent;

import io.slabtrace.parser.NameTable;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns one tracepoint record (the payload of a ring-buffer event, or of perf's PERF_SAMPLE_RAW) into a
 * {@link KmemEvent} with the same values the text path reads from ftrace/trace-cmd/perf text
 * (io.slabtrace.parser.KmemLine): the kmem tracepoints of include/trace/events/kmem.h, by their format's
 * field offsets, so any kernel's layout works. Field by field:
 * call_site through {@link Kallsyms}; ptr raw (0 for NULL); name from its {@code __data_loc} string;
 * gfp_flags printed with the print fmt's {@code __print_flags} table ({@link FlagTable}), or {@code 0x..} hex
 * without one; accounted from its field (6.0+ kmem_cache_alloc) or, where the print fmt derives it from
 * the flags (6.1+ kmalloc: {@code REC->gfp_flags & __GFP_ACCOUNT}), from the flags. Fields the kernel does
 * not have stay null or -1, as {@link KmemEvent} documents.
 * Caches per format id and per distinct value; not thread-safe.
 */
public final class KmemDecoder {
    /** What {@link #decode} made of the last record. */
    public enum Status { KMEM, OTHER_EVENT, UNKNOWN_ID, MALFORMED }

    private final EventFormats formats;
    private final Kallsyms kallsyms;
    private final Map<Integer, Layout> layouts = new HashMap<>();
    private final NameTable names = new NameTable(); // the text reader's interner: bounded, one String per name
    private final LongStringMap callSites = new LongStringMap();
    /** {@code struct trace_entry} (include/linux/trace_events.h) starts every record with {@code unsigned short type}. */
    private static final FieldFormat COMMON_TYPE = new FieldFormat("common_type", "unsigned short", 0, 2, false, FieldFormat.Loc.INLINE);
    private Layout last;
    private Status status;
    private String problem;

    public KmemDecoder(EventFormats formats, Kallsyms kallsyms) {
        this.formats = formats;
        this.kallsyms = kallsyms;
    }

    public Status status() {
        return status;
    }

    /** Why the last record was {@link Status#MALFORMED} or {@link Status#UNKNOWN_ID}. */
    public String problem() {
        return problem;
    }

    /** The event id ({@code common_type}) of the record at {@code b[off, off+len)}, or -1 when it is too short to hold one. */
    public int eventId(ByteBuffer b, int off, int len) {
        if (len < 2) return -1;
        return b.getShort(off + COMMON_TYPE.offset()) & 0xffff;
    }

    /**
     * The kmem event in the record, or null: then {@link #status} says whether it was another event, one
     * with an id no format has, or one too short for its format's fields. {@code time} is in seconds.
     */
    public KmemEvent decode(ByteBuffer b, int off, int len, int cpu, double time) {
        return decode(b, off, len, eventId(b, off, len), cpu, time);
    }

    /** As {@link #decode(ByteBuffer, int, int, int, double)}, with the format id known (perf's attr.config). */
    public KmemEvent decode(ByteBuffer b, int off, int len, int id, int cpu, double time) {
        Layout l = last != null && last.id == id ? last : layout(id);
        if (l == null) {
            status = Status.UNKNOWN_ID;
            problem = id < 0 ? "a record of " + len + " bytes, too short for an event id" : "a record of event id " + id + ", which no format describes";
            return null;
        }
        last = l;
        if (l.kind == null) {
            status = Status.OTHER_EVENT;
            return null;
        }
        if (len < l.minLength) {
            status = Status.MALFORMED;
            problem = "a " + l.format.name() + " record of " + len + " bytes, its format needs " + l.minLength;
            return null;
        }
        String callSite = callSite(unsigned(b, off + l.callSite.offset(), l.callSite.size()));
        long ptr = unsigned(b, off + l.ptr.offset(), l.ptr.size());
        String name = null;
        if (l.name != null) {
            name = string(b, off, len, l.name);
            if (name == null) {
                status = Status.MALFORMED;
                problem = "a " + l.format.name() + " record whose name string lies outside it";
                return null;
            }
        }
        long req = l.bytesReq != null ? unsigned(b, off + l.bytesReq.offset(), l.bytesReq.size()) : -1;
        long alloc = l.bytesAlloc != null ? unsigned(b, off + l.bytesAlloc.offset(), l.bytesAlloc.size()) : -1;
        String gfp = null;
        long gfpValue = 0;
        if (l.gfp != null) {
            gfpValue = unsigned(b, off + l.gfp.offset(), l.gfp.size());
            gfp = l.gfpText(gfpValue);
        }
        int node = l.node != null ? (int) signed(b, off + l.node.offset(), l.node.size()) : -1;
        Boolean accounted = null;
        if (l.accounted != null) accounted = unsigned(b, off + l.accounted.offset(), l.accounted.size()) != 0;
        else if (l.accountedMask != 0) accounted = (gfpValue & l.accountedMask) != 0;
        else if (l.accountedNever) accounted = false;
        status = Status.KMEM;
        return new KmemEvent(l.kind, cpu, time, callSite, ptr, name, req, alloc, gfp, node, accounted);
    }

    private String callSite(long address) {
        String s = callSites.get(address);
        if (s == null) {
            s = kallsyms.callSite(address);
            callSites.put(address, s);
        }
        return s;
    }

    private Layout layout(int id) {
        if (id < 0) return null;
        Layout l = layouts.get(id);
        if (l == null) {
            EventFormat f = formats.byId(id);
            if (f == null) return null;
            l = new Layout(f);
            layouts.put(id, l);
        }
        return l;
    }

    /** A {@code __data_loc}/{@code __rel_loc} string, without its trailing NULs; null when it points outside the record. */
    private String string(ByteBuffer b, int off, int len, FieldFormat f) {
        long word = unsigned(b, off + f.offset(), 4);
        int at = (int) (word & 0xffff), length = (int) (word >>> 16);
        if (f.loc() == FieldFormat.Loc.REL_LOC) at += f.offset() + f.size();
        if (f.loc() == FieldFormat.Loc.INLINE) { // a fixed char array
            at = f.offset();
            length = f.size();
        }
        if (at + length > len) return null;
        while (length > 0 && b.get(off + at + length - 1) == 0) length--;
        int from = off + at;
        if (b.hasArray()) return names.intern(b.array(), b.arrayOffset() + from, b.arrayOffset() + from + length);
        byte[] copy = new byte[length]; // a direct buffer: never one of the readers' today
        b.get(from, copy);
        return names.intern(copy, 0, length);
    }

    static long unsigned(ByteBuffer b, int at, int size) {
        return switch (size) {
            case 1 -> b.get(at) & 0xffL;
            case 2 -> b.getShort(at) & 0xffffL;
            case 4 -> b.getInt(at) & 0xffffffffL;
            default -> b.getLong(at);
        };
    }

    static long signed(ByteBuffer b, int at, int size) {
        return switch (size) {
            case 1 -> b.get(at);
            case 2 -> b.getShort(at);
            case 4 -> b.getInt(at);
            default -> b.getLong(at);
        };
    }

    /** What one format's records hold for a kmem event, worked out once. */
    private static final class Layout {
        final int id;
        final EventFormat format;
        final KmemEvent.Kind kind;
        final FieldFormat callSite, ptr, name, bytesReq, bytesAlloc, gfp, node, accounted;
        final FlagTable gfpTable;
        final long accountedMask;
        final boolean accountedNever;
        final int minLength;
        private final LongStringMap gfpTexts = new LongStringMap();

        Layout(EventFormat f) {
            id = f.id();
            format = f;
            FieldFormat cs = f.field("call_site"), p = f.field("ptr");
            KmemEvent.Kind k = f.system().equals("kmem") && cs != null && p != null ? kindOf(f.name()) : null;
            kind = k;
            callSite = cs;
            ptr = p;
            name = f.field("name");
            bytesReq = f.field("bytes_req");
            bytesAlloc = f.field("bytes_alloc");
            gfp = f.field("gfp_flags");
            node = f.field("node");
            accounted = f.field("accounted");
            gfpTable = gfp != null ? PrintFmtFlags.find(f.printFmt(), "gfp_flags") : null;
            // 6.1+ kmalloc prints accounted=%s from "(IS_ENABLED(CONFIG_MEMCG) && (REC->gfp_flags & __GFP_ACCOUNT)) ? "true" : "false""
            boolean derived = accounted == null && gfp != null && f.printFmt().contains("accounted=");
            accountedNever = derived && f.printFmt().contains("(0 && (REC->gfp_flags");
            accountedMask = derived && !accountedNever && gfpTable != null ? gfpTable.mask("__GFP_ACCOUNT") : 0;
            int min = 0;
            for (FieldFormat x : new FieldFormat[]{cs, p, name, bytesReq, bytesAlloc, gfp, node, accounted}) {
                if (x != null) min = Math.max(min, x.offset() + x.size());
            }
            minLength = min;
        }

        String gfpText(long value) {
            String s = gfpTexts.get(value);
            if (s == null) {
                s = gfpTable != null ? gfpTable.format(value) : "0x" + Long.toHexString(value);
                gfpTexts.put(value, s);
            }
            return s;
        }

        /** The events of include/trace/events/kmem.h; the _node variants were folded into the others in 6.1. */
        private static KmemEvent.Kind kindOf(String event) {
            return switch (event) {
                case "kmalloc", "kmalloc_node" -> KmemEvent.Kind.KMALLOC;
                case "kmem_cache_alloc", "kmem_cache_alloc_node" -> KmemEvent.Kind.KMEM_CACHE_ALLOC;
                case "kfree" -> KmemEvent.Kind.KFREE;
                case "kmem_cache_free" -> KmemEvent.Kind.KMEM_CACHE_FREE;
                default -> null;
            };
        }
    }
}
