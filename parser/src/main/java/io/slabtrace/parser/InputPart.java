package io.slabtrace.parser;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** One readable stream of an input: a file, a member of a directory, standard input, or a bundled resource. */
public record InputPart(String name, Opener opener) {

    /** Opens the raw bytes, before any decompression. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    public static InputPart file(String name, Path path) {
        // pipes, FIFOs and devices are read once, so what a sniff took is kept for the real read (OnceReadable)
        return new InputPart(name, () -> Files.isRegularFile(path) ? Files.newInputStream(path) : OnceReadable.open(path));
    }

    public static InputPart stdin() {
        // System.in is not ours to close
        return new InputPart("-", () -> new java.io.FilterInputStream(System.in) {
            @Override
            public void close() {
            }
        });
    }

    public InputStream openRaw() throws IOException {
        return opener.open();
    }
}
