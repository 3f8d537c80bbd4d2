package io.slabtrace.cli.collect;

import io.slabtrace.model.Allocator;
import io.slabtrace.model.Snapshot;
import io.slabtrace.parser.slabinfo.SlabinfoParser;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The collection loop: on a fixed schedule, reads /proc/slabinfo (and sysfs) and appends it whole,
 * flushed to disk, before the next tick; a tick that cannot be kept is skipped, not stacked.
 * Stops after a count or a duration, on request (signals), or when the disk is full.
 */
public final class Collector {
    /** What stopped the loop. */
    public enum Stop { DONE, SIGNAL, DISK_FULL, READ_ERROR }

    private final CollectionFiles files;
    private final Path slabinfo;
    private final long intervalNanos;
    private final long maxSnapshots;
    private final long maxNanos;
    private final SysfsSampler sysfs;
    private final OpenMetrics openMetrics; // null without --openmetrics
    private final PrintWriter progress; // null when stderr is not a terminal
    private final PrintWriter err;
    private volatile boolean stopRequested;
    private long snapshots, skipped, bytes;
    private double lastTickMs, cpuAtTenth = Double.NaN;
    private long snapshotsAtTenth;
    private String error;
    private Allocator allocator = Allocator.UNKNOWN;
    private LongSupplier excludedCpuNanos = () -> 0;

    /** Collects into {@code dir} as a new collection (made here, or empty and the running user's, as {@code collect -o}). */
    public Collector(Path dir, Path slabinfo, long intervalMillis, long maxSnapshots, long maxMillis, boolean sysfs,
                     Path openMetrics, PrintWriter progress, PrintWriter err) throws IOException {
        this(CollectionFiles.open(dir, false, sysfs, false), slabinfo, intervalMillis, maxSnapshots, maxMillis,
                openMetrics == null ? null : OpenMetrics.at(openMetrics, io.slabtrace.parser.HostFacts.liveRelease()), progress, err);
    }

    /** Collects into files opened already; sysfs is sampled when they have a {@code sysfs/} directory. */
    public Collector(CollectionFiles files, Path slabinfo, long intervalMillis, long maxSnapshots, long maxMillis,
                     OpenMetrics openMetrics, PrintWriter progress, PrintWriter err) {
        this.files = files;
        this.slabinfo = slabinfo;
        this.intervalNanos = intervalMillis * 1_000_000L;
        this.maxSnapshots = maxSnapshots;
        this.maxNanos = maxMillis <= 0 ? Long.MAX_VALUE : maxMillis * 1_000_000L;
        this.sysfs = files.sysfs() ? new SysfsSampler(Path.of("/sys/kernel/slab")) : null;
        this.openMetrics = openMetrics;
        this.progress = progress;
        this.err = err;
    }

    /** CPU time of this process that is not the snapshots' (the trace reader's), left out of {@link #cpuMsPerSnapshot}. */
    void excludeCpu(LongSupplier nanos) {
        this.excludedCpuNanos = nanos;
    }

    public void requestStop() {
        stopRequested = true;
    }

    /** Waits a number of milliseconds (the real one sleeps; tests advance a simulated clock). */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    public Stop run(LongSupplier clock, Runnable eachTick) throws InterruptedException {
        return run(clock, eachTick, Thread::sleep);
    }

