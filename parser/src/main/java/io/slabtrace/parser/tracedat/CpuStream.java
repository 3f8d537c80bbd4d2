package io.slabtrace.parser.tracedat;

import io.slabtrace.parser.InputException;
import io.slabtrace.parser.ringbuffer.PageCursor;
import io.slabtrace.parser.ringbuffer.PageLayout;
import io.slabtrace.parser.ringbuffer.TraceFormatException;

import java.nio.file.Path;

/**
 * One CPU's records in time order (the ring buffer writes each CPU's in order): a page source and a
 * cursor on its current page. Counts the events the page headers say were lost before a page.
 */
final class CpuStream {
    final int cpu;
    private final PageSource pages;
    private final PageCursor cursor;
    private final Path file;
    private boolean onPage;
    /** Lost events whose count the pages stored, and pages that flag a loss without a count. */
    long missedCounted, missedUncounted;

    CpuStream(int cpu, PageSource pages, PageLayout layout, Path file) {
        this.cpu = cpu;
        this.pages = pages;
        this.cursor = new PageCursor(layout);
        this.file = file;
    }

    /** Moves to the next record; false when the CPU has none left. */
    boolean advance() throws InputException {
        try {
            while (true) {
                if (onPage && cursor.next()) return true;
                if (!pages.next()) return false;
                cursor.load(pages.buffer(), pages.pageStart());
                onPage = true;
                long missed = cursor.missedEvents();
                if (missed > 0) missedCounted += missed;
                else if (missed < 0) missedUncounted++;
            }
        } catch (TraceFormatException e) {
            throw new InputException(file + ": CPU " + cpu + ": " + e.getMessage() + " at " + pages.where((int) e.offset()));
        }
    }

    long time() {
        return cursor.timestamp();
    }

    PageCursor cursor() {
        return cursor;
    }
}
