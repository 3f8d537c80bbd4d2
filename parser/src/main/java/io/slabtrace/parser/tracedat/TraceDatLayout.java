package io.slabtrace.parser.tracedat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Everything a trace.dat says before its events: metadata, where each CPU's pages are, and its own counts. */
final class TraceDatLayout {
    final TraceMetadata meta = new TraceMetadata();
    int version;
    Compression compression = Compression.NONE;
    /** Every buffer's CPUs: the top instance's, and in v7 each other instance's ('trace-cmd record -B', 'extract -B'). */
    final List<CpuData> cpus = new ArrayList<>();
    /**
     * Events the kernel lost per buffer and CPU by its own count (CPUSTAT option: overrun + commit overrun + dropped
     * events), keyed {@link #statKey}; an instance's CPUSTATs follow one that says "Buffer: NAME".
     */
    final Map<String, Long> statLost = new HashMap<>();
    String statBuffer = "";
    /** trace-cmd's OFFSET option: added to every time stamp. */
    long timeOffset;
    /** v6's other instances' buffers (their own flyrecord data elsewhere in the file): not read, counted as drops. */
    final List<String> otherBuffers = new ArrayList<>();
    /**
     * The kallsyms, read on a thread of their own while the rest is read: the largest part of the metadata
     * (MiBs of text, in v7 also to decompress), and needed only once the first call site is printed.
     */
    KallsymsTask kallsyms;
    /** Off for a look at the formats alone: the kallsyms are then not read (a thread decompressing them does not stop when told). */
    boolean kallsymsWanted = true;

    static String statKey(String buffer, int cpu) {
        return buffer + "/" + cpu;
    }

    /** Whether any buffer's pages are stored as compressed chunks (v7 section flag). */
    boolean compressed() {
        return cpus.stream().anyMatch(CpuData::compressed);
    }
}
