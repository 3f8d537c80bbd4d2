package io.slabtrace.parser;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Collects what readers could not use. Each problem goes to a listener as it happens (the CLI
 * prints it at once); only the first {@link #KEPT} are kept, so a huge damaged file cannot make
 * memory grow.
 */
public final class Problems {
    static final int KEPT = 1000;

    private final Consumer<ParseProblem> listener;
    private final List<ParseProblem> kept = new ArrayList<>();
    private long skippedLines;
    private long notes;

    public Problems(Consumer<ParseProblem> listener) {
        this.listener = listener;
    }

    public static Problems collecting() {
        return new Problems(p -> { });
    }

    public void skipped(String source, long line, String message) {
        add(new ParseProblem(source, line, message, true));
    }

    public void note(String source, long line, String message) {
        add(new ParseProblem(source, line, message, false));
    }

    private void add(ParseProblem p) {
        if (p.skipped()) skippedLines++; else notes++;
        if (kept.size() < KEPT) kept.add(p);
        listener.accept(p);
    }

    public long skippedLines() {
        return skippedLines;
    }

    public long notes() {
        return notes;
    }

    public List<ParseProblem> first() {
        return List.copyOf(kept);
    }
}
