package io.slabtrace.parser;

/** Trimming a line held as a byte range, and shortening one quoted in a warning; every reader's lines need both. */
public final class LineBytes {
    /**
     * The longest line any reader keeps: 1 MiB, far past anything the kernel prints (a sysfs attribute is at most a
     * page; a slabinfo row or a log line a few hundred bytes). A longer line is skipped with a warning, whatever the
     * compression, so one line cannot take the heap.
     */
    public static final int MAX_LINE = 1 << 20;

    private LineBytes() {
    }

    /** The warning for a line past {@link #MAX_LINE}. */
    public static String overlong(long bytes) {
        return "line of " + bytes + " bytes is longer than the " + (MAX_LINE >> 20) + " MiB limit; skipped";
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

    /**
     * A line as quoted in a warning: at most 80 characters, so one damaged line cannot flood the terminal, and control
     * characters (a stray CR, ESC) shown as '?', so a hostile file cannot rewrite the terminal or split the warning.
     */
    public static String abbreviate(String s) {
        String cut = s.length() <= 80 ? s : s.substring(0, 77) + "...";
        StringBuilder b = null;
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            if ((c < ' ' && c != '\t') || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029) {
                if (b == null) b = new StringBuilder(cut);
                b.setCharAt(i, '?');
            }
        }
        return b == null ? cut : b.toString();
    }
}
