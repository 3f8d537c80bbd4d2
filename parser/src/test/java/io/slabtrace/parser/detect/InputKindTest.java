package io.slabtrace.parser.detect;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class InputKindTest {
    static final Path SAMPLES = Path.of(System.getProperty("slabtrace.samples", "../samples"));

    private static List<Path> files(String dir) throws IOException {
        try (Stream<Path> s = Files.list(SAMPLES.resolve(dir))) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".md")).sorted().toList();
        }
    }

    @Test
    void everyPublicSampleIsRecognisedForWhatItIs() throws Exception {
        for (Path p : files("public/dmesg")) assertEquals(InputKind.DMESG, InputKind.detect(p.toString()), p.toString());
        for (Path p : files("public/slabinfo")) assertEquals(InputKind.SLABINFO, InputKind.detect(p.toString()), p.toString());
        for (Path p : files("public/ftrace-kmem")) {
            String n = p.getFileName().toString();
            if (n.startsWith("hist-trigger") || n.startsWith("tracepoint-format")) continue; // a histogram and a format description, not events
            assertEquals(InputKind.KMEM_TRACE, InputKind.detect(p.toString()), p.toString());
        }
    }

    @Test
    void liveCapturesAndCollectionsKeepTheirKinds() throws Exception {
        assertEquals(InputKind.KMEM_TRACE, InputKind.detect(SAMPLES.resolve("live-6.18/kmem-trace-lsR/kmem-trace.txt.gz").toString()));
        assertEquals(InputKind.SYSFS, InputKind.detect(SAMPLES.resolve("live-6.18/sysfs-all.after.txt").toString()));
        assertEquals(InputKind.SLABINFO, InputKind.detect(SAMPLES.resolve("live-6.18/dentry-storm/slabinfo-loop.log").toString()));
        assertEquals(InputKind.SLABINFO, InputKind.detect(SAMPLES.resolve("live-6.18/collect-find-drop").toString()));
    }
}
