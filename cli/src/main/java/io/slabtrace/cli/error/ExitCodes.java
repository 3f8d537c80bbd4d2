package io.slabtrace.cli.error;

/** The exit statuses every command returns; the README and {@code --help} list the same. */
public final class ExitCodes {
    public static final int OK = 0;
    /** Bad or missing input, or a missing environment (not root, no tracefs). */
    public static final int INPUT = 1;
    /** A usage error: picocli's own code for it. */
    public static final int USAGE = 2;
    /** A bug in slabtrace: kept apart from the user's errors. */
    public static final int INTERNAL = 3;
    /** {@code dmesg --fail-on-findings} found something: for CI jobs that gate on kernel logs. */
    public static final int FINDINGS = 4;

    private ExitCodes() {
    }

    /** What {@code --help} prints under "Exit status", the README's list. */
    public static java.util.Map<String, String> described() {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put(OK + "", "success (warnings about skipped lines go to stderr)");
        m.put(INPUT + "", "an input could not be used, or --strict met a skipped line (nothing is written then)");
        m.put(USAGE + "", "a usage error: unknown option, bad value");
        m.put(INTERNAL + "", "an internal error (run with --debug and report it)");
        m.put(FINDINGS + "", "dmesg --fail-on-findings found something");
        return m;
    }
}
