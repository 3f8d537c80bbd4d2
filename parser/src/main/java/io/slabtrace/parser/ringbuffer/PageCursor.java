package io.slabtrace.parser.ringbuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Walks the events of one ring-buffer page: the page header, then the compressed event headers of
 * include/linux/ring_buffer.h ({@code u32 type_len:5, time_delta:27; u32 array[]}). The rules, from
 * kernel/trace/ring_buffer.c and libtraceevent's kbuffer-parse.c (which trace-cmd report uses):
 * <ul>
 * <li>commit word: low 27 bits the bytes of data, bit 31 {@code RB_MISSED_EVENTS} (events were lost before this
 *     page), bit 30 {@code RB_MISSED_STORED} (their count is stored as a kernel long right after the data);</li>
 * <li>type_len 1..28: data of type_len*4 bytes right after the header; 0: {@code array[0]} holds the length
 *     plus 4, data from {@code array[1]}, rounded up to 4;</li>
 * <li>29 padding: {@code array[0]} more bytes to skip; with time_delta 0 it is the page's unused tail;</li>
 * <li>30 time extend: delta = {@code array[0] << 27 | time_delta}, added; 31 absolute time stamp: the same
 *     value replaces the time, its 5 top bits taken from the current time (ring_buffer.c {@code rb_fix_abs_ts}).</li>
 * </ul>
 * The delta of every entry is added to the running time, padding included, as kbuffer does: so the times
 * equal what trace-cmd prints. One cursor is reused for page after page; it holds no page of its own.
 */
public final class PageCursor {
    static final int TYPE_PADDING = 29, TYPE_TIME_EXTEND = 30, TYPE_TIME_STAMP = 31, TS_SHIFT = 27;
    private static final long MISSED_EVENTS = 1L << 31, MISSED_STORED = 1L << 30;
    private static final int COMMIT_MASK = (1 << 27) - 1;
    private static final long TS_MSB = 0xf8L << 56;

    private final PageLayout layout;
    private final boolean bigEndian;
    private ByteBuffer buf;
    private int data, end, next;
    private long pageTime, time, missed;
    private int recordOffset, recordLength;

    public PageCursor(PageLayout layout) {
        this.layout = layout;
        this.bigEndian = layout.order() == ByteOrder.BIG_ENDIAN;
    }

    /**
     * Starts on the page at {@code buf[pageStart, pageStart + pageSize)}. Sets the buffer's byte order to the
     * layout's. Throws when the commit runs past the page.
     */
    public void load(ByteBuffer buf, int pageStart) throws TraceFormatException {
        if (pageStart < 0 || pageStart + layout.pageSize() > buf.limit()) {
            throw new TraceFormatException("page of " + layout.pageSize() + " bytes does not fit the buffer", pageStart);
        }
        this.buf = buf;
        buf.order(layout.order());
        pageTime = buf.getLong(pageStart);
        long commit = layout.commitSize() == 8 ? buf.getLong(pageStart + layout.commitOffset())
                : buf.getInt(pageStart + layout.commitOffset()) & 0xffffffffL;
        int size = (int) (commit & COMMIT_MASK);
        data = pageStart + layout.dataOffset();
        end = data + size;
        if (end > pageStart + layout.pageSize()) {
            throw new TraceFormatException("page commit of " + size + " bytes runs past the page of " + layout.pageSize(), pageStart + layout.commitOffset());
        }
        if ((commit & MISSED_EVENTS) == 0) {
            missed = 0;
        } else if ((commit & MISSED_STORED) != 0) {
            if (end + layout.commitSize() > pageStart + layout.pageSize()) {
                throw new TraceFormatException("page says its missed-events count is stored, but there is no room for it", end);
            }
            missed = layout.commitSize() == 8 ? buf.getLong(end) : buf.getInt(end) & 0xffffffffL;
        } else {
            missed = -1;
        }
        next = data;
        time = pageTime;
        recordOffset = recordLength = 0;
    }

    /** The page header's time stamp: the base the first event's delta is added to. */
    public long pageTimestamp() {
        return pageTime;
    }

    /** Bytes of event data the page holds (its commit). */
    public int commitLength() {
        return end - data;
    }

    /** Events lost before this page: 0 none, -1 some but their number was not stored (no room on the page). */
    public long missedEvents() {
        return missed;
    }

    /**
     * Moves to the next data record: true with {@link #timestamp}, {@link #recordOffset} and
     * {@link #recordLength} set; false at the end of the page.
     */
    public boolean next() throws TraceFormatException {
        while (next < end) {
            int at = next;
            if (at + 4 > end) throw new TraceFormatException("event header cut by the end of the page data", at);
            int word = buf.getInt(at);
            int typeLen = bigEndian ? word >>> 27 : word & 0x1f;
            long delta = bigEndian ? word & ((1 << 27) - 1) : word >>> 5;
            switch (typeLen) {
                case TYPE_PADDING -> {
                    if (delta == 0) { // rb_event_set_padding: the rest of the page is unused
                        next = end;
                        return false;
                    }
                    int length = arrayWord(at);
                    time += delta;
                    next = checkedNext(at, 4L + (length & 0xffffffffL));
                }
                case TYPE_TIME_EXTEND -> {
                    time += ((arrayWord(at) & 0xffffffffL) << TS_SHIFT) + delta;
                    next = checkedNext(at, 8);
                }
                case TYPE_TIME_STAMP -> {
                    long abs = ((arrayWord(at) & 0xffffffffL) << TS_SHIFT) + delta;
                    time = abs | (time & TS_MSB);
                    next = checkedNext(at, 8);
                }
                case 0 -> {
                    long length = (arrayWord(at) & 0xffffffffL) - 4;
                    if (length < 0) throw new TraceFormatException("event length below its own header", at);
                    length = (length + 3) & ~3L;
                    time += delta;
                    recordOffset = at + 8;
                    recordLength = (int) Math.min(length, Integer.MAX_VALUE);
                    next = checkedNext(at, 8 + length);
                    return true;
                }
                default -> {
                    time += delta;
                    recordOffset = at + 4;
                    recordLength = typeLen * 4;
                    next = checkedNext(at, 4 + recordLength);
                    return true;
                }
            }
        }
        return false;
    }

    private int arrayWord(int at) throws TraceFormatException {
        if (at + 8 > end) throw new TraceFormatException("event cut by the end of the page data", at);
        return buf.getInt(at + 4);
    }

    private int checkedNext(int at, long length) throws TraceFormatException {
        if (at + length > end) throw new TraceFormatException("event of " + length + " bytes runs past the page data", at);
        return (int) (at + length);
    }

    /** The current record's time, in the trace clock's units (nanoseconds for the default clocks). */
    public long timestamp() {
        return time;
    }

    /** Where the current record's payload starts in the buffer (its {@code common_type} first). */
    public int recordOffset() {
        return recordOffset;
    }

    /** The payload's length in bytes (may include up to 3 bytes of alignment). */
    public int recordLength() {
        return recordLength;
    }

    public ByteBuffer buffer() {
        return buf;
    }
}
