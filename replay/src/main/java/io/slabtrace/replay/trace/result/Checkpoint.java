package io.slabtrace.replay.trace.result;

import io.slabtrace.model.Snapshot;

/** A snapshot taken during the trace, placed on the trace's clock: the model is compared with it when the trace gets there. */
public record Checkpoint(double traceTime, Snapshot snapshot) {
}
