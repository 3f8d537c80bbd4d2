package io.slabtrace.parser;

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
 * Reads a stream in chunks of whole lines and hands the lines, in order, to a {@link Handler}.
 * Worker threads find the line ends of each chunk and run the handler's order-independent
 * {@code preparse} on every line ahead of time; everything that depends on order (snapshots,
 * headers, pairing) stays on the calling thread. At most {@link #IN_FLIGHT} chunks exist at once,
 * so memory does not grow with the input. A line longer than {@link LineBytes#MAX_LINE} is never held: its bytes are
 * read past and the handler told its length, so neither a 1 GiB line nor a 2 GB hole of NUL bytes takes the heap.
 */
public final class ChunkedLines {

    /**
     * What a reader does with lines: a pure, thread-safe pre-parse, then in-order handling with its
     * result. Neither may keep {@code buf}: it is refilled once its lines are handled.
     */
    public interface Handler<T> {
        /** The pre-parse for one chunk, asked for on the worker that cuts it: per-worker state is looked up once a chunk, not once a line. */
        Preparse<T> preparser();

        void line(byte[] buf, int from, int to, T preparsed);

        /** A line of {@code bytes} bytes, past {@link LineBytes#MAX_LINE}, was read past in its place: count it, warn. */
        void overlong(long bytes);
    }

    /** A pure, order-independent parse of one line; may keep state of its own worker thread, never {@code buf}. */
    public interface Preparse<T> {
        T preparse(byte[] buf, int from, int to);
    }

    /** Stands for a line over the limit among a chunk's pre-parsed rows. */
    private static final Object OVERLONG = new Object();
    static final int CHUNK = 1 << 22;
    /** The first chunk: small, so the calling thread has lines to work on while the JIT is still warming up. */
    static final int FIRST_CHUNK = 1 << 18;
    static final int IN_FLIGHT = 4;
    private static final int WORKERS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    /** Bytes of whole lines with their ends found and their standard rows parsed. */
    private record Chunk(byte[] buf, int[] from, int[] to, Object[] rows, int lines) {
    }

    private ChunkedLines() {
    }

    public static <T> void feed(InputStream in, Handler<T> parser) throws IOException {
        ExecutorService pool = null; // started with the second chunk: a small input is read on the calling thread alone
        ArrayDeque<Future<Chunk>> inFlight = new ArrayDeque<>();
        ArrayDeque<byte[]> handled = new ArrayDeque<>(); // buffers whose lines are done: refilled, not reallocated (fresh pages cost faults)
        try {
            byte[] carry = new byte[0];
            IOException failure = null;
            boolean eof = false;
            for (int size = FIRST_CHUNK; failure == null && !(eof && carry.length == 0); size = Math.min(CHUNK, size * 2)) {
                byte[] buf = buffer(handled, Math.max(size, carry.length * 2));
                System.arraycopy(carry, 0, buf, 0, carry.length);
                int end = carry.length;
                try {
                    // small reads: when a stream fails, only the bytes of the failing read are lost
                    while (end < buf.length) {
                        int n = in.read(buf, end, Math.min(buf.length - end, 1 << 16));
                        if (n < 0) {
                            eof = true;
                            break;
                        }
                        end += n;
                    }
                } catch (IOException e) {
                    failure = e; // a cut-off gzip stream: use the whole lines read before it
                }
                if (eof && inFlight.isEmpty()) { // all of it, or all that is left, in this one buffer
                    if (end > 0) handle(cut(buf, end, true, parser), parser);
                    break;
                }
                int last = end - 1;
                while (last >= 0 && buf[last] != '\n') last--;
                int whole = eof ? end : last + 1; // bytes up to and including the last line end; at the end, all
                if (pool == null) pool = workers();
                boolean lastChunk = eof;
                if (end - whole > LineBytes.MAX_LINE) { // an unfinished line already past the limit: read past it
                    if (whole > 0) inFlight.add(pool.submit(() -> cut(buf, whole, false, parser)));
                    long[] length = {end - whole};
                    try {
                        carry = skipLine(in, length);
                    } catch (IOException e) {
                        failure = e;
                        carry = new byte[0];
                    }
                    eof = carry == null;
                    if (eof) carry = new byte[0];
                    while (!inFlight.isEmpty()) handled.push(deliver(inFlight.poll(), parser));
                    parser.overlong(length[0]);
                    continue;
                }
                carry = Arrays.copyOfRange(buf, whole, end);
                if (whole > 0) inFlight.add(pool.submit(() -> cut(buf, whole, lastChunk, parser)));
                while (inFlight.size() >= IN_FLIGHT) handled.push(deliver(inFlight.poll(), parser));
            }
            while (!inFlight.isEmpty()) deliver(inFlight.poll(), parser);
            if (failure != null) throw failure;
        } finally {
            if (pool != null) pool.shutdownNow();
        }
    }

    /**
     * Reads past the rest of an over-long line, adding its bytes to {@code length[0]}; returns the bytes read after its
     * end (the start of the next lines), or null when the input ended inside it.
     */
    private static byte[] skipLine(InputStream in, long[] length) throws IOException {
        byte[] b = new byte[1 << 20]; // large reads: a 2 GB hole goes by at the speed of the page cache
        for (int n; (n = in.read(b, 0, b.length)) >= 0; ) {
            int nl = Swar.indexOfNewline(b, 0, n);
            if (nl < n) {
                length[0] += nl;
                return Arrays.copyOfRange(b, nl + 1, n);
            }
            length[0] += n;
        }
        return null;
    }

    private static ExecutorService workers() {
        return Executors.newFixedThreadPool(WORKERS, r -> {
            Thread t = new Thread(r, "slabinfo-lines");
            t.setDaemon(true);
            return t;
        });
    }

    /** A handled buffer of exactly {@code size} bytes, else a new one (sizes only grow, so smaller ones are dropped). */
    private static byte[] buffer(ArrayDeque<byte[]> handled, int size) {
        while (!handled.isEmpty()) {
            byte[] b = handled.pop();
            if (b.length == size) return b;
        }
        return new byte[size];
    }

    /** Hands the chunk's lines over in order; returns its buffer, free for the next read. */
    private static <T> byte[] deliver(Future<Chunk> pending, Handler<T> parser) throws IOException {
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
        handle(c, parser);
        return c.buf;
    }

    @SuppressWarnings("unchecked")
    private static <T> void handle(Chunk c, Handler<T> parser) {
        for (int i = 0; i < c.lines; i++) {
            if (c.rows[i] == OVERLONG) parser.overlong(c.to[i] - c.from[i]);
            else parser.line(c.buf, c.from[i], c.to[i], (T) c.rows[i]);
        }
    }

    /** Finds the lines of {@code buf[0, end)} and pre-parses each; runs on a worker. */
    private static Chunk cut(byte[] buf, int end, boolean lastWithoutNewline, Handler<?> handler) {
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
        Object[] rows = new Object[lines];
        Preparse<?> pre = handler.preparser();
        for (int i = 0; i < lines; i++) rows[i] = to[i] - from[i] > LineBytes.MAX_LINE ? OVERLONG : pre.preparse(buf, from[i], to[i]);
        return new Chunk(buf, from, to, rows, lines);
    }
}
