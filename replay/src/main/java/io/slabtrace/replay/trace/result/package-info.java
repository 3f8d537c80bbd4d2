/**
 * What a trace replay found, as records: per cache the prediction and what the kernel showed, the accuracy, how the
 * prediction went at each snapshot, per call site what was allocated and is still held, findings and assumptions.
 * <p>
 * Data only; uses io.slabtrace.model. The engine in io.slabtrace.replay.trace builds it; views and reports read it.
 */
package io.slabtrace.replay.trace.result;
