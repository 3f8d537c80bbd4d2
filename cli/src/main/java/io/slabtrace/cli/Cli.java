package io.slabtrace.cli;

import io.slabtrace.parser.InputException;
import picocli.CommandLine;

import java.io.PrintWriter;

/** The one place that wires a {@link CommandLine}: exit codes, error handling, writers. Tests use it too. */
public final class Cli {
    public static final int EXIT_OK = 0;
    public static final int EXIT_INPUT = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_INTERNAL = 3;

    private Cli() {
    }

    public static CommandLine commandLine() {
        return commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new SlabtraceCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExitCodeExceptionMapper(e -> e instanceof UserError u ? u.status()
                : e instanceof CommandLine.ParameterException ? EXIT_USAGE : EXIT_INTERNAL);
        cl.setExecutionExceptionHandler(Cli::handle);
        return cl;
    }

    /** Users see one line; the stack trace only with --debug. */
    private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        boolean debug = parsed.hasMatchedOption("--debug") || (parsed.hasSubcommand() && anyDebug(parsed));
        if (e instanceof UserError u) {
            err.println("slabtrace: " + u.getMessage());
            if (debug) e.printStackTrace(err);
            return u.status();
        }
        if (e instanceof InputException) {
            err.println("slabtrace: " + e.getMessage());
            if (debug) e.printStackTrace(err);
            return EXIT_INPUT;
        }
        err.println("slabtrace: internal error: " + e + (debug ? "" : " (run with --debug for the stack trace)"));
        if (debug) e.printStackTrace(err);
        return EXIT_INTERNAL;
    }

    private static boolean anyDebug(CommandLine.ParseResult p) {
        for (CommandLine.ParseResult r = p; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--debug")) return true;
        }
        return false;
    }
}
