package io.slabtrace.parser.tracedat;

import io.airlift.compress.zstd.ZstdDecompressor;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The compression a trace.dat v7 names in its initial format ({@code "name\0version\0"}): trace-cmd's
 * lib/trace-cmd/trace-compress-zlib.c ({@code compress2}/{@code uncompress}: zlib streams with their header)
 * and trace-compress-zstd.c (one zstd frame per block). {@code none}: sections are never compressed.
 */
enum Compression {
    NONE, ZLIB, ZSTD;

    /** The algorithm of that name, or null when this reader does not know it. */
    static Compression named(String name) {
        return switch (name) {
            case "none", "" -> NONE;
            case "zlib" -> ZLIB;
            case "zstd" -> ZSTD;
            default -> null;
        };
    }

    /**
     * Decompresses {@code in[off, off+len)} into exactly {@code outLength} bytes; throws
     * {@link IllegalStateException} with the reason when the data is damaged or of another length.
     */
    byte[] decompress(byte[] in, int off, int len, int outLength) {
        return decompress(in, off, len, new byte[outLength], outLength, null);
    }

    /**
     * As {@link #decompress(byte[], int, int, int)}, into {@code out[0, outLength)}, with a zstd decompressor to
     * reuse (its tables are large: one per CPU stream, not one per chunk).
     */
    byte[] decompress(byte[] in, int off, int len, byte[] out, int outLength, ZstdDecompressor zstd) {
        int n;
        switch (this) {
            case ZLIB -> {
                Inflater inflater = new Inflater();
                try {
                    inflater.setInput(in, off, len);
                    n = inflater.inflate(out);
                    if (!inflater.finished()) throw new IllegalStateException("zlib data does not end within " + outLength + " bytes");
                } catch (DataFormatException e) {
                    throw new IllegalStateException("damaged zlib data (" + e.getMessage() + ")");
                } finally {
                    inflater.end();
                }
            }
            case ZSTD -> {
                try {
                    n = (zstd != null ? zstd : new ZstdDecompressor()).decompress(in, off, len, out, 0, outLength);
                } catch (RuntimeException e) { // aircompressor's MalformedInputException, or an index past damaged input
                    throw new IllegalStateException("damaged zstd data (" + e.getMessage() + ")");
                }
            }
            default -> throw new IllegalStateException("the file says it is not compressed, but a section is");
        }
        if (n != outLength) throw new IllegalStateException("decompressed to " + n + " bytes, not the " + outLength + " its header says");
        return out;
    }
}
