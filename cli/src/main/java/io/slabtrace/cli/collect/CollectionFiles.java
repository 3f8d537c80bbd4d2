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
 * never looks a name up again: the log is held open, the rest is written whole into held
 * directories; the trace's per-CPU pages go to files created exclusively in the held directory
 * once tracefs says how many CPUs there are, and become the trace.dat at stop.
 */
public final class CollectionFiles implements AutoCloseable {
    static final String SYSFS = "sysfs", TRACE = "kmem-trace.dat";
    /** What collect wrote before it recorded binary pages: still read by replay and report. */
    static final String TEXT_TRACE = "kmem-trace.txt.gz";
    /** A CPU's pages while recording, as trace-cmd names its own ({@code trace.dat.cpuN}); removed at stop. */
    private static final String CPU_DATA = TRACE + ".cpu";

    private final SafeDir dir;
    private final FileChannel log;
    private final SafeDir sysfs; // null without --sysfs
    private final boolean trace;
    private final long dumpsBefore;
    private final boolean created;

    private CollectionFiles(SafeDir dir, FileChannel log, SafeDir sysfs, boolean trace, long dumpsBefore, boolean created) {
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
            for (String name : List.of(TRACE, TEXT_TRACE)) {
                if (trace && dir.attributes(name) != null) {
                    throw new UserError(path + " already holds " + name + ": a resumed collection cannot record a second trace; "
                            + "choose a new path for --trace kmem");
                }
            }
            FileChannel log = resume ? dir.append(PrivateDir.LOG) : dir.createNew(PrivateDir.LOG, SafeDir.PRIVATE);
            opened.add(log);
            if (!locked(log)) { // released when the log is closed, or the process dies
                throw new UserError(path + " is being written by another collect: wait for it to stop, or choose a new path");
            }
            SafeDir dumps = sysfs ? PrivateDir.subdirectory(dir, SYSFS) : null;
            if (dumps != null) opened.add(dumps);
            return new CollectionFiles(dir, log, dumps, trace, dumps == null ? 0 : lastDump(dumps), !resume);
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

    /** Whether the run records the kmem trace. */
    boolean traced() {
        return trace;
    }

    /** A new file for CPU {@code cpu}'s pages, created exclusively (a name already taken, a link included, is refused). */
    FileChannel createCpuData(int cpu) throws IOException {
        return dir.createScratch(CPU_DATA + cpu, SafeDir.PRIVATE);
    }

    void deleteCpuData(int cpu) throws IOException {
        dir.delete(CPU_DATA + cpu);
    }

    /** Writes the trace.dat whole (a temporary name, then a rename): a run cut off leaves none rather than half of one. */
    void writeTrace(SafeDir.ChannelBody body) throws IOException {
        dir.replaceThrough(TRACE, SafeDir.PRIVATE, body);
    }

    boolean sysfs() {
        return sysfs != null;
    }

    /** Writes dump {@code n} of this run whole; returns its size. */
    long writeDump(long n, SafeDir.Body body) throws IOException {
        String number = Long.toString(dumpsBefore + n); // "%06d" by hand: String.format cost a tenth of a millisecond a tick
        return sysfs.replace("000000".substring(Math.min(6, number.length())) + number + ".txt.gz", SafeDir.PRIVATE, body);
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
        for (String name : dir.names()) {
            if (name.startsWith(CPU_DATA)) dir.delete(name);
        }
        for (String name : List.of(PrivateDir.LOG, TRACE, SYSFS)) dir.delete(name);
    }

    @Override
    public void close() throws IOException {
        try (dir; log) {
            if (sysfs != null) sysfs.close();
        }
    }
}
