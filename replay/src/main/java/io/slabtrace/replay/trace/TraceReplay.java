package io.slabtrace.replay.trace;

import io.slabtrace.model.Allocator;
import io.slabtrace.model.Snapshot;
import io.slabtrace.model.layout.Machine;
import io.slabtrace.model.sysfs.SysfsTree;
import io.slabtrace.model.trace.TraceStats;
import io.slabtrace.parser.InputException;
import io.slabtrace.parser.Problems;
import io.slabtrace.parser.trace.KmemTraceReader;
import io.slabtrace.replay.trace.result.Checkpoint;
import io.slabtrace.replay.trace.result.ReplayResult;

import java.util.List;
import java.util.Map;

/** A kmem trace read and replayed through the model, in one or two passes. */
public final class TraceReplay {
    private TraceReplay() {
    }

    /**
     * Replays {@code trace}. Kernels before 6.18 name the cache only on the free
     * ({@code namesAllocations} false, as {@link KmemTraceReader#peek} tells): a first pass then learns
     * each call site's cache, so the second replays allocations in their real order.
     */
    public static ReplayResult run(String trace, boolean namesAllocations, Allocator allocator, Machine machine, Snapshot before,
                                   Snapshot after, SysfsTree sysfs, Problems problems) throws InputException {
        return run(trace, namesAllocations, allocator, machine, before, after, sysfs, problems, List.of());
    }

    /** As above, comparing the model at each of {@code checkpoints} (snapshots taken during the trace, in time order). */
    public static ReplayResult run(String trace, boolean namesAllocations, Allocator allocator, Machine machine, Snapshot before,
                                   Snapshot after, SysfsTree sysfs, Problems problems, List<Checkpoint> checkpoints) throws InputException {
        Map<String, String> sites = Map.of();
        if (!namesAllocations) {
            CallSiteLearner learner = new CallSiteLearner();
            new KmemTraceReader(Problems.collecting()).read(trace, learner);
            sites = learner.sites();
        }
        TraceReplayer replayer = new TraceReplayer(allocator, machine, before, after, sysfs, sites, checkpoints);
        TraceStats stats = new KmemTraceReader(problems).read(trace, replayer);
        return replayer.finish(stats);
    }
}
