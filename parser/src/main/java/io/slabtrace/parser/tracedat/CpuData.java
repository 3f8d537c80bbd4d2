package io.slabtrace.parser.tracedat;

/**
 * Where one CPU's ring-buffer pages of one buffer are in a trace.dat: v6's flyrecord table and v7's BUFFER options
 * give an offset and a size per CPU; in a compressed v7 buffer they are the bytes of that CPU's compressed chunks.
 * {@code buffer} is the tracefs instance's name ("" for the top one), {@code pageSize} its ring-buffer page size.
 */
record CpuData(String buffer, int cpu, long offset, long size, int pageSize, boolean compressed) {
}
