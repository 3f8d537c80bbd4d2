package io.slabtrace.parser.tracedat;

import io.slabtrace.parser.InputException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** Pages stored as they are (v6, v7 without compression): read 16 pages at a time with positional reads. */
final class RawPages implements PageSource {
    private static final int PAGES_PER_READ = 16;
    private final FileChannel channel;
    private final Path file;
    private final int pageSize;
    private final long end;
    private final ByteBuffer buf;
    private long bufOffset; // file offset of buf[0]
    private long nextPage;
    private int pageStart = -1;

    RawPages(FileChannel channel, Path file, long offset, long size, int pageSize) {
        this.channel = channel;
        this.file = file;
        this.pageSize = pageSize;
        this.nextPage = offset;
        this.end = offset + size;
        this.buf = ByteBuffer.allocate(pageSize * PAGES_PER_READ);
        this.buf.limit(0);
        this.bufOffset = offset;
    }

    @Override
    public boolean next() throws InputException {
        if (nextPage + pageSize > end) return false;
        if (nextPage + pageSize > bufOffset + buf.limit()) {
            int want = (int) Math.min(buf.capacity(), (end - nextPage) / pageSize * pageSize);
            buf.clear().limit(want);
            bufOffset = nextPage;
            try {
                while (buf.hasRemaining()) {
                    if (channel.read(buf, bufOffset + buf.position()) <= 0) {
                        throw new InputException(file + ": the file ends at offset " + (bufOffset + buf.position())
                                + ", inside CPU data that should run to offset " + end);
                    }
                }
            } catch (IOException e) {
                throw new InputException(file + ": cannot read at offset " + bufOffset + " (" + e.getMessage() + ")", e);
            }
            buf.flip();
        }
        pageStart = (int) (nextPage - bufOffset);
        nextPage += pageSize;
        return true;
    }

    @Override
    public ByteBuffer buffer() {
        return buf;
    }

    @Override
    public int pageStart() {
        return pageStart;
    }

    @Override
    public String where(int offsetInBuffer) {
        return "offset " + (bufOffset + offsetInBuffer);
    }
}
