/**
 * Reads perf record's perf.data (tracepoint samples with PERF_SAMPLE_RAW) as a time-ordered stream of kmem events.
 * May use the ringbuffer and tracedat packages (its tracing data is trace.dat's metadata), the model, InputException and java.nio.
 */
package io.slabtrace.parser.perfdata;
