/**
 * kmem tracepoint text (ftrace trace/trace_pipe, trace-cmd report, perf script) streamed as model.trace events.
 * <p>
 * Uses io.slabtrace.parser and io.slabtrace.model.trace; memory does not grow with the trace.
 */
package io.slabtrace.parser.trace;
