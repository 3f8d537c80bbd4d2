package io.slabtrace.parser.tracedat;

import io.slabtrace.parser.InputException;

import java.nio.ByteBuffer;

/** One CPU's ring-buffer pages, one at a time: only the current window of pages is in memory. */
interface PageSource {
    /** Moves to the next page; false after the last. */
    boolean next() throws InputException;

    /** The buffer holding the current page, from {@link #pageStart}. */
    ByteBuffer buffer();

    int pageStart();

    /** Where the current page came from, for messages ("offset 0x86000", "compressed chunk at 1204228, byte 8192"). */
    String where(int offsetInBuffer);
}
