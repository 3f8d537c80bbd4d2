package io.slabtrace.cli.options;

import io.slabtrace.parser.Problems;

import java.io.PrintWriter;

/** An input's problems, said on standard error as slabtrace's warnings, one line each. */
public final class Warnings {
    static final String PREFIX = "slabtrace: warning: ";

    private Warnings() {
    }

    public static Problems to(PrintWriter err) {
        return new Problems(p -> err.println(PREFIX + p));
    }
}
