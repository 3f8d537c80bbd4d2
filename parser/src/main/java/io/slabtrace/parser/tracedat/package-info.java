/**
 * Reads trace-cmd's trace.dat (v6, v7 with zlib/zstd sections) as a stream of kmem events, and the tracing metadata perf.data shares.
 * May use the ringbuffer package, the model, the parser's InputException, java.nio channels, java.util.zip and aircompressor.
 */
package io.slabtrace.parser.tracedat;
