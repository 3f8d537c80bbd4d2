package io.slabtrace.parser;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Walks a tar stream (ustar and GNU long names), entry by entry, without writing anything to
 * disk. The JDK has no tar reader and this module takes no dependency beyond Jackson; the
 * format needs a few dozen lines.
 */
public final class TarEntries {

    /** One member: a regular file with its bytes, a symbolic link with its target, or a directory. */
    public record Entry(String name, char type, String linkTarget, byte[] data) {
        public boolean isFile() {
            return type == '0' || type == '\0' || type == '7';
        }

        public boolean isSymlink() {
            return type == '2';
        }
    }

    private TarEntries() {
    }

    public static boolean looksLikeTar(byte[] head) {
        return head.length >= 262 && new String(head, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
    }

    public static void read(InputStream in, Consumer<Entry> sink) throws IOException {
        byte[] header = new byte[512];
        String longName = null, longLink = null;
        while (true) {
            if (in.readNBytes(header, 0, 512) < 512) return;
            if (allZero(header)) return;
            String name = string(header, 0, 100);
            String prefix = string(header, 345, 155);
            if (!prefix.isEmpty()) name = prefix + "/" + name;
            long size = octal(header, 124, 12);
            char type = (char) header[156];
            String link = string(header, 157, 100);
            if (size < 0) throw new IOException("not a tar header (member " + name + " has a negative size, " + size + ")");
            // a sysfs attribute is at most a page: a member past the line limit is no attribute, and is not held
            if (size > LineBytes.MAX_LINE) throw new IOException("tar member " + name + " is too large (" + size + " bytes) for a sysfs attribute");
            byte[] data = in.readNBytes((int) size);
            if (data.length < size) throw new IOException("tar member " + name + " is cut short");
            in.skipNBytes((512 - size % 512) % 512);
            switch (type) {
                case 'L' -> longName = string(data, 0, data.length);
                case 'K' -> longLink = string(data, 0, data.length);
                default -> {
                    sink.accept(new Entry(longName != null ? longName : name, type, longLink != null ? longLink : link, data));
                    longName = null;
                    longLink = null;
                }
            }
        }
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) if (x != 0) return false;
        return true;
    }

    private static String string(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && end < b.length && b[end] != 0) end++;
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] b, int off, int len) throws IOException {
        String s = string(b, off, len).trim();
        if (s.isEmpty()) return 0;
        try {
            return Long.parseLong(s, 8);
        } catch (NumberFormatException e) {
            throw new IOException("not a tar header (size field '" + s + "')");
        }
    }
}
