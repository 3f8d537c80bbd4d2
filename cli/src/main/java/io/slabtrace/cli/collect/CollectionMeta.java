package io.slabtrace.cli.collect;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * {@code meta.json} of a collection: the machine, the run, and what the collector itself cost. With a trace: the
 * events lost (per CPU, by the ring buffer's own count and the pages' missed events, whichever says more) and the
 * trace reader's CPU time in all, which {@code cpu_ms_per_snapshot} (the snapshots' own cost) leaves out; the trace's
 * clock ({@code mono}) and wall-clock minus that clock, in seconds, which puts each snapshot on the trace's time line.
 */
@JsonPropertyOrder({"tool_version", "host_name", "kernel_release", "boot_id", "page_size", "cpus", "numa_nodes", "cache_line_size",
        "allocator", "interval_ms", "started_at", "stopped_at", "stop_reason", "snapshots", "skipped_ticks", "sysfs", "trace",
        "lost_events", "lost_events_per_cpu", "trace_cpu_ms", "trace_clock", "trace_clock_offset_seconds", "cpu_ms_per_snapshot"})
public record CollectionMeta(String toolVersion, String hostName, String kernelRelease, String bootId, int pageSize, Integer cpus,
                             Integer numaNodes, Integer cacheLineSize, String allocator, long intervalMs, String startedAt,
                             String stoppedAt, String stopReason, long snapshots, long skippedTicks, boolean sysfs, String trace,
                             Long lostEvents, java.util.Map<Integer, Long> lostEventsPerCpu, Double traceCpuMs, String traceClock,
                             Double traceClockOffsetSeconds, Double cpuMsPerSnapshot) {
}
