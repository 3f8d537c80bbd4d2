package io.slabtrace.parser;

/** Trimming a line held as a byte range, and shortening one quoted in a warning; every reader's lines need both. */
public final class LineBytes {
    private LineBytes() {
    }

    /** The first byte at or after {@code from} that is not white space or a control byte (CR, tab). */
    public static int trimStart(byte[] b, int from, int to) {
        while (from < to && (b[from] & 0xff) <= ' ') from++;
        return from;
    }

    /** The end of the range without trailing white space (a CRLF capture's CR included). */
    public static int trimEnd(byte[] b, int from, int to) {
        while (to > from && (b[to - 1] & 0xff) <= ' ') to--;
        return to;
    }

    /** A line as quoted in a warning: at most 80 characters, so one damaged line cannot flood the terminal. */
    public static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
