package io.slabtrace.cli.options;

import io.slabtrace.cli.error.UserError;
import io.slabtrace.model.Snapshot;
import io.slabtrace.parser.InputException;
import io.slabtrace.parser.InputPart;
import io.slabtrace.parser.ParseProblem;
import io.slabtrace.parser.Problems;
import io.slabtrace.parser.slabinfo.SlabinfoReader;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads the inputs a command was given, or the live host's {@code /proc/slabinfo}, or (where that
 * is unreadable) the bundled sample, saying which. Problems are printed as they are met, the
 * first {@value #PRINTED} of them; the summary counts all.
 */
public final class SnapshotSource {
    public static final String LIVE = "/proc/slabinfo";
    public static final String SAMPLE = "samples/live-6.18/slabinfo.before (bundled sample: Linux 6.18 SLUB, 2 CPUs)";
    private static final String SAMPLE_RESOURCE = "/io/slabtrace/cli/sample/slabinfo.before";
    static final int PRINTED = 50;

    /** What was read: a label for the input, the number of snapshots, and how many lines were skipped. */
    public record Reading(String label, long snapshots, long skippedLines) {
    }

    private SnapshotSource() {
    }

    public static Reading read(List<String> inputs, InputOptions opts, PrintWriter err, Consumer<Snapshot> sink) {
        int[] printed = {0};
        Problems problems = new Problems(p -> print(p, err, printed));
        SlabinfoReader reader = new SlabinfoReader(problems, opts.zone());
        List<String> specs = inputs == null || inputs.isEmpty() ? List.of() : inputs;
        long snapshots = 0;
        String label;
        try {
            if (specs.isEmpty()) {
                List<InputPart> parts = defaultInput(err);
                label = parts.get(0).name().equals(LIVE) ? LIVE : SAMPLE;
                snapshots = reader.read(parts, label, sink);
            } else {
                for (String spec : specs) snapshots += reader.read(spec, sink);
                label = String.join(" ", specs);
            }
        } catch (InputException e) {
            throw new UserError(e.getMessage());
        }
        if (printed[0] > PRINTED) {
            err.println(Warnings.PREFIX + (printed[0] - PRINTED) + " more problems not shown");
        }
        long skipped = problems.skippedLines();
        if (skipped > 0) {
            String msg = skipped + " input line" + (skipped == 1 ? " was" : "s were") + " skipped (listed above)";
            if (opts.strict()) throw new UserError(msg + "; --strict makes that an error");
            err.println(Warnings.PREFIX + msg + "; the other lines were used");
        }
        err.flush();
        return new Reading(label, snapshots, skipped);
    }

    private static void print(ParseProblem p, PrintWriter err, int[] printed) {
        if (printed[0]++ < PRINTED) err.println(Warnings.PREFIX + p);
    }

    private static List<InputPart> defaultInput(PrintWriter err) {
        Path live = Path.of(LIVE);
        if (Files.isReadable(live)) return List.of(InputPart.file(LIVE, live));
        String why = Files.exists(live) ? "is not readable (it is root-only: run with sudo)" : "does not exist (not Linux, or a kernel without slab statistics)";
        err.println("slabtrace: " + LIVE + " " + why + "; showing the " + SAMPLE);
        return List.of(new InputPart(SAMPLE, () -> {
            var in = SnapshotSource.class.getResourceAsStream(SAMPLE_RESOURCE);
            if (in == null) throw new java.io.FileNotFoundException("bundled sample missing from the jar");
            return in;
        }));
    }

    /** The first and the last snapshot of the inputs (the same one when there is one). */
    public record Ends(Snapshot first, Snapshot last) {
    }

    /** Streams the inputs keeping only their ends: a series of any length is never held in memory. */
    public static Ends ends(List<String> inputs, InputOptions opts, PrintWriter err) {
        Snapshot[] e = new Snapshot[2];
        read(inputs, opts, err, s -> {
            if (e[0] == null) e[0] = s;
            e[1] = s;
        });
        return new Ends(e[0], e[1]);
    }
}
