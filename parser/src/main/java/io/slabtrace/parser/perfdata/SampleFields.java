package io.slabtrace.parser.perfdata;

import java.nio.ByteBuffer;

/**
 * Finds the fields of a PERF_RECORD_SAMPLE, whose layout follows its attr's sample_type bits in the order
 * include/uapi/linux/perf_event.h lists them (tools/perf/util/evsel.c {@code evsel__parse_sample} reads
 * them so): identifier, ip, pid/tid, time, addr, id, stream_id, cpu, period, read values, callchain, raw.
 * Fields after RAW (branch stack, registers, ...) are not needed.
 */
final class SampleFields {
    static final long IP = 1, TID = 1 << 1, TIME = 1 << 2, ADDR = 1 << 3, READ = 1 << 4, CALLCHAIN = 1 << 5, ID = 1 << 6,
            CPU = 1 << 7, PERIOD = 1 << 8, STREAM_ID = 1 << 9, RAW = 1 << 10, IDENTIFIER = 1 << 16;
    static final long FORMAT_TOTAL_TIME_ENABLED = 1, FORMAT_TOTAL_TIME_RUNNING = 1 << 1, FORMAT_ID = 1 << 2,
            FORMAT_GROUP = 1 << 3, FORMAT_LOST = 1 << 4;

    long time;
    int cpu;
    int rawOffset, rawLength;

    /**
     * Reads the sample at {@code b[start, end)} (its 8-byte header included); false when its fields run
     * past its end. {@code time} is -1 without PERF_SAMPLE_TIME, {@code cpu} -1 without PERF_SAMPLE_CPU,
     * {@code rawOffset} -1 without PERF_SAMPLE_RAW.
     */
    boolean parse(ByteBuffer b, int start, int end, PerfAttr attr) {
        long t = attr.sampleType();
        int p = start + 8;
        time = -1;
        cpu = -1;
        rawOffset = -1;
        rawLength = 0;
        if ((t & IDENTIFIER) != 0) p += 8;
        if ((t & IP) != 0) p += 8;
        if ((t & TID) != 0) p += 8;
        if ((t & TIME) != 0) {
            if (p + 8 > end) return false;
            time = b.getLong(p);
            p += 8;
        }
        if ((t & ADDR) != 0) p += 8;
        if ((t & ID) != 0) p += 8;
        if ((t & STREAM_ID) != 0) p += 8;
        if ((t & CPU) != 0) {
            if (p + 8 > end) return false;
            cpu = b.getInt(p);
            p += 8;
        }
        if ((t & PERIOD) != 0) p += 8;
        if ((t & READ) != 0) {
            long f = attr.readFormat();
            int perValue = 8 + ((f & FORMAT_ID) != 0 ? 8 : 0) + ((f & FORMAT_LOST) != 0 ? 8 : 0);
            int times = ((f & FORMAT_TOTAL_TIME_ENABLED) != 0 ? 8 : 0) + ((f & FORMAT_TOTAL_TIME_RUNNING) != 0 ? 8 : 0);
            if ((f & FORMAT_GROUP) != 0) {
                if (p + 8 > end) return false;
                long nr = b.getLong(p);
                if (nr < 0 || nr > (end - p) / 8) return false;
                p += 8 + times + (int) nr * perValue;
            } else {
                p += perValue + times;
            }
        }
        if ((t & CALLCHAIN) != 0) {
            if (p + 8 > end) return false;
            long nr = b.getLong(p);
            if (nr < 0 || nr > (end - p) / 8) return false;
            p += 8 + (int) nr * 8;
        }
        if ((t & RAW) != 0) {
            if (p + 4 > end) return false;
            long size = b.getInt(p) & 0xffffffffL;
            if (p + 4 + size > end) return false;
            rawOffset = p + 4;
            rawLength = (int) size;
        }
        return p <= end;
    }

    /** Where the sample id is for this sample_type: 8 with IDENTIFIER, else ID's place after ip/tid/time/addr; -1 without either. */
    static int idOffset(long sampleType) {
        if ((sampleType & IDENTIFIER) != 0) return 8;
        if ((sampleType & ID) == 0) return -1;
        int p = 8;
        for (long bit : new long[]{IP, TID, TIME, ADDR}) if ((sampleType & bit) != 0) p += 8;
        return p;
    }
}
