package io.slabtrace.parser.tracedat;

/**
 * Where one CPU's ring-buffer pages are in a trace.dat: v6's flyrecord table and v7's BUFFER option give
 * an offset and a size per CPU; in a compressed v7 file they are the bytes of that CPU's compressed chunks.
 */
record CpuData(int cpu, long offset, long size) {
}
