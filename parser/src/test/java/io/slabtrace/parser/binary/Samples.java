package io.slabtrace.parser.binary;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** The captures of samples/traces-6.18 (see its README.md) and what the standard tools printed for them. */
public final class Samples {
    public static final Path DIR = Path.of(System.getProperty("slabtrace.samples", "../samples"), "traces-6.18");

    private Samples() {
    }

    /** The capture, unpacked into {@code tmp} when it is stored gzipped. */
    public static Path capture(String name, Path tmp) throws IOException {
        Path plain = DIR.resolve(name);
        if (Files.exists(plain)) return plain;
        Path out = tmp.resolve(name);
        if (!Files.exists(out)) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(DIR.resolve(name + ".gz")))) {
                Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return out;
    }

    /** The lines of a saved text, gzipped or not. */
    public static List<String> lines(String name) throws IOException {
        Path p = DIR.resolve(name);
        if (Files.exists(p)) return Files.readAllLines(p, StandardCharsets.ISO_8859_1);
        try (InputStream in = new GZIPInputStream(Files.newInputStream(DIR.resolve(name + ".gz")))) {
            return List.of(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).split("\n"));
        }
    }

    /** One event line of trace-cmd report or perf script: the CPU, the microseconds, the event name and its key=value fields. */
    public record TextEvent(int cpu, long micros, String event, Map<String, String> fields) {
    }

    /** The kmem event lines of {@code trace-cmd report} / {@code perf script} text, in order. */
    public static List<TextEvent> events(List<String> lines) {
        List<TextEvent> out = new ArrayList<>();
        for (String line : lines) {
            int cpuOpen = line.indexOf(" [");
            int cpuClose = line.indexOf("] ", cpuOpen);
            if (cpuOpen < 0 || cpuClose < 0) continue;
            String rest = line.substring(cpuClose + 2).strip();
            int colon = rest.indexOf(": ");
            String time = rest.substring(0, colon);
            String after = rest.substring(colon + 2).strip();
            if (after.startsWith("kmem:")) after = after.substring(5); // perf script names the system
            int nameEnd = after.indexOf(':');
            String event = after.substring(0, nameEnd);
            Map<String, String> fields = new HashMap<>();
            for (String token : after.substring(nameEnd + 1).strip().split("\\s+")) {
                int eq = token.indexOf('=');
                if (eq > 0) fields.put(token.substring(0, eq), token.substring(eq + 1));
            }
            int dot = time.indexOf('.');
            long micros = Long.parseLong(time.substring(0, dot)) * 1_000_000 + Long.parseLong(time.substring(dot + 1));
            out.add(new TextEvent(Integer.parseInt(line.substring(cpuOpen + 2, cpuClose).strip()), micros, event, fields));
        }
        return out;
    }

    /** Whole microseconds of a time in seconds as perf script prints them (timestamp__scnprintf_usec truncates). */
    public static long truncatedMicros(double seconds) {
        return (long) Math.floor(seconds * 1e6 + 0.0005); // the 0.0005 (half a nanosecond) absorbs the double's rounding
    }

    /** Whole microseconds of a time in seconds as trace-cmd report prints them (libtraceevent: (nsecs + 500) / 1000). */
    public static long roundedMicros(double seconds) {
        return (long) Math.floor(seconds * 1e6 + 0.5 + 0.0005);
    }
}
