package io.slabtrace.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** Runs the CLI in-process, through the same factory as the jar, and keeps what it printed. */
record Run(int status, String out, String err) {

    static Run of(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int status = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(status, out.toString(), err.toString());
    }

    static String sample(String name) {
        return Path.of(System.getProperty("slabtrace.samples", "../samples"), name).toString();
    }
}
