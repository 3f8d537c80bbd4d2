package io.slabtrace.parser.ringbuffer;

import java.nio.ByteOrder;

/**
 * Where a ring-buffer page (sub-buffer) keeps its header fields: {@code struct buffer_data_page} of
 * kernel/trace/ring_buffer.c is {@code u64 time_stamp; local_t commit; unsigned char data[]}, so the
 * commit word and the data start depend on the kernel's long size. The kernel describes it in
 * {@code events/header_page}, which trace.dat and perf's tracing data carry.
 *
 * @param pageSize     bytes per page as recorded (trace.dat: the header's page size; trace_pipe_raw: the sub-buffer size)
 * @param commitSize   4 or 8: the kernel's long, which is also the width of a stored missed-events count
 */
public record PageLayout(int pageSize, ByteOrder order, int commitOffset, int commitSize, int dataOffset) {

    public PageLayout {
        if (commitSize != 4 && commitSize != 8) throw new IllegalArgumentException("commit size " + commitSize);
        if (pageSize <= dataOffset) throw new IllegalArgumentException("page size " + pageSize + " not above data offset " + dataOffset);
    }

    /** The layout of every kernel since 2.6.31: 8-byte time stamp, commit of the kernel's long size, data right after. */
    public static PageLayout standard(int pageSize, ByteOrder order, int kernelLongSize) {
        return new PageLayout(pageSize, order, 8, kernelLongSize, 8 + kernelLongSize);
    }

    /** The layout the {@code header_page} text describes; {@link #standard} for what it does not say. */
    public static PageLayout fromHeaderPage(String headerPage, int pageSize, ByteOrder order, int fallbackLongSize)
            throws TraceFormatException {
        FieldFormat commit = null, data = null;
        for (FieldFormat f : EventFormatParser.fields(headerPage)) {
            if (f.name().equals("commit")) commit = f;
            else if (f.name().equals("data")) data = f;
        }
        int longSize = commit != null ? commit.size() : fallbackLongSize;
        if (longSize != 4 && longSize != 8) throw new TraceFormatException("header_page: commit of " + longSize + " bytes", 0);
        int commitOffset = commit != null ? commit.offset() : 8;
        int dataOffset = data != null ? data.offset() : 8 + longSize;
        if (dataOffset >= pageSize || commitOffset + longSize > dataOffset) {
            throw new TraceFormatException("header_page: data at " + dataOffset + " does not fit a page of " + pageSize, 0);
        }
        return new PageLayout(pageSize, order, commitOffset, longSize, dataOffset);
    }
}
