package io.slabtrace.parser;

/**
 * Something in an input that the reader could not use as it stands.
 *
 * @param source  the file (or "-" for standard input)
 * @param line    1-based line number, 0 when the problem concerns the whole file
 * @param skipped true when a line was dropped because of it; false for a note (an ignored column, say)
 */
public record ParseProblem(String source, long line, String message, boolean skipped) {

    /** The form every tool of this kind uses, {@code FILE:LINE: message}. */
    @Override
    public String toString() {
        return line > 0 ? source + ":" + line + ": " + message : source + ": " + message;
    }
}
