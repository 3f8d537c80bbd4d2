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
    /** Whether the flyrecord data is stored as compressed chunks (v7 section flag). */
    boolean cpuDataCompressed;
    /** The page size of the flyrecord buffer (v7's BUFFER option may differ from the file's). */
    int bufferPageSize;
    final List<CpuData> cpus = new ArrayList<>();
    /** Events the kernel lost per CPU by its own count (CPUSTAT option: overrun + commit overrun + dropped events). */
    final Map<Integer, Long> statLost = new HashMap<>();
    /** trace-cmd's OFFSET option: added to every time stamp. */
    long timeOffset;
    /** Other instances' buffers (trace-cmd record -B): not read, said in the source name. */
    final List<String> otherBuffers = new ArrayList<>();
    String clock = "";
    /**
     * The kallsyms, read on a thread of their own while the rest is read: the largest part of the metadata
     * (MiBs of text, in v7 also to decompress), and needed only once the first call site is printed.
     */
    KallsymsTask kallsyms;
}
