package io.slabtrace.parser;

import io.slabtrace.model.CacheStats;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads a stream in chunks of whole lines and hands the lines, in order, to a
 * {@link SlabinfoParser}. Worker threads find the line ends of each chunk and parse the standard
 * rows ({@link StandardRow}) ahead of time; the parser's own state machine (snapshots, headers,
 * timestamps) stays on the calling thread. At most {@link #IN_FLIGHT} chunks exist at once, so
 * memory does not grow with the input.
 */
final class ChunkedLines {
    static final int CHUNK = 1 << 22;
    static final int IN_FLIGHT = 4;
    private static final int WORKERS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    /** Bytes of whole lines with their ends found and their standard rows parsed. */
    private record Chunk(byte[] buf, int[] from, int[] to, CacheStats[] rows, int lines) {
    }

    /** One fast-path parser per worker, so each worker's name table lives across chunks. */
    private static final ThreadLocal<StandardRow> STANDARD = ThreadLocal.withInitial(() -> new StandardRow(new NameTable()));

    private ChunkedLines() {
    }

    static void feed(InputStream in, SlabinfoParser parser) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS, r -> {
            Thread t = new Thread(r, "slabinfo-lines");
            t.setDaemon(true);
            return t;
        });
        ArrayDeque<Future<Chunk>> inFlight = new ArrayDeque<>();
        try {
            byte[] carry = new byte[0];
            IOException failure = null;
            while (failure == null) {
                byte[] buf = Arrays.copyOf(carry, Math.max(CHUNK, carry.length * 2));
                int end = carry.length;
                try {
                    int n;
                    // small reads: when a stream fails, only the bytes of the failing read are lost
                    while (end < buf.length && (n = in.read(buf, end, Math.min(buf.length - end, 1 << 16))) > 0) end += n;
                } catch (IOException e) {
                    failure = e; // a cut-off gzip stream: use the whole lines read before it
                }
                if (end == carry.length && failure == null) {
                    int rest = end;
                    if (rest > 0) inFlight.add(pool.submit(() -> cut(buf, rest, true)));
                    break;
                }
                int last = end - 1;
                while (last >= 0 && buf[last] != '\n') last--;
                int whole = last + 1; // bytes up to and including the last line end
                carry = Arrays.copyOfRange(buf, whole, end);
                if (whole > 0) inFlight.add(pool.submit(() -> cut(buf, whole, false)));
                while (inFlight.size() >= IN_FLIGHT) deliver(inFlight.poll(), parser);
            }
            while (!inFlight.isEmpty()) deliver(inFlight.poll(), parser);
            if (failure != null) throw failure;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void deliver(Future<Chunk> pending, SlabinfoParser parser) throws IOException {
        Chunk c;
        try {
            c = pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UncheckedIOException u) throw u.getCause();
            throw new IllegalStateException(e.getCause());
        }
        for (int i = 0; i < c.lines; i++) parser.line(c.buf, c.from[i], c.to[i], c.rows[i]);
    }

    /** Finds the lines of {@code buf[0, end)} and parses the standard rows; runs on a worker. */
    private static Chunk cut(byte[] buf, int end, boolean lastWithoutNewline) {
        int[] from = new int[1024], to = new int[1024];
        int lines = 0, start = 0;
        for (int i = Swar.indexOfNewline(buf, 0, end); i < end; i = Swar.indexOfNewline(buf, start, end)) {
            if (lines == from.length) {
                from = Arrays.copyOf(from, lines * 2);
                to = Arrays.copyOf(to, lines * 2);
            }
            from[lines] = start;
            to[lines++] = i;
            start = i + 1;
        }
        if (lastWithoutNewline && start < end) {
            from = Arrays.copyOf(from, lines + 1);
            to = Arrays.copyOf(to, lines + 1);
            from[lines] = start;
            to[lines++] = end;
        }
        CacheStats[] rows = new CacheStats[lines];
        StandardRow standard = STANDARD.get();
        for (int i = 0; i < lines; i++) {
            int f = SlabinfoParser.trimStart(buf, from[i], to[i]), t = SlabinfoParser.trimEnd(buf, f, to[i]);
            if (t > f) rows[i] = standard.parse(buf, f, t);
        }
        return new Chunk(buf, from, to, rows, lines);
    }
}
