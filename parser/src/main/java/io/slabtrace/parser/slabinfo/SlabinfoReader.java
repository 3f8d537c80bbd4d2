package io.slabtrace.parser.slabinfo;

import io.slabtrace.model.CacheStats;
import io.slabtrace.model.Snapshot;
import io.slabtrace.parser.ChunkedLines;
import io.slabtrace.parser.InputException;
import io.slabtrace.parser.InputPart;
import io.slabtrace.parser.Inputs;
import io.slabtrace.parser.LineBytes;
import io.slabtrace.parser.Problems;

import java.io.IOException;
import java.io.InputStream;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Reads snapshots from files, directories, compressed files or standard input, one line at a time. */
public final class SlabinfoReader {
    private final Problems problems;
    private final ZoneId zone;

    public SlabinfoReader(Problems problems, ZoneId zone) {
        this.problems = problems;
        this.zone = zone;
    }

    public SlabinfoReader(Problems problems) {
        this(problems, ZoneId.systemDefault());
    }

    /**
     * Streams every snapshot of the input to {@code sink} and returns how many there were.
     *
     * @throws InputException when the input cannot be opened or holds no snapshot at all
     */
    public long read(String spec, Consumer<Snapshot> sink) throws InputException {
        return read(Inputs.resolve(spec), spec, sink);
    }

    public long read(List<InputPart> parts, String spec, Consumer<Snapshot> sink) throws InputException {
        long snapshots = 0, lines = 0;
        long skippedBefore = problems.skippedLines();
        for (InputPart part : parts) {
            SlabinfoParser parser = new SlabinfoParser(part.name(), problems, sink, zone);
            try (InputStream in = Inputs.openText(part)) {
                ChunkedLines.feed(in, rowsAhead(parser));
            } catch (IOException e) {
                // a truncated gzip stream or a read error: keep what was read, say where it stopped
                problems.note(part.name(), parser.lines(), "input ends early (" + e.getMessage() + "); "
                        + "snapshots read before this point are kept");
            }
            parser.finish();
            snapshots += parser.snapshots();
            lines += parser.lines();
        }
        if (snapshots == 0) {
            long skipped = problems.skippedLines() - skippedBefore;
            throw new InputException(spec + ": no /proc/slabinfo snapshot found (" + lines + " lines read, "
                    + skipped + " not understood)");
        }
        return snapshots;
    }

    /** Convenience for small inputs and tests: every snapshot in a list. */
    public List<Snapshot> readAll(String spec) throws InputException {
        List<Snapshot> all = new ArrayList<>();
        read(spec, all::add);
        return all;
    }

    /** One fast-path parser per worker: its number buffer is its own. */
    private static final ThreadLocal<StandardRow> STANDARD = ThreadLocal.withInitial(() -> new StandardRow(SlabinfoParser.NAMES));

    /** The parser's lines, with standard rows parsed ahead on the workers. */
    private static ChunkedLines.Handler<CacheStats> rowsAhead(SlabinfoParser parser) {
        return new ChunkedLines.Handler<>() {
            @Override
            public ChunkedLines.Preparse<CacheStats> preparser() {
                StandardRow standard = STANDARD.get();
                return (buf, from, to) -> {
                    int f = LineBytes.trimStart(buf, from, to), t = LineBytes.trimEnd(buf, f, to);
                    if (t == f || !SlabinfoParser.plainRow(buf, f, t)) return null;
                    // a row out of range goes the reference parser's way on the reading thread, which reports it
                    return standard.usable(buf, f, t);
                };
            }

            @Override
            public void line(byte[] buf, int from, int to, CacheStats pre) {
                parser.line(buf, from, to, pre);
            }

            @Override
            public void overlong(long bytes) {
                parser.overlong(bytes);
            }
        };
    }
}
