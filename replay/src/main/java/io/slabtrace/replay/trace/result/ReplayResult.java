package io.slabtrace.replay.trace.result;

import io.slabtrace.model.trace.TraceStats;

import java.util.List;

/** What {@code replay} found: per cache, findings, per call site, and the assumptions it made. */
public record ReplayResult(TraceStats trace, List<CacheReplay> caches, List<ReplayFinding> findings, List<CallSite> callSites,
                           List<Assumption> assumptions, long unattributed, Accuracy accuracy, List<HeldSeries> held) {
    public ReplayResult {
        caches = List.copyOf(caches);
        findings = List.copyOf(findings);
        callSites = List.copyOf(callSites);
        assumptions = List.copyOf(assumptions);
        held = List.copyOf(held);
    }
}
