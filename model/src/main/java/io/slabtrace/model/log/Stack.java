package io.slabtrace.model.log;

import java.util.List;

/**
 * A stack a report prints for an object: KASAN's "Allocated by task 475:", KFENCE's
 * "freed by task 507 on cpu 0 at 288.238587s:", SLUB's "INFO: Freed in f+0x1/0x2 age=3 cpu=1 pid=799",
 * kmemleak's backtrace.
 *
 * @param task   the task's name when the report gives it (kmemleak's comm), else null
 * @param pid    the task's pid, or null
 * @param cpu    KFENCE and SLUB tracking give the CPU, or null
 * @param at     KFENCE's time since boot in seconds, or null
 * @param ageJiffies SLUB tracking's {@code age=}, jiffies between this event and the report, or null
 * @param site   the first frame outside the allocator and the sanitizer, or null when none was printed
 * @param frames function names (with {@code +off/len} where printed), allocator frames included, at most 32
 */
public record Stack(String task, Integer pid, Integer cpu, Double at, Long ageJiffies, String site, List<String> frames) {
    public Stack {
        frames = List.copyOf(frames);
    }
}
