package io.slabtrace.cli.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class KmemTracerBufferTest {
    @Test
    void ringBufferSharesSixtyFourMebibytesWithinPerCpuBounds() {
        assertEquals(16384, KmemTracer.bufferKbPerCpu(1));
        assertEquals(16384, KmemTracer.bufferKbPerCpu(4));
        assertEquals(8192, KmemTracer.bufferKbPerCpu(8));
        assertEquals(4096, KmemTracer.bufferKbPerCpu(16));
        assertEquals(4096, KmemTracer.bufferKbPerCpu(256));
    }
}
