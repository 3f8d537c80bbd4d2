package io.slabtrace.replay.kernellog;

import io.slabtrace.model.log.KernelLog;

import java.util.List;

/** A kernel log turned into per-cache timelines and findings. */
public record DmesgAnalysis(KernelLog log, List<DmesgCache> caches, List<DmesgFinding> findings) {
    public DmesgAnalysis {
        caches = List.copyOf(caches);
        findings = List.copyOf(findings);
    }
}
