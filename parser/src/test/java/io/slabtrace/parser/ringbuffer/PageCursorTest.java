package io.slabtrace.parser.ringbuffer;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hand-built pages, one rule of kernel/trace/ring_buffer.c each. */
class PageCursorTest {
    static final int PAGE = 256;

    /** Writes a page as the kernel lays it out: u64 time stamp, 8-byte commit, data from 16. */
    static final class PageBuilder {
        final ByteBuffer b;
        final boolean big;
        int at = 16;

        PageBuilder(ByteOrder order, long timestamp) {
            b = ByteBuffer.allocate(PAGE).order(order);
            big = order == ByteOrder.BIG_ENDIAN;
            b.putLong(0, timestamp);
        }

        PageBuilder header(int typeLen, int delta) {
            b.putInt(at, big ? typeLen << 27 | delta : delta << 5 | typeLen);
            at += 4;
            return this;
        }

        PageBuilder word(int w) {
            b.putInt(at, w);
            at += 4;
            return this;
        }

        /** A data event of {@code words} 4-byte words, its first short the event id. */
        PageBuilder data(int delta, int id, int words) {
            header(words, delta);
            b.putShort(at, (short) id);
            at += 4 * words;
            return this;
        }

        ByteBuffer commit(long flags) {
            b.putLong(8, (at - 16) | flags);
            return b;
        }
    }

    record Seen(long time, int id, int length) {
    }

    static List<Seen> walk(PageCursor c, ByteBuffer page) throws TraceFormatException {
        c.load(page, 0);
        List<Seen> out = new ArrayList<>();
        while (c.next()) out.add(new Seen(c.timestamp(), page.getShort(c.recordOffset()), c.recordLength()));
        return out;
    }

    static PageCursor cursor(ByteOrder order) {
        return new PageCursor(PageLayout.standard(PAGE, order, 8));
    }

    @Test
    void deltasAddUpFromThePageTimeStamp() throws Exception {
        ByteBuffer p = new PageBuilder(ByteOrder.LITTLE_ENDIAN, 1_000).data(5, 7, 2).data(10, 8, 3).commit(0);
        assertEquals(List.of(new Seen(1_005, 7, 8), new Seen(1_015, 8, 12)), walk(cursor(ByteOrder.LITTLE_ENDIAN), p));
    }

    @Test
    void bigEndianPagesKeepTypeLenInTheTopBits() throws Exception {
        ByteBuffer p = new PageBuilder(ByteOrder.BIG_ENDIAN, 1_000).data(5, 7, 2).data((1 << 27) - 1, 8, 1).commit(0);
        assertEquals(List.of(new Seen(1_005, 7, 8), new Seen(1_005 + (1 << 27) - 1, 8, 4)), walk(cursor(ByteOrder.BIG_ENDIAN), p));
    }

    @Test
    void typeLenZeroTakesTheLengthFromArrayZero() throws Exception {
        PageBuilder pb = new PageBuilder(ByteOrder.LITTLE_ENDIAN, 0).header(0, 3).word(4 + 10); // 10 bytes of data, padded to 12
        pb.b.putShort(pb.at, (short) 42);
        pb.at += 12;
        pb.data(1, 43, 1);
        assertEquals(List.of(new Seen(3, 42, 12), new Seen(4, 43, 4)), walk(cursor(ByteOrder.LITTLE_ENDIAN), pb.commit(0)));
    }

    @Test
    void timeExtendAddsArrayZeroShiftedBy27() throws Exception {
        ByteBuffer p = new PageBuilder(ByteOrder.LITTLE_ENDIAN, 100).header(30, 6).word(2).data(4, 1, 1).commit(0);
        assertEquals(List.of(new Seen(100 + (2L << 27) + 6 + 4, 1, 4)), walk(cursor(ByteOrder.LITTLE_ENDIAN), p));
    }

    @Test
    void absoluteTimeStampReplacesTheTimeKeepingItsTopBits() throws Exception {
        long base = 0xf8L << 56 | 1_000;
        ByteBuffer p = new PageBuilder(ByteOrder.LITTLE_ENDIAN, base).header(31, 5).word(1).data(2, 1, 1).commit(0);
        assertEquals(List.of(new Seen((0xf8L << 56) | ((1L << 27) + 5 + 2), 1, 4)), walk(cursor(ByteOrder.LITTLE_ENDIAN), p));
    }

