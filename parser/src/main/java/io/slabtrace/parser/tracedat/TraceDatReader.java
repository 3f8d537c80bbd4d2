package io.slabtrace.parser.tracedat;

import io.slabtrace.model.trace.EventTally;
import io.slabtrace.model.trace.KmemEvent;
import io.slabtrace.model.trace.TraceStats;
import io.slabtrace.parser.InputException;
import io.slabtrace.parser.ringbuffer.EventFormat;
import io.slabtrace.parser.ringbuffer.KmemDecoder;
import io.slabtrace.parser.ringbuffer.PageLayout;
import io.slabtrace.parser.ringbuffer.TraceFormatException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;

/**
 * Streams the kmem events of a trace.dat in time order: the CPUs' records are merged as trace-cmd's
 * {@code tracecmd_read_next_data} merges them (the earliest first, the lower CPU on a tie).
 * <p>Memory: the metadata (event formats, kallsyms), and per CPU one cursor with its window of pages
 * (16 pages read at a time, or two decompressed chunks: the one read and the next); never the trace itself.
 * <p>Lost events per CPU: the larger of what the page headers count (a page flagged without room for a count
 * counts 1) and of what the CPUSTAT option says the kernel overwrote or dropped; both describe the same loss.
 */
public final class TraceDatReader {
    private TraceDatReader() {
    }

    /**
     * The events of the file, streamed to {@code sink}. Damage found by the format's rules is an InputException; for
     * the guarantee that nothing else escapes (and the magic check), read through {@code BinaryTraces.read}.
     */
    public static TraceStats read(Path file, Consumer<KmemEvent> sink) throws InputException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(channel, file, sink);
        } catch (IOException e) {
            throw new InputException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static TraceStats read(FileChannel channel, Path file, Consumer<KmemEvent> sink) throws InputException {
        FileInput in = new FileInput(channel, file);
        TraceDatLayout t = new TraceDatLayout();
        ExecutorService workers = null;
        try {
            TraceDatParser.parse(in, t);
            if (t.compressed()) workers = Executors.newFixedThreadPool(Math.max(1, Math.min(t.cpus.size(), Runtime.getRuntime().availableProcessors())), DAEMON);
            return read(channel, file, in, t, workers, sink);
        } finally {
            if (t.kallsyms != null) t.kallsyms.abandon();
            if (workers != null) workers.shutdownNow();
        }
    }

    /**
     * Whether the file's kmem_cache_alloc events carry their cache's name (6.18+), from the event's format alone: no page
     * decoded, and the kallsyms (megabytes, in v7 compressed) left unread. True when the file has no such event.
     */
    public static boolean allocationsNamed(Path file) throws InputException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            TraceDatLayout t = new TraceDatLayout();
            t.kallsymsWanted = false;
            TraceDatParser.parse(new FileInput(channel, file), t);
            EventFormat alloc = t.meta.formats.byName("kmem", "kmem_cache_alloc");
            return alloc == null || alloc.field("name") != null;
        } catch (IOException e) {
            throw new InputException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** Worker threads that never keep the JVM alive. */
    private static final ThreadFactory DAEMON = r -> {
        Thread th = new Thread(r, "trace.dat chunks");
        th.setDaemon(true);
        return th;
    };

    private static TraceStats read(FileChannel channel, Path file, FileInput in, TraceDatLayout t, ExecutorService workers,
                                   Consumer<KmemEvent> sink) throws InputException {
        List<CpuStream> streams = new ArrayList<>();
        Map<Integer, PageLayout> layouts = new HashMap<>(); // by page size: v7 buffers may each have their own
        for (CpuData c : t.cpus) {
            if (c.offset() < 0 || c.size() < 0 || c.offset() + c.size() > in.fileSize() || c.offset() + c.size() < 0) {
                throw in.damaged("CPU " + c.cpu() + " data of " + c.size() + " bytes that runs past the end of the file", c.offset());
            }
            PageLayout layout = layouts.get(c.pageSize());
            if (layout == null) {
                try {
                    layout = PageLayout.fromHeaderPage(t.meta.headerPage, c.pageSize(), t.meta.order, t.meta.longSize);
                } catch (TraceFormatException e) {
                    throw new InputException(file + ": " + e.getMessage());
                }
                layouts.put(c.pageSize(), layout);
            }
            PageSource pages = c.compressed()
                    ? new CompressedPages(new FileInput(channel, file), t.compression, c.offset(), c.size(), layout.pageSize(), t.meta.order, workers)
                    : new RawPages(channel, file, c.offset(), c.size(), layout.pageSize());
            streams.add(new CpuStream(c.cpu(), pages, layout, file));
        }

        t.meta.kallsyms = t.kallsyms.get();
        KmemDecoder decoder = new KmemDecoder(t.meta.formats, t.meta.kallsyms);

        // the merge: the CPU whose next record is earliest, the lower CPU on a tie (a scan: a handful of CPUs)
        List<CpuStream> live = new ArrayList<>();
        for (CpuStream s : streams) if (s.advance()) live.add(s);
        live.sort((a, b) -> Integer.compare(a.cpu, b.cpu));
        CpuStream[] open = live.toArray(new CpuStream[0]);
        int n = open.length;

        long other = 0, skipped = 0;
        EventTally tally = new EventTally();
        while (n > 0) {
            int min = 0;
            for (int i = 1; i < n; i++) if (Long.compareUnsigned(open[i].time(), open[min].time()) < 0) min = i;
            CpuStream s = open[min];
            var c = s.cursor();
            double time = (s.time() + t.timeOffset) / 1e9;
            KmemEvent e = decoder.decode(c.buffer(), c.recordOffset(), c.recordLength(), s.cpu, time);
            if (e != null) {
                tally.count(e);
                sink.accept(e);
            } else if (decoder.status() == KmemDecoder.Status.OTHER_EVENT) {
                other++;
            } else {
                skipped++;
            }
            if (!s.advance()) { // keep the rest in CPU order
                System.arraycopy(open, min + 1, open, min, n - min - 1);
                n--;
            }
        }

        long lost = 0;
        for (int i = 0; i < streams.size(); i++) {
            CpuStream s = streams.get(i);
            CpuData c = t.cpus.get(i);
            lost += Math.max(s.missedCounted + s.missedUncounted, t.statLost.getOrDefault(TraceDatLayout.statKey(c.buffer(), c.cpu()), 0L));
        }
        String source = file + " (trace.dat v" + t.version + (t.compressed() ? ", " + t.compression.name().toLowerCase() : "")
                + (t.otherBuffers.isEmpty() ? "" : "; v6 instance buffers not read: " + String.join(", ", t.otherBuffers))
                + (skipped == 0 ? "" : t.meta.unreadable(decoder)) + ")";
        return tally.stats(lost, other, skipped, source, t.otherBuffers.size()); // an unread buffer: events of unknown count not read
    }
}
