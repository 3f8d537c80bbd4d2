package io.slabtrace.cli.collect;

import io.slabtrace.parser.ringbuffer.PageCursor;
import io.slabtrace.parser.ringbuffer.PageLayout;
import io.slabtrace.parser.ringbuffer.TraceFormatException;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One CPU's ring buffer, read as whole pages from {@code per_cpu/cpuN/trace_pipe_raw} and appended to a file as
 * they are: nothing is decoded here, only the page header is looked at (its commit length and missed-events
 * count). A read of {@code trace_pipe_raw} (kernel/trace/trace.c {@code tracing_buffers_read}) hands over one page,
 * swapped out of the ring buffer whole when it is full, or copied event by event when the writer is still on it
 * ({@code ring_buffer_read_page}); it blocks only while the buffer is empty. So after a page that is not full the
 * reader sleeps a while and lets pages fill, rather than taking a few events per read.
 * <p>Memory: one batch buffer of {@link #BATCH} pages, whatever the length of the trace.
 */
final class CpuPages implements Runnable {
    /** Pages written to the file at once. */
    static final int BATCH = 32;
    /** The nap after a page that was not full: at the highest rate seen here (~100 k events/s per CPU) a few MiB fill meanwhile. */
    static final long NAP_MS = 100;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    final int cpu;
    private final TracefsInstance instance;
    private final FileChannel in;
    private final FileChannel out;
    private final PageLayout layout;
    private final PageCursor cursor;
    private final ByteBuffer batch;
    private final Thread thread;
    private volatile boolean draining;
    private volatile long cpuNanos = -1;
    private long pages, bytes, missedCounted, missedUncounted;
    private volatile IOException failure;

    CpuPages(int cpu, TracefsInstance instance, FileChannel out, PageLayout layout) throws IOException {
        this.cpu = cpu;
        this.instance = instance;
        this.in = FileChannel.open(instance.file("per_cpu/cpu" + cpu + "/trace_pipe_raw"), StandardOpenOption.READ);
        this.out = out;
        this.layout = layout;
        this.cursor = new PageCursor(layout);
        this.batch = ByteBuffer.allocateDirect(layout.pageSize() * BATCH).order(layout.order());
        this.thread = new Thread(this, "trace_pipe_raw cpu" + cpu);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    @Override
    public void run() {
        int size = layout.pageSize();
        try {
            while (true) {
                if (draining && unread() == 0) break; // tracing is off and nothing is left: the buffer is drained
                ByteBuffer page = batch.slice(batch.position(), size).order(layout.order());
                int got = 0;
                while (got < size) {
                    int n = in.read(page);
                    if (n <= 0) break;
                    got += n;
                }
                if (got == 0) break; // end of file: the instance is going away
                int commit = account(got);
                if (commit > 0) batch.position(batch.position() + size);
                if (!batch.hasRemaining()) flush();
                if (commit < (size - layout.dataOffset()) / 2 && !draining) {
                    flush(); // caught up: what was read is on disk before the nap
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(NAP_MS)); // stop() unparks
                }
            }
            flush();
        } catch (ClosedChannelException e) {
            // stop() closed the file under a read that was waiting on an empty buffer: nothing was lost
            try {
                flush();
            } catch (IOException f) {
                failure = f;
            }
        } catch (IOException e) {
            failure = e; // the disk is full, or the file went away: stop() says so, the ring buffer counts what follows as overrun
        } finally {
            cpuNanos = THREADS.getCurrentThreadCpuTime();
        }
    }

    /** Counts the page just read; returns its commit (bytes of events), 0 for an empty page (not kept). */
    private int account(int got) throws IOException {
        if (got < layout.dataOffset()) return 0;
        try {
            cursor.load(batch, batch.position());
        } catch (TraceFormatException e) {
            throw new IOException("cpu" + cpu + ": a page the kernel handed over does not fit its own header_page (" + e.getMessage() + ")");
        }
        long missed = cursor.missedEvents();
        if (missed > 0) missedCounted += missed;
        else if (missed < 0) missedUncounted++;
        int commit = cursor.commitLength();
        if (commit > 0) {
            pages++;
            bytes += commit;
        }
        return commit;
    }

    private void flush() throws IOException {
        batch.flip();
        while (batch.hasRemaining()) out.write(batch);
        batch.clear();
    }

    /** Events in this CPU's buffer not read yet ({@code entries} in per_cpu/cpuN/stats), or -1 when it cannot be read. */
    long unread() {
        return CpuStats.read(instance, cpu).entries();
    }

    /**
     * Ends the reading once the buffer is empty: tracing must be off already. A read waiting on an empty
     * buffer wakes only for a new event, so it is woken by closing the file, which happens only when the
     * buffer is seen empty: nothing is lost. Returns false when it did not end within {@code millis}.
     */
    boolean drain(long millis) throws InterruptedException {
        draining = true;
        LockSupport.unpark(thread);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        int emptySeen = 0;
        while (thread.isAlive() && System.nanoTime() < deadline) {
            thread.join(20);
            long left = unread();
            emptySeen = left <= 0 ? emptySeen + 1 : 0;
            if (emptySeen >= 2) closeInput(); // empty twice in a row: the reader is waiting on nothing
        }
        closeInput();
        thread.join(1000);
        return !thread.isAlive();
    }

    private void closeInput() {
        try {
            in.close(); // the JDK signals a thread blocked in read, which then ends with ClosedChannelException
        } catch (IOException e) {
            // closed already
        }
    }

    /** The reader thread's CPU time so far (or in all, once it ended), in nanoseconds. */
    long cpuNanos() {
        long done = cpuNanos;
        if (done >= 0) return done;
        long live = THREADS.getThreadCpuTime(thread.getId());
        return Math.max(0, live);
    }

    long pages() {
        return pages;
    }

    long bytes() {
        return bytes;
    }

    /** Events the page headers say were lost before a page: the counted ones. */
    long missedCounted() {
        return missedCounted;
    }

    /** Pages flagged with lost events whose count did not fit on the page (each at least one event). */
    long missedUncounted() {
        return missedUncounted;
    }

    IOException failure() {
        return failure;
    }
}