    public Stop run(LongSupplier clock, Runnable eachTick, Sleeper sleeper) throws InterruptedException {
        FileChannel ch = files.log(); // opened (created, or checked for --resume) before anything else
        try {
            if (ch.size() == 0) write(ch, "# slabtrace collection: each snapshot is a time line (seconds since the epoch),\n"
                    + "# /proc/slabinfo as read, and a line '" + SlabinfoParser.END_MARKER + "'.\n");
            long start = clock.getAsLong();
            long next = start;
            while (!stopRequested && snapshots < maxSnapshots && next - start < maxNanos) {
                long now = clock.getAsLong();
                if (now < next) {
                    sleepUntil(clock, next, sleeper);
                    if (stopRequested) break;
                }
                long t0 = clock.getAsLong();
                if (t0 - next > intervalNanos) { // a read was slow: skip the ticks it overran, say so
                    long missed = (t0 - next) / intervalNanos;
                    skipped += missed;
                    next += missed * intervalNanos;
                    err.println("slabtrace: warning: a tick took longer than the interval; " + missed + " tick(s) skipped");
                }
                String text;
                try {
                    text = Files.readString(slabinfo, StandardCharsets.ISO_8859_1);
                } catch (IOException e) {
                    error = slabinfo + ": " + e.getMessage();
                    return Stop.READ_ERROR;
                }
                Instant at = Instant.now();
                String nanos = Integer.toString(at.getNano()); // "%09d" by hand: String.format was 7% of a tick's CPU
                String record = at.getEpochSecond() + "." + "000000000".substring(nanos.length()) + nanos + "\n" + text
                        + (text.endsWith("\n") ? "" : "\n") + SlabinfoParser.END_MARKER + " " + (snapshots + 1) + "\n";
                try {
                    write(ch, record);
                    ch.force(false);
                    if (sysfs != null) writeSysfs(snapshots + 1, at);
                } catch (IOException e) {
                    error = files.path() + ": " + e.getMessage();
                    return Stop.DISK_FULL;
                }
                snapshots++;
                bytes += record.length();
                // parsed for the first tick's allocator (meta.json; it does not change while the host runs) and for metrics
                Snapshot parsed = snapshots == 1 || openMetrics != null ? parse(text) : null;
                if (snapshots == 1 && parsed != null) allocator = parsed.allocator();
                if (openMetrics != null) {
                    try {
                        if (parsed != null) openMetrics.write(parsed, HostInfo.pageSize(), at);
                    } catch (IOException e) {
                        err.println("slabtrace: warning: " + openMetrics.path() + ": " + e.getMessage());
                    }
                }
                eachTick.run();
                lastTickMs = (clock.getAsLong() - t0) / 1e6;
                if (snapshots == 10) {
                    cpuAtTenth = snapshotCpuMillis();
                    snapshotsAtTenth = snapshots;
                }
                if (progress != null) {
                    progress.printf("\rslabtrace collect: %d snapshots, %.0f s, %,d bytes, last tick %.1f ms ", snapshots,
                            (clock.getAsLong() - start) / 1e9, bytes, lastTickMs);
                    progress.flush();
                }
                next += intervalNanos;
            }
            return stopRequested ? Stop.SIGNAL : Stop.DONE;
        } catch (IOException e) {
            error = files.path().resolve(PrivateDir.LOG) + ": " + e.getMessage();
            return Stop.DISK_FULL;
        } finally {
            if (sysfs != null) sysfs.close();
            if (progress != null) {
                progress.println();
                progress.flush();
            }
        }
    }

    private void writeSysfs(long n, Instant at) throws IOException {
        sysfs.sample(); // read before the file is made: nothing half-read is written
        bytes += files.writeDump(n, out -> sysfs.writeTo(out, "# " + at));
    }

    /** What the first snapshot's format tells of the allocator (UNKNOWN before it). */
    public Allocator allocator() {
        return allocator;
    }

    private static Snapshot parse(String text) {
        List<Snapshot> out = new ArrayList<>();
        SlabinfoParser p = new SlabinfoParser("/proc/slabinfo", io.slabtrace.parser.Problems.collecting(), out::add, java.time.ZoneOffset.UTC);
        text.lines().forEach(p::line);
        p.finish();
        return out.isEmpty() ? null : out.get(0);
    }

    private static void write(FileChannel ch, String s) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
        while (b.hasRemaining()) ch.write(b);
    }

    private void sleepUntil(LongSupplier clock, long deadline, Sleeper sleeper) throws InterruptedException {
        while (!stopRequested) {
            long left = deadline - clock.getAsLong();
            if (left <= 0) return;
            sleeper.sleep(Math.min(left / 1_000_000L + 1, 200)); // short naps: a stop request is seen quickly
        }
    }

    public long snapshots() {
        return snapshots;
    }

    public long skippedTicks() {
        return skipped;
    }

    public String error() {
        return error;
    }

    /** CPU milliseconds per snapshot after the first ten (start-up excluded), or null with fewer snapshots. */
    public Double cpuMsPerSnapshot() {
        if (Double.isNaN(cpuAtTenth) || snapshots <= snapshotsAtTenth) return null;
        return (snapshotCpuMillis() - cpuAtTenth) / (snapshots - snapshotsAtTenth);
    }

    private double snapshotCpuMillis() {
        return HostInfo.cpuMillis() - excludedCpuNanos.getAsLong() / 1e6;
    }
}
