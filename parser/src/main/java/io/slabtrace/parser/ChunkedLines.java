package io.slabtrace.parser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads a stream in chunks of whole lines and hands the lines, in order, to a {@link Handler}.
 * A reading thread fills the chunks; worker threads find the line ends of each and run the handler's
 * order-independent pre-parse on every line ahead of time; everything that depends on order (snapshots,
 * headers, pairing) stays on the calling thread. At most {@link #IN_FLIGHT} chunks wait at once (plus the one
 * being read and the one being handled), so memory does not grow with the input. A line longer than {@link LineBytes#MAX_LINE} is never held: its bytes are
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

    /**
     * Bytes of whole lines with their ends found and their standard rows parsed. Once handled, a chunk's arrays are
     * filled again for a later one (the line offsets of a 4 MB chunk are 40,000 lines of a series: allocated afresh,
     * they were most of what a long series allocated).
     */
    private record Chunk(byte[] buf, int[] from, int[] to, Object[] rows, int lines) {
    }

    private ChunkedLines() {
    }

    public static <T> void feed(InputStream in, Handler<T> parser) throws IOException {
        // a small input is read and handled on the calling thread alone: no thread is started for a /proc/slabinfo
        byte[] first = new byte[FIRST_CHUNK];
        Fill f = Fill.of(in, first, 0);
        if (f.eof || f.failure != null) {
            int whole = f.eof ? f.end : lastLineEnd(first, f.end);
            if (whole > 0) handle(cut(first, whole, f.eof, parser, null), parser);
            if (f.failure != null) throw f.failure;
            return;
        }
        pipeline(in, parser, first);
    }

    /** A buffer filled from {@code end}: up to where, whether the input ended, or how it failed (a cut-off gzip stream). */
    private record Fill(int end, boolean eof, IOException failure) {
        static Fill of(InputStream in, byte[] buf, int end) {
            try {
                for (int n; end < buf.length; end += n) {
                    n = in.read(buf, end, Math.min(buf.length - end, READ));
                    if (n < 0) return new Fill(end, true, null);
                }
                return new Fill(end, false, null);
            } catch (IOException e) {
                return new Fill(end, false, e); // the whole lines read before it are used
            }
        }
    }

    /** Reads are this size at most: when a stream fails, only the bytes of the failing read are lost. */
    private static final int READ = 1 << 16;

    /** What the reading thread hands over, in input order: a chunk being cut, a line read past, the end. */
    private sealed interface Item {
    }

    private record Cut(Future<Chunk> chunk) implements Item {
    }

    private record Overlong(long bytes) implements Item {
    }

    private record End(IOException failure) implements Item {
    }

    /**
     * A reading thread fills buffers and has the workers cut them; the calling thread only hands lines to the handler,
     * in order. The calling thread is the one that cannot be split (pairing, snapshots), so the reads (a copy of every
     * byte out of the page cache) are kept off it. At most {@link #IN_FLIGHT} chunks wait, plus the one being filled
     * and the one being handled.
     */
    private static <T> void pipeline(InputStream in, Handler<T> parser, byte[] first) throws IOException {
        ExecutorService pool = workers();
        BlockingQueue<Item> ready = new ArrayBlockingQueue<>(IN_FLIGHT);
        BlockingQueue<Chunk> handled = new LinkedBlockingQueue<>(); // refilled, not reallocated (fresh pages cost faults)
        Thread reader = new Thread(() -> read(in, parser, first, pool, ready, handled), "slabtrace-read");
        reader.setDaemon(true);
        reader.start();
        boolean done = false;
        try {
            while (!done) {
                Item item = ready.poll(1, TimeUnit.SECONDS);
                if (item == null) {
                    // a reader that died of an Error never says End: do not wait for it forever
                    if (!reader.isAlive() && ready.isEmpty()) throw new IOException("the reading thread stopped without finishing");
                } else if (item instanceof Cut c) {
                    handled.add(deliver(c.chunk(), parser));
                } else if (item instanceof Overlong o) {
                    parser.overlong(o.bytes());
                } else if (item instanceof End e) {
                    done = true;
                    if (e.failure() != null) throw e.failure();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            if (!done) reader.interrupt(); // the handler failed: the reader stops at its next hand-over
            pool.shutdownNow();
        }
    }

    /** The reading thread: whole lines of each buffer go to the workers, the unfinished last line to the next buffer. */
    private static <T> void read(InputStream in, Handler<T> parser, byte[] first, ExecutorService pool, BlockingQueue<Item> ready,
                                 BlockingQueue<Chunk> handled) {
        try {
            IOException failure = null;
            byte[] carry = first; // all of the first buffer is still to be cut
            boolean eof = false;
            for (int size = FIRST_CHUNK * 2; failure == null && !(eof && carry.length == 0); size = Math.min(CHUNK, size * 2)) {
                Chunk spare = spare(handled, Math.max(size, carry.length * 2));
                byte[] buf = spare.buf;
                System.arraycopy(carry, 0, buf, 0, carry.length);
                Fill f = Fill.of(in, buf, carry.length);
                int end = f.end;
                eof = f.eof;
                failure = f.failure;
                int whole = eof ? end : lastLineEnd(buf, end); // bytes up to and including the last line end; at the end, all
                boolean lastChunk = eof;
                if (whole > 0) ready.put(new Cut(pool.submit(() -> cut(buf, whole, lastChunk, parser, spare))));
                if (end - whole > LineBytes.MAX_LINE) { // an unfinished line already past the limit: read past it
                    long[] length = {end - whole};
                    try {
                        carry = skipLine(in, length);
                    } catch (IOException e) {
                        failure = e;
                        carry = new byte[0];
                    }
                    eof = carry == null;
                    if (eof) carry = new byte[0];
                    ready.put(new Overlong(length[0]));
                    continue;
                }
                carry = Arrays.copyOfRange(buf, whole, end);
            }
            ready.put(new End(failure));
        } catch (InterruptedException e) {
            // the calling thread gave up: nobody waits for the rest
        } catch (RuntimeException e) {
            try {
                ready.put(new End(new IOException(e.toString(), e))); // a stream closed under it: said, not lost
            } catch (InterruptedException gaveUp) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Bytes of {@code buf[0, end)} up to and including its last newline (0 when it has none). */
    private static int lastLineEnd(byte[] buf, int end) {
        int last = end - 1;
        while (last >= 0 && buf[last] != '\n') last--;
        return last + 1;
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

    /**
     * A handled chunk whose buffer has exactly {@code size} bytes, else a new buffer with the arrays of a handled chunk
     * if there is one (buffer sizes only grow, so smaller ones are dropped).
     */
    private static Chunk spare(BlockingQueue<Chunk> handled, int size) {
        Chunk arrays = null;
        for (Chunk c; (c = handled.poll()) != null; ) {
            if (c.buf.length == size) return c;
            arrays = c;
        }
        byte[] buf = new byte[size];
        return arrays == null ? new Chunk(buf, null, null, null, 0) : new Chunk(buf, arrays.from, arrays.to, arrays.rows, 0);
    }

    /** Hands the chunk's lines over in order; returns it, its buffer and arrays free for the next read. */
    private static <T> Chunk deliver(Future<Chunk> pending, Handler<T> parser) throws IOException {
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
        return c;
    }

    @SuppressWarnings("unchecked")
    private static <T> void handle(Chunk c, Handler<T> parser) {
        Object[] rows = c.rows;
        for (int i = 0; i < c.lines; i++) {
            Object row = rows[i];
            rows[i] = null; // the array is filled again later: it must not keep the rows alive till then
            if (row == OVERLONG) parser.overlong(c.to[i] - c.from[i]);
            else parser.line(c.buf, c.from[i], c.to[i], (T) row);
        }
    }

    /** Finds the lines of {@code buf[0, end)} and pre-parses each, into the arrays of {@code spare} if any; runs on a worker. */
    private static Chunk cut(byte[] buf, int end, boolean lastWithoutNewline, Handler<?> handler, Chunk spare) {
        int[] from = spare != null && spare.from != null ? spare.from : new int[1024];
        int[] to = spare != null && spare.to != null ? spare.to : new int[1024];
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
            if (lines == from.length) {
                from = Arrays.copyOf(from, lines + 1);
                to = Arrays.copyOf(to, lines + 1);
            }
            from[lines] = start;
            to[lines++] = end;
        }
        Object[] rows = spare != null && spare.rows != null && spare.rows.length >= lines ? spare.rows : new Object[from.length];
        Preparse<?> pre = handler.preparser();
        for (int i = 0; i < lines; i++) rows[i] = to[i] - from[i] > LineBytes.MAX_LINE ? OVERLONG : pre.preparse(buf, from[i], to[i]);
        return new Chunk(buf, from, to, rows, lines);
    }
}
