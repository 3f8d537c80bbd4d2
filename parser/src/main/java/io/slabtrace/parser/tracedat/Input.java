package io.slabtrace.parser.tracedat;

import io.slabtrace.parser.InputException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Sequential reads of the integers and strings of a trace file's metadata, in the file's byte order,
 * each checked against the end of the data: running out ends in an {@link InputException} that names
 * the file and the offset. A window ({@link #win}) over the bytes; subclasses refill it.
 */
public abstract class Input {
    protected ByteBuffer win;

    /** The absolute offset of the next byte, for messages (a file offset, or an offset into an uncompressed section). */
    public abstract long offset();

    /** Makes {@code n} bytes available in {@link #win}, or throws: the data ends sooner. */
    protected abstract void fill(int n) throws InputException;

    /** Bytes left from here to the end of the data. */
    public abstract long remaining();

    /** An error naming where: {@code FILE: WHAT at offset N}. */
    public abstract InputException damaged(String what, long at);

    public final InputException damaged(String what) {
        return damaged(what, offset());
    }

    public void order(ByteOrder order) {
        win.order(order);
    }

    public ByteOrder order() {
        return win.order();
    }

    public final int u8() throws InputException {
        if (win.remaining() < 1) fill(1);
        return win.get() & 0xff;
    }

    public final int u16() throws InputException {
        if (win.remaining() < 2) fill(2);
        return win.getShort() & 0xffff;
    }

    public final long u32() throws InputException {
        if (win.remaining() < 4) fill(4);
        return win.getInt() & 0xffffffffL;
    }

    public final long u64() throws InputException {
        if (win.remaining() < 8) fill(8);
        return win.getLong();
    }

    /** A size field that must fit in what is left and in an array. */
    public final int size(long value, String what) throws InputException {
        if (value < 0 || value > remaining() || value > Integer.MAX_VALUE - 16) {
            throw damaged(what + " of " + Long.toUnsignedString(value) + " bytes, but only " + remaining() + " are left", offset());
        }
        return (int) value;
    }

    /** A NUL-terminated string of at most {@code max} bytes. */
    public final String cstring(int max) throws InputException {
        long at = offset();
        StringBuilder s = new StringBuilder();
        while (true) {
            int c = u8();
            if (c == 0) return s.toString();
            if (s.length() >= max) throw damaged("a string longer than " + max + " bytes (no NUL)", at);
            s.append((char) c);
        }
    }

    public final byte[] bytes(int n) throws InputException {
        byte[] out = new byte[n];
        read(out, n);
        return out;
    }

    /** Reads the next {@code n} bytes into {@code out[0, n)}. */
    public final void read(byte[] out, int n) throws InputException {
        read(out, 0, n);
    }

    /** Reads the next {@code n} bytes into {@code out[off, off + n)}. */
    public final void read(byte[] out, int off, int n) throws InputException {
        int done = 0;
        while (done < n) {
            if (!win.hasRemaining()) fill(Math.min(n - done, 1 << 16));
            int k = Math.min(n - done, win.remaining());
            win.get(out, off + done, k);
            done += k;
        }
    }

    public final String text(int n) throws InputException {
        return new String(bytes(n), StandardCharsets.ISO_8859_1);
    }

    public final void skip(long n) throws InputException {
        if (n < 0 || n > remaining()) throw damaged("a skip of " + n + " bytes past the end");
        while (n > 0) {
            if (!win.hasRemaining()) fill(1);
            int k = (int) Math.min(n, win.remaining());
            win.position(win.position() + k);
            n -= k;
        }
    }
}
