package io.slabtrace.parser.tracedat;

import io.airlift.compress.zstd.ZstdDecompressor;
import io.slabtrace.parser.InputException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Pages of a compressed v7 flyrecord: u32 chunk count, then per chunk u32 compressed size, u32
 * uncompressed size (a whole number of pages) and the compressed bytes (trace-cmd.dat.v7.5.txt,
 * "COMPRESSION FORMAT OF THE TRACE DATA"; trace-cmd's tracecmd_compress_copy_from writes them).
 * While the pages of one chunk are read, the next one is decompressed on the reader's worker pool.
 * Memory: two decompressed chunks per CPU (trace-cmd writes chunks of 10 pages).
 */
final class CompressedPages implements PageSource {
    /** Larger uncompressed chunks than this are damage. */
    private static final long MAX_CHUNK = 64L << 20;

    private record Chunk(long offset, ByteBuffer pages) {
    }

    private final FileInput in;
    private final Compression compression;
    private final ExecutorService workers;
    private final int pageSize;
    private final long end;
    private final ZstdDecompressor zstd = new ZstdDecompressor(); // one chunk of this CPU at a time uses it
    private long chunksLeft;
    private Future<Chunk> next;
    private Chunk chunk = new Chunk(0, ByteBuffer.allocate(0));
    private int pageStart, nextStart;

    /** @param workers where the next chunk is decompressed; null to decompress in the caller's thread */
    CompressedPages(FileInput in, Compression compression, long offset, long size, int pageSize, ByteOrder order, ExecutorService workers)
            throws InputException {
        this.in = in;
        this.compression = compression;
        this.workers = workers;
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
        while (nextStart + pageSize > chunk.pages().limit()) {
            if (next == null) next = start();
            if (next == null) return false;
            chunk = await(next);
            nextStart = 0;
            next = start(); // the one after, while this one is read
        }
        pageStart = nextStart;
        nextStart += pageSize;
        return true;
    }

    /** Reads the next chunk's header and bytes here, and has it decompressed; null after the last. */
    private Future<Chunk> start() throws InputException {
        if (chunksLeft == 0) return null;
        chunksLeft--;
        long at = in.offset();
        long compressed = in.u32(), plain = in.u32();
        if (at + 8 + compressed > end) throw in.damaged("a compressed chunk of " + compressed + " bytes that runs past its CPU's data", at);
        if (plain > MAX_CHUNK || plain % pageSize != 0) {
            throw in.damaged("a chunk of " + plain + " bytes uncompressed (not a whole number of " + pageSize + "-byte pages)", at);
        }
        byte[] data = in.bytes((int) compressed);
        Callable<Chunk> work = () -> {
            try {
                return new Chunk(at, ByteBuffer.wrap(compression.decompress(data, 0, data.length, new byte[(int) plain], (int) plain, zstd)));
            } catch (IllegalStateException e) {
                throw in.damaged("a CPU data chunk: " + e.getMessage(), at);
            }
        };
        if (workers != null) return workers.submit(work);
        java.util.concurrent.FutureTask<Chunk> now = new java.util.concurrent.FutureTask<>(work);
        now.run();
        return now;
    }

    private static Chunk await(Future<Chunk> f) throws InputException {
        return Await.result(f, "decompressing trace data");
    }

    @Override
    public ByteBuffer buffer() {
        return chunk.pages();
    }

    @Override
    public int pageStart() {
        return pageStart;
    }

    @Override
    public String where(int offsetInBuffer) {
        return "the compressed chunk at offset " + chunk.offset() + ", uncompressed byte " + offsetInBuffer;
    }
}
