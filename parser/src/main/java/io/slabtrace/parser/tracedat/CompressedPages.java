package io.slabtrace.parser.tracedat;

import io.slabtrace.parser.InputException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Pages of a compressed v7 flyrecord: u32 chunk count, then per chunk u32 compressed size, u32
 * uncompressed size (a whole number of pages) and the compressed bytes (trace-cmd.dat.v7.5.txt,
 * "COMPRESSION FORMAT OF THE TRACE DATA"; trace-cmd's tracecmd_compress_copy_from writes them). One
 * chunk is decompressed at a time: memory is one chunk per CPU.
 */
final class CompressedPages implements PageSource {
    /** trace-cmd writes chunks of 10 pages; larger ones than this are damage. */
    private static final long MAX_CHUNK = 64L << 20;
    private final FileInput in;
    private final Compression compression;
    private final int pageSize;
    private final long end;
    private long chunksLeft;
    private long chunkOffset;
    private ByteBuffer chunk = ByteBuffer.allocate(0);
    private byte[] compressedBytes = new byte[0], plainBytes = new byte[0];
    private final io.airlift.compress.zstd.ZstdDecompressor zstd = new io.airlift.compress.zstd.ZstdDecompressor();
    private int pageStart, nextStart;

    CompressedPages(FileInput in, Compression compression, long offset, long size, int pageSize, ByteOrder order) throws InputException {
        this.in = in;
        this.compression = compression;
        this.pageSize = pageSize;
        // trace-cmd 3.1.6 records the size of the chunks without the u32 count before them (seen in its files)
        this.end = offset + 4 + size;
        in.order(order);
        in.seek(offset);
        if (end > in.fileSize()) throw in.damaged("CPU data of " + size + " bytes that runs past the end of the file", offset);
        chunksLeft = size == 0 ? 0 : in.u32();
    }

    @Override
    public boolean next() throws InputException {
        while (nextStart + pageSize > chunk.limit()) {
            if (chunksLeft == 0) return false;
            chunksLeft--;
            chunkOffset = in.offset();
            long compressed = in.u32(), plain = in.u32();
            if (chunkOffset + 8 + compressed > end) throw in.damaged("a compressed chunk of " + compressed + " bytes that runs past its CPU's data", chunkOffset);
            if (plain > MAX_CHUNK || plain % pageSize != 0) throw in.damaged("a chunk of " + plain + " bytes uncompressed (not a whole number of " + pageSize + "-byte pages)", chunkOffset);
            if (compressedBytes.length < compressed) compressedBytes = new byte[(int) compressed];
            if (plainBytes.length < plain) plainBytes = new byte[(int) plain];
            in.read(compressedBytes, (int) compressed);
            try {
                compression.decompress(compressedBytes, 0, (int) compressed, plainBytes, (int) plain, zstd);
                chunk = ByteBuffer.wrap(plainBytes, 0, (int) plain).slice();
            } catch (IllegalStateException e) {
                throw in.damaged("a CPU data chunk: " + e.getMessage(), chunkOffset);
            }
            nextStart = 0;
        }
        pageStart = nextStart;
        nextStart += pageSize;
        return true;
    }

    @Override
    public ByteBuffer buffer() {
        return chunk;
    }

    @Override
    public int pageStart() {
        return pageStart;
    }

    @Override
    public String where(int offsetInBuffer) {
        return "the compressed chunk at offset " + chunkOffset + ", uncompressed byte " + offsetInBuffer;
    }
}
