package io.slabtrace.parser.ringbuffer;

/**
 * Bytes that do not follow the ring-buffer or format rules. {@code offset} is where the problem was
 * found, relative to what the caller handed in (a page, a format text); callers add their own base
 * offset and file name when they turn it into an input error.
 */
public final class TraceFormatException extends Exception {
    private final long offset;

    public TraceFormatException(String message, long offset) {
        super(message);
        this.offset = offset;
    }

    public long offset() {
        return offset;
    }
}
