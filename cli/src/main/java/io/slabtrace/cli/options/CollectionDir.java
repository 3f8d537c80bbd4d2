package io.slabtrace.cli.options;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** What 'slabtrace collect' leaves in its directory, so other commands can take the directory itself. */
public record CollectionDir(Path slabinfoLog, List<Path> sysfsDumps, Optional<Path> kmemTrace) {
    /** The trace.dat collect writes, and the text trace collections made before it hold (both read by content). */
    public static final List<String> TRACES = List.of("kmem-trace.dat", "kmem-trace.txt.gz");

    /** A directory is a collection when it has the collector's meta.json next to a slabinfo.log. */
    public static Optional<CollectionDir> at(String input) {
        Path dir = Path.of(input);
        if (!Files.isRegularFile(dir.resolve("meta.json")) || !Files.isRegularFile(dir.resolve("slabinfo.log"))) return Optional.empty();
        return Optional.of(new CollectionDir(dir.resolve("slabinfo.log"), dumps(dir.resolve("sysfs")),
                TRACES.stream().map(dir::resolve).filter(Files::isRegularFile).findFirst()));
    }

    /** Dumps are numbered in the order they were taken, zero-padded, so name order is time order. */
    private static List<Path> dumps(Path sysfs) {
        if (!Files.isDirectory(sysfs)) return List.of();
        try (Stream<Path> files = Files.list(sysfs)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".txt.gz")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The inputs with each collection directory replaced by its files: its slabinfo.log, its latest sysfs
     * dump, and its kmem trace when {@code withTrace}; other inputs are kept as they are.
     */
    public static List<String> expand(List<String> inputs, boolean withTrace) {
        List<String> out = new java.util.ArrayList<>();
        for (String in : inputs) {
            at(in).ifPresentOrElse(c -> {
                out.add(c.slabinfoLog().toString());
                c.latestSysfs().ifPresent(f -> out.add(f.toString()));
                if (withTrace) c.kmemTrace().ifPresent(t -> out.add(t.toString()));
            }, () -> out.add(in));
        }
        return out;
    }

    /** The sysfs dump taken with the first snapshot: the start state a replay of the collection's trace begins from. */
    public Optional<Path> firstSysfs() {
        return sysfsDumps.isEmpty() ? Optional.empty() : Optional.of(sysfsDumps.get(0));
    }

    /**
     * Wall-clock minus trace-clock seconds, as the recorder measured it ({@code trace_clock_offset_seconds} in
     * meta.json, written since the trace clock is CLOCK_MONOTONIC), or empty for collections made before.
     */
    public Optional<Double> traceClockOffset() {
        Path meta = slabinfoLog.resolveSibling("meta.json");
        try {
            com.fasterxml.jackson.databind.JsonNode m = new com.fasterxml.jackson.databind.ObjectMapper().readTree(meta.toFile());
            com.fasterxml.jackson.databind.JsonNode o = m == null ? null : m.get("trace_clock_offset_seconds");
            return o != null && o.isNumber() && "mono".equals(m.path("trace_clock").asText()) ? Optional.of(o.asDouble()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // an unreadable meta.json has no offset: the replay then compares the ends only
        }
    }

    public Optional<Path> latestSysfs() {
        return sysfsDumps.isEmpty() ? Optional.empty() : Optional.of(sysfsDumps.get(sysfsDumps.size() - 1));
    }
}
