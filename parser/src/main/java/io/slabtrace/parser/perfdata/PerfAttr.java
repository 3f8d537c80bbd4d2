package io.slabtrace.parser.perfdata;

/**
 * The parts of a {@code struct perf_event_attr} (include/uapi/linux/perf_event.h) this reader needs, and
 * the sample ids perf.data lists for it.
 *
 * @param type       PERF_TYPE_*: {@link #TRACEPOINT} for kmem:* events
 * @param config     for a tracepoint: its event id, the {@code ID:} of its format
 * @param sampleType PERF_SAMPLE_* bits: which fields each sample of it carries
 * @param readFormat PERF_FORMAT_* bits: the layout of PERF_SAMPLE_READ values
 */
record PerfAttr(int type, long config, long sampleType, long readFormat, String name) {
    static final int TRACEPOINT = 2;

    boolean isTracepoint() {
        return type == TRACEPOINT;
    }
}
