package io.slabtrace.cli.collect;

import java.io.IOException;

/**
 * An instance's {@code per_cpu/cpuN/stats} (kernel/trace/trace.c {@code tracing_stats_read}): {@code entries} not
 * read yet, and the events lost: {@code overrun} (overwritten before they were read, the buffer being full),
 * {@code commit overrun} (the buffer filled while an event was being written, from an interrupt) and
 * {@code dropped events} (refused in a non-overwrite buffer). {@code text} is the file as read, which trace.dat
 * keeps in its CPUSTAT option. Each count is -1 when the file could not be read.
 */
record CpuStats(int cpu, String text, long entries, long overrun, long commitOverrun, long dropped) {

    static CpuStats read(TracefsInstance instance, int cpu) {
        try {
            return parse(cpu, instance.read("per_cpu/cpu" + cpu + "/stats"));
        } catch (IOException e) {
            return new CpuStats(cpu, "", -1, -1, -1, -1);
        }
    }

    static CpuStats parse(int cpu, String text) {
        long entries = -1, overrun = -1, commit = -1, dropped = -1;
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) continue;
            String value = line.substring(colon + 1).strip();
            if (!value.matches("\\d+")) continue; // "oldest event ts:  2459.954906" and the like
            long v = Long.parseLong(value);
            switch (line.substring(0, colon).strip()) {
                case "entries" -> entries = v;
                case "overrun" -> overrun = v;
                case "commit overrun" -> commit = v;
                case "dropped events" -> dropped = v;
                default -> { }
            }
        }
        return new CpuStats(cpu, text, entries, overrun, commit, dropped);
    }

    /** The events the kernel says it lost on this CPU, or -1 when it could not be read. */
    long lost() {
        if (overrun < 0) return -1;
        return overrun + Math.max(0, commitOverrun) + Math.max(0, dropped);
    }
}
