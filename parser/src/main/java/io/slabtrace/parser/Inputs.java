package io.slabtrace.parser;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Resolves what a user names on the command line into the streams to read, and opens them:
 * gzip is recognised by its magic bytes, binary data by NUL bytes, whatever the file is called.
 */
public final class Inputs {
    private static final int PEEK = 8192;

    private Inputs() {
    }

    /**
     * A file, {@code -}, or a directory: a collection ({@code slabinfo.log}), an sosreport tree
     * ({@code proc/slabinfo}), or a directory of snapshot files read in name order.
     */
    public static List<InputPart> resolve(String spec) throws InputException {
        if (spec.equals("-")) return List.of(InputPart.stdin());
        Path p = Path.of(spec);
        if (!Files.exists(p)) throw new InputException(spec + ": no such file or directory");
        if (!Files.isReadable(p)) throw new InputException(spec + ": permission denied (run as root, or copy the file)");
        if (!Files.isDirectory(p)) return List.of(InputPart.file(spec, p));
        for (String known : List.of("slabinfo.log", "slabinfo.log.gz", "proc/slabinfo")) {
            Path f = p.resolve(known);
            if (Files.isRegularFile(f)) return List.of(InputPart.file(f.toString(), f));
        }
        List<InputPart> parts = new ArrayList<>();
        try (Stream<Path> files = Files.list(p)) {
            files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(f -> f.getFileName().toString(), Inputs::naturalOrder))
                    .forEach(f -> parts.add(InputPart.file(f.toString(), f)));
        } catch (IOException e) {
            throw new InputException(spec + ": cannot list directory: " + e.getMessage(), e);
        }
        if (parts.isEmpty()) throw new InputException(spec + ": directory holds no snapshot files");
        return parts;
    }

    /** Opens a part for reading text: decompressed when gzip, refused when empty or binary. */
    public static InputStream openText(InputPart part) throws InputException {
        return open(part, false);
    }

    /** As {@link #openText}, but a tar archive (binary by nature) is let through for the tar reader. */
    public static InputStream openTextOrTar(InputPart part) throws InputException {
        return open(part, true);
    }

    private static InputStream open(InputPart part, boolean allowTar) throws InputException {
        String expected = allowTar ? "sysfs text or a tar archive" : "/proc/slabinfo text";
        try {
            InputStream raw = part.openRaw();
            byte[] start = raw.readNBytes(PEEK);
            if (start.length == 0) throw new InputException(part.name() + ": empty file, expected " + expected);
            // the bytes looked at, then the rest straight from the file: a BufferedInputStream here copied every byte
            // of a series or trace once more (once a read ended mid-buffer, every later read went through its buffer)
            InputStream in = new SequenceInputStream(new ByteArrayInputStream(start), raw);
            boolean gzip = start.length >= 2 && (start[0] & 0xff) == 0x1f && (start[1] & 0xff) == 0x8b;
            InputStream text = allowTar ? new BufferedInputStream(in, 1 << 16) : in; // the tar and sysfs readers mark and reset
            byte[] head = start;
            if (gzip) {
                BufferedInputStream inflated = new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
                inflated.mark(PEEK);
                head = inflated.readNBytes(PEEK);
                inflated.reset();
                // a mark of no length: once the peeked bytes are read, the buffer is dropped and large reads go straight
                // to the inflater (a mark still held copies every byte through it)
                inflated.mark(0);
                text = inflated;
            }
            if (head.length == 0) throw new InputException(part.name() + ": empty file, expected " + expected);
            if (allowTar && TarEntries.looksLikeTar(head)) return text;
            String binary = BinaryFormats.describe(head);
            if (binary != null) {
                throw new InputException(part.name() + ": " + (gzip ? "a gzip-compressed file holding " : "") + binary);
            }
            for (int i = 0; i < head.length; i++) {
                if (head[i] == 0) {
                    throw new InputException(part.name() + ": binary file (NUL byte at offset " + i + "), expected text"
                            + (allowTar ? " or a tar archive" : ""));
                }
            }
            return text;
        } catch (IOException e) {
            throw new InputException(part.name() + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** "snap-2" before "snap-10": runs of digits compare as numbers. */
    static int naturalOrder(String a, String b) {
        int i = 0, j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i), cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int si = i, sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) i++;
                while (j < b.length() && Character.isDigit(b.charAt(j))) j++;
                String na = a.substring(si, i).replaceFirst("^0+(?=.)", "");
                String nb = b.substring(sj, j).replaceFirst("^0+(?=.)", "");
                int c = na.length() != nb.length() ? Integer.compare(na.length(), nb.length()) : na.compareTo(nb);
                if (c != 0) return c;
            } else {
                if (ca != cb) return Character.compare(ca, cb);
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
