package io.slabtrace.replay.trace.result;

/** A reconciliation finding; {@code cache} is null for the whole trace. */
public record ReplayFinding(Kind kind, String cache, long count, String message) {
    public enum Kind { LOST_EVENTS, UNTRACED_FREES, FREES_BEFORE_TRACE, PREDICTION_MISS, UNATTRIBUTED }
}
