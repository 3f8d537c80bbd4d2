package io.slabtrace.parser.tracedat;

import io.slabtrace.parser.InputException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * {@link Input} over bytes already in memory: a decompressed trace.dat section, or perf.data's tracing
 * data. Offsets in messages count from the start of those bytes, and the message says where they came from.
 */
public final class BufferInput extends Input {
    private final Path file;
    private final String where;
    private final long base;

    /**
     * @param where what the bytes are, for messages ("section 18 at offset 2063, uncompressed")
     * @param base  added to positions in messages: the file offset of the bytes when they are stored as they are, else 0
     */
    public BufferInput(byte[] data, ByteOrder order, Path file, String where, long base) {
        this.win = ByteBuffer.wrap(data).order(order);
        this.file = file;
        this.where = where;
        this.base = base;
    }

    @Override
    public long offset() {
        return base + win.position();
    }

    @Override
    public long remaining() {
        return win.remaining();
    }

    @Override
    protected void fill(int n) throws InputException {
        throw damaged("the data ends after " + win.remaining() + " of " + n + " bytes needed", offset());
    }

    @Override
    public InputException damaged(String what, long at) {
        return new InputException(file + ": " + what + " at offset " + at + " of " + where);
    }
}
