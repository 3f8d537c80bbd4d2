package io.slabtrace.cli;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each command on the largest samples of its input stays within a 256 MB heap: the jar's main class runs in a child
 * JVM with {@code -Xmx256m} (the bar issue 16 sets for any input) and must end with status 0 within a minute.
 */
class HeapBoundTest {
    @TempDir
    static Path out;

    static Stream<List<String>> largestInputs() {
        return Stream.of(
                List.of("top", Run.sample("live-6.18/collect-find-drop")),
                List.of("diff", Run.sample("live-6.18/dentry-storm/slabinfo-loop.log")),
                List.of("report", Run.sample("live-6.18/collect-find-drop"), Run.sample("live-6.18/kmem-trace-lsR/kmem-trace.txt.gz"), "-o", "OUT/r.html"),
                List.of("explain", "--all", "--from", Run.sample("lab/custom-6.1.192-slub-stats/seed/sysfs-all.txt")),
                List.of("dmesg", Run.sample("lab/debian-6.1.0-56-slub/seed/dmesg.txt")),
                List.of("replay", Run.sample("live-6.18/kmem-trace-lsR/kmem-trace.txt.gz")),
                List.of("replay", Run.sample("traces-6.18/kmem-v7-zstd.dat")),
                List.of("simulate", "--allocator", "slab", "--kernel", "6.1", Run.sample("scenarios/reap-idle.scn")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("largestInputs")
    void staysWithin256MB(List<String> args) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-Djava.awt.headless=true", "-cp", classpath, Main.class.getName()));
        for (String a : args) cmd.add(a.replace("OUT", out.toString()));
        Path err = out.resolve("stderr.txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(new File("/dev/null")).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "ended within a minute: " + args);
        String e = Files.readString(err, StandardCharsets.UTF_8);
        assertFalse(e.contains("OutOfMemoryError"), e);
        assertEquals(0, p.exitValue(), String.join(" ", args) + ":\n" + e);
    }
}
