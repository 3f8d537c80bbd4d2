package io.slabtrace.cli.collect;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KmemTracerBufferTest {
    @Test
    void ringBufferSharesSixtyFourMebibytesWithinPerCpuBounds() {
        assertEquals(16384, KmemTracer.bufferKbPerCpu(1));
        assertEquals(16384, KmemTracer.bufferKbPerCpu(4));
        assertEquals(8192, KmemTracer.bufferKbPerCpu(8));
        assertEquals(4096, KmemTracer.bufferKbPerCpu(16));
        assertEquals(4096, KmemTracer.bufferKbPerCpu(256));
    }

    @Test
    void ringBuffersAreTracefsPerCpuDirectoriesNotTheJvmsCount(@TempDir Path tracefs) throws Exception {
        for (int cpu = 0; cpu < 6; cpu++) Files.createDirectories(tracefs.resolve("per_cpu/cpu" + cpu));
        Files.createDirectories(tracefs.resolve("per_cpu/stats-elsewhere"));
        assertEquals(6, KmemTracer.ringBuffers(tracefs));
    }

    @Test
    void withoutPerCpuDirectoriesTheProcessorsAvailableCount(@TempDir Path tracefs) {
        assertEquals(Runtime.getRuntime().availableProcessors(), KmemTracer.ringBuffers(tracefs));
    }
}
