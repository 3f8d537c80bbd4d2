package io.slabtrace.cli.options;

import io.slabtrace.model.Snapshot;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The default input (the live {@code /proc/slabinfo}, else the bundled sample) read on a thread of its own while the
 * command line is still being built: a cold {@code top} spends about as long on each, and the host has two cores. The
 * command uses it only where a read of its own would read the same thing the same way (no inputs, no --strict, no
 * --tz); otherwise it is left unused and the command reads as it would have. Its warnings are held, then printed by
 * the command that uses it, where a read of its own would have printed them.
 */
public final class EarlyRead implements Runnable {

    private record Result(List<Snapshot> snapshots, SnapshotSource.Reading reading, String warnings, RuntimeException failure) {
    }

    // A thread and its join, not a FutureTask and a method reference: their first uses cost the main thread 7 ms.
    private final Thread thread = new Thread(this, "slabtrace-early-read");
    private Result result; // written by the thread, read after its join

    private EarlyRead() {
    }

    /** Starts reading the default input. */
    public static EarlyRead start() {
        EarlyRead r = new EarlyRead();
        r.thread.setDaemon(true); // a command that does not use it does not wait for it
        r.thread.start();
        return r;
    }

    @Override
    public void run() {
        result = read();
    }

    /** Whether a read for {@code inputs} with {@code opts} would read what this one read, in the same way. */
    public static boolean fits(List<String> inputs, InputOptions opts) {
        return (inputs == null || inputs.isEmpty()) && opts.readsAsDefault();
    }

    /** What {@link SnapshotSource#read} would have returned: the snapshots to {@code sink}, the warnings to {@code err}. */
    public SnapshotSource.Reading take(PrintWriter err, Consumer<Snapshot> sink) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading " + SnapshotSource.LIVE, e);
        }
        Result r = result;
        if (r == null) throw new IllegalStateException("reading " + SnapshotSource.LIVE + " failed: see the error above");
        err.print(r.warnings());
        err.flush();
        if (r.failure() != null) throw r.failure();
        r.snapshots().forEach(sink);
        return r.reading();
    }

    private static Result read() {
        StringWriter warnings = new StringWriter();
        List<Snapshot> snapshots = new ArrayList<>(1);
        try (PrintWriter err = new PrintWriter(warnings)) {
            try {
                SnapshotSource.Reading reading = SnapshotSource.read(List.of(), new InputOptions(), err, snapshots::add);
                err.flush();
                return new Result(snapshots, reading, warnings.toString(), null);
            } catch (RuntimeException e) { // a UserError, as the command's own read would have thrown it
                err.flush();
                return new Result(List.of(), null, warnings.toString(), e);
            }
        }
    }
}
