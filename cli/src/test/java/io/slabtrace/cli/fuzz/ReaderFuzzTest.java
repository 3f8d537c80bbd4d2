package io.slabtrace.cli.fuzz;

import io.slabtrace.parser.InputException;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The fuzzer: every reader and command, fed damaged copies of the samples, must keep the one rule — only the documented
 * input error ({@link InputException}; for a command, status 1 with one line) escapes, never an internal error, a hang or
 * an OutOfMemoryError. It runs {@code slabtrace.fuzz.seconds} in all (60 by default, as part of {@code mvn verify};
 * {@code cli/bench/fuzz.sh} runs it longer), from {@code slabtrace.fuzz.seed} (a fixed seed by default, so a build
 * is repeatable; the script picks a new one). A failing input is written to {@code cli/target/fuzz-crashes/TARGET/}:
 * copy it to {@code cli/src/test/resources/fuzz-regressions/TARGET/}, where every build replays it (the second test).
 */
class ReaderFuzzTest {
    private static final long SECONDS = Long.getLong("slabtrace.fuzz.seconds", 60);
    private static final long SEED = Long.getLong("slabtrace.fuzz.seed", 16);
    private static final Path SAMPLES = Path.of(System.getProperty("slabtrace.samples", "../samples"));
    private static final Path REGRESSIONS = Path.of("src/test/resources/fuzz-regressions");
    private static final Path CRASHES = Path.of("target/fuzz-crashes");
    /** Per input: the bar is 20 s through the CLI; in-process, without start-up, far less must do. */
    private static final Duration PER_INPUT = Duration.ofSeconds(20);

    @TestFactory
    Stream<DynamicTest> damagedSamplesBreakNoReader() {
        List<FuzzTarget> targets = FuzzTarget.all();
        long perTarget = SECONDS * 1000 / targets.size();
        return targets.stream().map(t -> DynamicTest.dynamicTest(t.name(), () -> fuzz(t, perTarget)));
    }

    @TestFactory
    Stream<DynamicTest> everyInputTheFuzzerEverBrokeIsReplayed() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (FuzzTarget t : FuzzTarget.all()) {
            Path dir = REGRESSIONS.resolve(t.name());
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.sorted().toList()) {
                    tests.add(DynamicTest.dynamicTest(t.name() + " " + f.getFileName(), () -> check(t, f)));
                }
            }
        }
        if (tests.isEmpty()) fail("no regression inputs under " + REGRESSIONS.toAbsolutePath());
        return tests.stream();
    }

    private static void fuzz(FuzzTarget t, long millis) throws Exception {
        List<byte[]> seeds = new ArrayList<>();
        for (String s : t.seeds()) seeds.add(read(SAMPLES.resolve(s)));
        Path dir = Files.createTempDirectory("fuzz-" + t.name());
        long deadline = System.currentTimeMillis() + millis;
        long iteration = 0;
        try {
            while (System.currentTimeMillis() < deadline) {
                long seed = SEED * 1_000_003L + iteration * 31 + t.name().hashCode();
                Mutator m = new Mutator(seed);
                byte[] input = m.mutate(seeds.get((int) (iteration % seeds.size())), seeds.get((int) ((iteration / 2) % seeds.size())));
                Path f = dir.resolve("input." + t.extension());
                Files.write(f, input);
                try {
                    check(t, f);
                } catch (Throwable e) {
                    Path kept = CRASHES.resolve(t.name()).resolve(Long.toHexString(seed) + "." + t.extension());
                    Files.createDirectories(kept.getParent());
                    Files.write(kept, input);
                    throw new AssertionError(t.name() + ": input " + kept.toAbsolutePath() + " (iteration " + iteration + ", seed "
                            + Long.toHexString(seed) + ") broke the rule: " + e, e);
                }
                iteration++;
            }
        } finally {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.toList()) Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        }
        System.out.println("fuzz " + t.name() + ": " + iteration + " inputs in " + millis + " ms, none broke a rule");
    }

    /** The rule: the target ends within the time allowed, throwing nothing but InputException. */
    private static void check(FuzzTarget t, Path f) {
        assertTimeoutPreemptively(PER_INPUT, () -> {
            try {
                t.action().run(f);
            } catch (InputException expected) {
                // the documented refusal: one line and status 1 at the command line
            }
        }, () -> t.name() + " took longer than " + PER_INPUT.toSeconds() + " s on " + f);
    }

    private static byte[] read(Path p) throws IOException {
        if (!p.toString().endsWith(".gz")) return Files.readAllBytes(p);
        try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
            return in.readAllBytes();
        }
    }
}
