/**
 * The one entry point for binary kmem traces ({@link io.slabtrace.parser.binary.BinaryTraces}): tells trace.dat from perf.data by magic.
 * May use the tracedat and perfdata packages, the model and the parser's InputException; nothing else.
 */
package io.slabtrace.parser.binary;
