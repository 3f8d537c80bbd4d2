package io.slabtrace.parser;

/**
 * What a binary input is, from its first bytes: the two binary kmem traces this tool reads, and the other
 * files people hand a slab tool by mistake, so the refusal can say what the file looks like and what to run.
 */
public final class BinaryFormats {
    /** trace-cmd's trace.dat (lib/trace-cmd/trace-output.c: 0x17 0x08 0x44 "tracing"). */
    public static final byte[] TRACE_DAT = {0x17, 0x08, 0x44, 't', 'r', 'a', 'c', 'i', 'n', 'g'};
    /** perf.data (tools/perf/util/header.c); a file written on the other endianness has it byte-swapped. */
    public static final byte[] PERF_DATA = {'P', 'E', 'R', 'F', 'I', 'L', 'E', '2'};
    public static final byte[] PERF_DATA_SWAPPED = {'2', 'E', 'L', 'I', 'F', 'R', 'E', 'P'};

    private BinaryFormats() {
    }

    /** Whether {@code file} starts with trace.dat's magic. */
    public static boolean isTraceDat(java.nio.file.Path file) throws InputException {
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
            return startsWith(in.readNBytes(TRACE_DAT.length), TRACE_DAT);
        } catch (java.io.IOException e) {
            throw new InputException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** A trace.dat or a perf.data: read directly as a kmem trace. */
    public static boolean isKmemTrace(byte[] head) {
        return startsWith(head, TRACE_DAT) || startsWith(head, PERF_DATA) || startsWith(head, PERF_DATA_SWAPPED);
    }

    /** What the bytes look like and what to do with them, or null when they are no format known here. */
    public static String describe(byte[] head) {
        if (startsWith(head, TRACE_DAT)) return "a trace-cmd trace.dat; give the file itself (not compressed) to replay or report";
        if (startsWith(head, PERF_DATA) || startsWith(head, PERF_DATA_SWAPPED)) {
            return "a perf.data; give the file itself (not compressed) to replay or report";
        }
        if (startsWith(head, bytes("KDUMP   "))) return "a kdump-compressed vmcore; open it with crash or drgn (its slab helpers)";
        if (startsWith(head, new byte[] {0x7f, 'E', 'L', 'F'})) {
            return "an ELF file (a program, a module or a vmcore); for a vmcore use crash or drgn, for a kmem trace perf script or trace-cmd report";
        }
        if (startsWith(head, new byte[] {(byte) 0xfd, '7', 'z', 'X', 'Z', 0})) return "xz-compressed data; decompress it first (xz -d)";
        if (startsWith(head, new byte[] {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd})) return "zstd-compressed data; decompress it first (zstd -d)";
        if (startsWith(head, bytes("BZh"))) return "bzip2-compressed data; decompress it first (bzip2 -d)";
        return null;
    }

    private static byte[] bytes(String ascii) {
        return ascii.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        if (b.length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) if (b[i] != prefix[i]) return false;
        return true;
    }
}
