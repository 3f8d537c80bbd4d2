package io.slabtrace.model.log;

import java.util.List;

/**
 * What a kernel log held for slab analysis: module events in order, the kernel's own reports,
 * what the boot messages say about the machine, and how much was read.
 *
 * @param timeAssumed some wall-clock times were completed with a year or zone the log does not give
 *                    (syslog's {@code Nov 25 12:31:01}, {@code dmesg -T}): they may be off
 * @param warnings    what the reader could not take as given, in words, {@code FILE:LINE: ...} where a line is to blame
 */
public record KernelLog(String source, List<SlabEvent> events, List<KernelReport> reports, BootFacts boot, long lines,
                        boolean timeAssumed, List<String> warnings) {
    public KernelLog {
        events = List.copyOf(events);
        reports = List.copyOf(reports);
        warnings = List.copyOf(warnings);
    }

    /**
     * From the boot messages: {@code Linux version <release>}, {@code Command line:}, SLUB's banner
     * ({@code SLUB: HWalign=64, Order=0-3, MinObjects=0, CPUs=2, Nodes=1}; classic SLAB prints none).
     * Null fields were not in the log.
     */
    public record BootFacts(String release, String cmdline, Boolean slub, Integer cpus) {
        public static final BootFacts NONE = new BootFacts(null, null, null, null);
    }
}
