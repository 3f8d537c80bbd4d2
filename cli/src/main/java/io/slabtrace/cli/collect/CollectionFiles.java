package io.slabtrace.cli.collect;

import io.slabtrace.cli.error.UserError;
import io.slabtrace.cli.output.SafeDir;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A collection's files, all opened before anything is recorded (before tracefs is touched or the
 * first tick is taken), so the run writes only through descriptors it checked at the start and
 * never looks a name up again: the log and the trace are held open, the rest is written whole
 * into held directories.
 */
public final class CollectionFiles implements AutoCloseable {
    static final String SYSFS = "sysfs", TRACE = "kmem-trace.txt.gz";

    private final SafeDir dir;
    private final FileChannel log;
    private final SafeDir sysfs; // null without --sysfs
    private final FileChannel trace; // null without --trace
    private final long dumpsBefore;
    private final boolean created;

    private CollectionFiles(SafeDir dir, FileChannel log, SafeDir sysfs, FileChannel trace, long dumpsBefore, boolean created) {
        this.created = created;
        this.dir = dir;
        this.log = log;
        this.sysfs = sysfs;
        this.trace = trace;
        this.dumpsBefore = dumpsBefore;
    }

    /** A new collection in {@code path}, or with {@code resume} the one there, with what {@code sysfs} and {@code trace} add. */
    public static CollectionFiles open(Path path, boolean resume, boolean sysfs, boolean trace) throws IOException {
        List<Closeable> opened = new ArrayList<>();
        try {
            SafeDir dir = resume ? PrivateDir.resume(path) : PrivateDir.create(path);
            opened.add(dir);
            if (trace && dir.attributes(TRACE) != null) {
                throw new UserError(path + " already holds " + TRACE + ": a resumed collection cannot record a second trace; "
                        + "choose a new path for --trace kmem");
            }
            FileChannel log = resume ? dir.append(PrivateDir.LOG) : dir.createNew(PrivateDir.LOG, SafeDir.PRIVATE);
            opened.add(log);
            if (!locked(log)) { // released when the log is closed, or the process dies
                throw new UserError(path + " is being written by another collect: wait for it to stop, or choose a new path");
            }
            SafeDir dumps = sysfs ? PrivateDir.subdirectory(dir, SYSFS) : null;
            if (dumps != null) opened.add(dumps);
            FileChannel t = trace ? dir.createNew(TRACE, SafeDir.PRIVATE) : null;
            return new CollectionFiles(dir, log, dumps, t, dumps == null ? 0 : lastDump(dumps), !resume);
        } catch (IOException | RuntimeException e) {
            for (Closeable c : opened) {
                try {
                    c.close();
                } catch (IOException ignored) {
                    // the first failure is the one to report
                }
            }
            throw e;
        }
    }

    /** Whether this process now holds the log's lock: two collectors appending to one log would interleave their snapshots. */
    private static boolean locked(FileChannel log) throws IOException {
        try {
            return log.tryLock() != null;
        } catch (OverlappingFileLockException e) { // held by this very process
            return false;
        }
    }

    /** The highest number of the dumps already there, so a resumed collection's dumps follow them in name order. */
    private static long lastDump(SafeDir dumps) throws IOException {
        long last = 0;
        for (String name : dumps.names()) {
            if (name.matches("\\d{6,}\\.txt\\.gz")) last = Math.max(last, Long.parseLong(name.substring(0, name.indexOf('.'))));
        }
        return last;
    }

    public Path path() {
        return dir.path();
    }

    FileChannel log() {
        return log;
    }

    FileChannel trace() {
        return trace;
    }

    boolean sysfs() {
        return sysfs != null;
    }

    /** Writes dump {@code n} of this run whole; returns its size. */
    long writeDump(long n, SafeDir.Body body) throws IOException {
        return sysfs.replace(String.format("%06d.txt.gz", dumpsBefore + n), SafeDir.PRIVATE, body);
    }

    void writeMeta(byte[] json) throws IOException {
        dir.replace(PrivateDir.META, json, SafeDir.PRIVATE);
    }

    /**
     * Removes the files a new collection was given when the run fails before recording anything, so
     * the directory (left, empty) is taken again by the same command; a resumed collection is kept.
     */
    public void discardNew() throws IOException {
        if (!created || log.size() > 0) return;
        for (String name : List.of(PrivateDir.LOG, TRACE, SYSFS)) dir.delete(name);
    }

    @Override
    public void close() throws IOException {
        try (dir; log) {
            if (trace != null) trace.close(); // closed already when the tracer stopped: closing again is harmless
            if (sysfs != null) sysfs.close();
        }
    }
}
