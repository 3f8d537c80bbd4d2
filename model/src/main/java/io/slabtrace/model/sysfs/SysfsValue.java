package io.slabtrace.model.sysfs;

import java.util.Map;

/** One attribute of {@code /sys/kernel/slab/<cache>/}, typed by its format ({@code mm/slub.c} *_show functions). */
public sealed interface SysfsValue {

    /** {@code "%u\n"}, {@code "%d\n"}. */
    record Number(long value) implements SysfsValue {
    }

    /** Node-summed ({@code show_slab_objects}): {@code "72348 N0=72348 N1=0"}; nodes with zero are not printed. */
    record NodeSummed(long total, Map<Integer, Long> perNode) implements SysfsValue {
    }

    /** {@code slabs_cpu_partial}: {@code "147(14) C0=73(7) C1=73(7)"}, objects (an estimate since 5.16) and slabs. */
    record CpuPartial(long objects, long slabs, Map<Integer, long[]> perCpu) implements SysfsValue {
    }

    /** CONFIG_SLUB_STATS counters ({@code show_stat}): {@code "1234 C0=1000 C1=234"}. */
    record PerCpuCounter(long total, Map<Integer, Long> perCpu) implements SysfsValue {
    }

    /** Anything else: {@code ctor} ({@code "init_once+0x0/0x20"} or empty), debugfs traces, unknown attributes. */
    record Text(String text) implements SysfsValue {
    }
}
