/**
 * The one entry point for binary kmem traces ({@link io.slabtrace.parser.binary.BinaryTraces}): tells trace.dat from perf.data by magic.
 * May use the tracedat and perfdata packages and the model; nothing else.
 */
package io.slabtrace.parser.binary;