    @Test
    void paddingIsSkippedAndItsDeltaCountsAsKbufferCountsIt() throws Exception {
        // a discarded event (rb_event_discard): type 29 with a delta, array[0] = its size less the 4-byte header
        ByteBuffer p = new PageBuilder(ByteOrder.LITTLE_ENDIAN, 0).data(1, 1, 1).header(29, 2).word(12).word(0).word(0).data(3, 2, 1).commit(0);
        assertEquals(List.of(new Seen(1, 1, 4), new Seen(6, 2, 4)), walk(cursor(ByteOrder.LITTLE_ENDIAN), p));
    }

    @Test
    void paddingWithoutDeltaEndsThePage() throws Exception {
        ByteBuffer p = new PageBuilder(ByteOrder.LITTLE_ENDIAN, 0).data(1, 1, 1).header(29, 0).word(0).data(3, 2, 1).commit(0);
        assertEquals(List.of(new Seen(1, 1, 4)), walk(cursor(ByteOrder.LITTLE_ENDIAN), p));
    }

    @Test
    void missedEventsStoredAfterTheDataAreCounted() throws Exception {
        PageBuilder pb = new PageBuilder(ByteOrder.LITTLE_ENDIAN, 0).data(1, 1, 1);
        pb.b.putLong(pb.at, 8517);
        ByteBuffer p = pb.commit(1L << 31 | 1L << 30);
        PageCursor c = cursor(ByteOrder.LITTLE_ENDIAN);
        assertEquals(1, walk(c, p).size(), "the stored count is no event");
        assertEquals(8517, c.missedEvents());
        assertEquals(4 + 4, c.commitLength());
    }

    @Test
    void missedEventsWithoutRoomForTheCountAreUnknown() throws Exception {
        PageCursor c = cursor(ByteOrder.LITTLE_ENDIAN);
        c.load(new PageBuilder(ByteOrder.LITTLE_ENDIAN, 0).data(1, 1, 1).commit(1L << 31), 0);
        assertEquals(-1, c.missedEvents());
        c.load(new PageBuilder(ByteOrder.LITTLE_ENDIAN, 0).data(1, 1, 1).commit(0), 0);
        assertEquals(0, c.missedEvents());
    }

    @Test
    void thirtyTwoBitKernelsHaveAFourByteCommitAndDataAtTwelve() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(PAGE).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, 50);
        b.putInt(8, 12);
        b.putInt(12, 3 << 5 | 2);
        b.putShort(16, (short) 9);
        PageCursor c = new PageCursor(PageLayout.standard(PAGE, ByteOrder.LITTLE_ENDIAN, 4));
        assertEquals(List.of(new Seen(53, 9, 8)), walk(c, b));
    }

    @Test
    void aPageInsideALargerBufferIsReadAtItsOffset() throws Exception {
        ByteBuffer p = new PageBuilder(ByteOrder.LITTLE_ENDIAN, 7).data(1, 5, 1).commit(0);
        ByteBuffer big = ByteBuffer.allocate(3 * PAGE);
        big.position(PAGE);
        big.put(p.array());
        PageCursor c = cursor(ByteOrder.LITTLE_ENDIAN);
        c.load(big, PAGE);
        assertTrue(c.next());
        assertEquals(8, c.timestamp());
        assertEquals(PAGE + 16 + 4, c.recordOffset());
        assertFalse(c.next());
    }

    @Test
    void damagedPagesThrowNamingWhere() {
        PageCursor c = cursor(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer commitTooBig = new PageBuilder(ByteOrder.LITTLE_ENDIAN, 0).commit(0);
        commitTooBig.putLong(8, PAGE);
        TraceFormatException e = assertThrows(TraceFormatException.class, () -> c.load(commitTooBig, 0));
        assertEquals(8, e.offset());

        ByteBuffer eventTooLong = new PageBuilder(ByteOrder.LITTLE_ENDIAN, 0).data(1, 1, 1).commit(0);
        eventTooLong.putInt(16, 1 << 5 | 20); // 80 bytes claimed, 4 committed
        assertThrows(TraceFormatException.class, () -> walk(c, eventTooLong));

        ByteBuffer lengthBelowHeader = new PageBuilder(ByteOrder.LITTLE_ENDIAN, 0).header(0, 1).word(2).commit(0);
        assertThrows(TraceFormatException.class, () -> walk(c, lengthBelowHeader));
    }
}
