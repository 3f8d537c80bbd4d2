package io.slabtrace.parser;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A named input that can be read only once: a pipe ({@code <(cat file)}, {@code /dev/stdin}), a FIFO, a character
 * device. Commands sniff an input's kind before they read it; here the sniffing costs nothing, because the bytes the
 * first reader took (up to {@link #KEPT}) are kept and handed to the next reader before the rest of the stream, so
 * nothing ever seeks. A second reader after the first went past {@link #KEPT} gets an error saying to save the input
 * to a file. Opening a FIFO blocks until a writer opens it: after {@link #WRITER_WAIT_SECONDS} s without one, the
 * open fails instead of hanging.
 */
final class OnceReadable {
    static final int KEPT = 1 << 20;
    static final int WRITER_WAIT_SECONDS = 10;
    private static final Map<Path, OnceReadable> OPENED = new ConcurrentHashMap<>();

    private final InputStream live;
    private byte[] kept = new byte[8192];
    private int keptLength;
    private long total;
    private boolean overflowed;

    private OnceReadable(InputStream live) {
        this.live = live;
    }

    /** A stream of the input from its first byte; the live stream is opened on the first call only. */
    static InputStream open(Path path) throws IOException {
        Path key = path.toAbsolutePath().normalize();
        OnceReadable r = OPENED.get(key);
        if (r == null) {
            r = new OnceReadable(openWaiting(path));
            OPENED.put(key, r);
        }
        return r.reader(path);
    }

    /** FileInputStream, not Files.newInputStream: its available() works on pipes (a channel's needs a position and fails with "Illegal seek"). */
    private static InputStream openWaiting(Path path) throws IOException {
        FutureTask<FileInputStream> open = new FutureTask<>(() -> new FileInputStream(path.toFile()));
        Thread t = new Thread(open, "open " + path);
        t.setDaemon(true); // a FIFO nobody writes to leaves it blocked in open(2); it must not keep the JVM alive
        t.start();
        try {
            return open.get(WRITER_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IOException("no writer opened this FIFO within " + WRITER_WAIT_SECONDS + " s (start the writer first, or give a file)");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while opening", e);
        }
    }

    private synchronized InputStream reader(Path path) throws IOException {
        if (overflowed) {
            throw new IOException("a pipe can be read only once, and this one was already read past its first "
                    + (KEPT >> 20) + " MiB; save it to a file and give the file");
        }
        return new InputStream() {
            private long at;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                synchronized (OnceReadable.this) {
                    if (len == 0) return 0;
                    if (at < keptLength) {
                        int n = (int) Math.min(len, keptLength - at);
                        System.arraycopy(kept, (int) at, b, off, n);
                        at += n;
                        return n;
                    }
                    if (at != total) throw new IOException("a pipe can be read only once; save it to a file and give the file");
                    int n = live.read(b, off, len);
                    if (n > 0) {
                        keep(b, off, n);
                        total += n;
                        at += n;
                    }
                    return n;
                }
            }

            @Override
            public int available() throws IOException {
                synchronized (OnceReadable.this) {
                    return at < keptLength ? (int) (keptLength - at) : live.available();
                }
            }

            @Override
            public void close() {
                // the live stream stays open for the next reader; the process ends soon after
            }
        };
    }

    private void keep(byte[] b, int off, int n) {
        if (overflowed) return;
        if (keptLength + n > KEPT) {
            overflowed = true;
            kept = null;
            keptLength = 0;
            return;
        }
        if (keptLength + n > kept.length) kept = Arrays.copyOf(kept, Math.min(KEPT, Math.max(keptLength + n, kept.length * 2)));
        System.arraycopy(b, off, kept, keptLength, n);
        keptLength += n;
    }
}
