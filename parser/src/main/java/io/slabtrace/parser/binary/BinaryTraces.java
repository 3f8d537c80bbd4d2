package io.slabtrace.parser.binary;

import io.slabtrace.model.trace.KmemEvent;
import io.slabtrace.model.trace.TraceStats;
import io.slabtrace.parser.BinaryFormats;
import io.slabtrace.parser.InputException;
import io.slabtrace.parser.perfdata.PerfDataReader;
import io.slabtrace.parser.tracedat.TraceDatReader;
import io.slabtrace.parser.tracedat.TracingData;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The entry point for binary kmem traces: trace-cmd's trace.dat and perf record's perf.data, told apart
 * by their first bytes and read straight into {@link KmemEvent}s, as the text of {@code trace-cmd report}
 * and {@code perf script} would be read.
 */
public final class BinaryTraces {
    private BinaryTraces() {
    }

    /** Whether the bytes start like a trace.dat ({@code 0x17 0x08 0x44 "tracing"}) or a perf.data ({@code PERFILE2}). */
    public static boolean looksBinaryTrace(byte[] head) {
        return BinaryFormats.isKmemTrace(head);
    }

    /**
     * Streams the file's kmem events, in time order, to {@code sink}. Damaged or truncated input ends in an
     * {@link InputException} naming the file and the offset; what was sent to the sink before stays sent.
     * Exceptions the sink throws pass through as they are. A file with no kmem record at all is no input the tool
     * can use, as with the text path (KmemTraceReader): an InputException too.
     */
    public static TraceStats read(Path file, Consumer<KmemEvent> sink) throws InputException {
        TraceStats stats = readAny(file, sink);
        if (stats.events() == 0 && stats.skippedLines() == 0) {
            throw new InputException(file + ": no kmem events (kmalloc, kfree, kmem_cache_alloc, kmem_cache_free) among its "
                    + stats.otherEvents() + " other records; " + stats.source());
        }
        return stats;
    }

    /**
     * Whether the file's allocations carry their cache's name, where its metadata says it without reading events (a
     * trace.dat's event formats); null where only the events tell (perf.data).
     */
    public static Boolean allocationsNamed(Path file) throws InputException {
        if (!BinaryFormats.isTraceDat(file)) return null;
        try {
            return TraceDatReader.allocationsNamed(file);
        } catch (RuntimeException e) {
            throw new InputException(file + ": damaged binary trace (" + e + ")", e);
        }
    }

    private static TraceStats readAny(Path file, Consumer<KmemEvent> sink) throws InputException {
        byte[] head = new byte[16];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new InputException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        SinkGuard guard = new SinkGuard(sink);
        try {
            if (n >= TracingData.MAGIC.length && startsWith(head, TracingData.MAGIC)) return TraceDatReader.read(file, guard);
            if (n >= BinaryFormats.PERF_DATA.length && BinaryFormats.isKmemTrace(head)) return PerfDataReader.read(file, guard);
        } catch (SinkGuard.SinkFailure f) {
            throw f.original();
        } catch (RuntimeException e) {
            // a rule this reader missed: still the input's fault, and still an InputException
            throw new InputException(file + ": damaged binary trace (" + e + ")", e);
        }
        throw new InputException(file + ": neither a trace.dat nor a perf.data (its first bytes are no known magic)");
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        if (b.length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) if (b[i] != prefix[i]) return false;
        return true;
    }

    /** Tells the sink's own exceptions apart from the reader's, so only the reader's become InputExceptions. */
    private record SinkGuard(Consumer<KmemEvent> sink) implements Consumer<KmemEvent> {
        static final class SinkFailure extends RuntimeException {
            SinkFailure(RuntimeException cause) {
                super(cause);
            }

            RuntimeException original() {
                return (RuntimeException) getCause();
            }
        }

        @Override
        public void accept(KmemEvent e) {
            try {
                sink.accept(e);
            } catch (RuntimeException x) {
                throw new SinkFailure(x);
            }
        }
    }
}
