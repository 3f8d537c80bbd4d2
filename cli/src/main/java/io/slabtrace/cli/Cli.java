package io.slabtrace.cli;

import io.slabtrace.cli.command.CollectCommand;
import io.slabtrace.cli.command.CompletionCommand;
import io.slabtrace.cli.command.ConceptsCommand;
import io.slabtrace.cli.command.DiffCommand;
import io.slabtrace.cli.command.DmesgCommand;
import io.slabtrace.cli.command.ExplainCommand;
import io.slabtrace.cli.command.LayoutCommand;
import io.slabtrace.cli.command.ReplayCommand;
import io.slabtrace.cli.command.ReportCommand;
import io.slabtrace.cli.command.SimulateCommand;
import io.slabtrace.cli.command.TopCommand;
import io.slabtrace.cli.error.ExitCodes;
import io.slabtrace.cli.error.UserError;
import io.slabtrace.cli.options.CommandModel;
import io.slabtrace.cli.options.EarlyRead;
import io.slabtrace.parser.InputException;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.util.List;

/** The one place that wires a {@link CommandLine}: exit codes, error handling, writers. Tests use it too. */
public final class Cli {
                
    private Cli() {
    }

    /**
     * The subcommands in the order the help lists them. Each declares its model in code
     * ({@link io.slabtrace.cli.options.Bound}): picocli reading a command's annotations cost about 10 ms each before the
     * JIT warms up, 45 ms for the first. A run still builds only the one it names.
     */
    private static final List<String> COMMANDS = List.of("top", "diff", "report", "explain", "layout", "dmesg", "simulate", "replay",
            "collect", "concepts", "completion", "cds-train");
    static final String CONVERTER_EXCLUDES = "picocli.converters.excludes";

    /** The commands a user may name (not the launcher's hidden training run). */
    static String listed() {
        StringBuilder b = new StringBuilder();
        for (String c : COMMANDS) if (!c.equals("cds-train")) b.append(b.length() == 0 ? "" : ", ").append(c);
        return b.toString();
    }

    static {
        // picocli loads (and initialises) every java.time and java.sql type it has a converter for when a command line is
        // made: a fifth of a cold 'top' run. No option here takes one (--tz converts its ZoneId itself). It matches every
        // type name against each of these patterns, compiled anew each time: one short pattern. A user's own setting wins.
        if (System.getProperty(CONVERTER_EXCLUDES) == null) System.setProperty(CONVERTER_EXCLUDES, "java\\.[st].*");
    }

    /**
     * The model of the command {@code name}, bound to a new instance of it. {@code early}: the live host's slabinfo
     * being read for the command the run names, or null.
     */
    private static CommandSpec command(String name, EarlyRead early) {
        return switch (name) {
            case "top" -> new TopCommand(early).spec();
            case "diff" -> new DiffCommand().spec();
            case "report" -> new ReportCommand().spec();
            case "explain" -> new ExplainCommand().spec();
            case "layout" -> new LayoutCommand().spec();
            case "dmesg" -> new DmesgCommand().spec();
            case "simulate" -> new SimulateCommand().spec();
            case "replay" -> new ReplayCommand().spec();
            case "collect" -> new CollectCommand().spec();
            case "concepts" -> new ConceptsCommand().spec();
            case "completion" -> new CompletionCommand().spec();
            case "cds-train" -> new CdsTrainCommand().spec();
            default -> throw new IllegalArgumentException("no command " + name);
        };
    }

    /** Runs the command line {@code args} with standard output and error; returns the exit status. */
    public static int run(String... args) {
        // not flushed at every line (a write per line of a table): every command flushes when it is done or wants the
        // output seen, and this flushes whatever is left
        PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out), 1 << 16));
        try {
            return run(out, new PrintWriter(System.err, true), args);
        } finally {
            out.flush();
        }
    }

    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return commandLine(out, err, args).execute(args);
    }

    /** The command line for {@code args}: the root with the subcommand they name, or with all when they name none. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, String... args) {
        String named = null;
        for (String a : args) {
            if (!a.startsWith("-")) {
                named = a;
                break;
            }
        }
        // a top run most often looks at the live host: read it beside the building of the command line
        EarlyRead early = "top".equals(named) ? EarlyRead.start() : null;
        CommandLine cl = new CommandLine(new SlabtraceCommand().spec(), CommandModel.FACTORY);
        if (named != null && COMMANDS.contains(named) && !named.equals("completion")) { // completion describes them all
            cl.addSubcommand(named, command(named, early));
        } else {
            for (String name : COMMANDS) cl.addSubcommand(name, command(name, null));
        }
        exitStatusInHelp(cl);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExitCodeExceptionMapper(new Statuses());
        cl.setExecutionExceptionHandler(new Failures());
        cl.setParameterExceptionHandler(new BadValues(cl.getParameterExceptionHandler()));
        return cl;
    }

    // The handlers are classes, not lambdas: a lambda of one of picocli's interfaces (Java 5 bytecode) links them, and
    // picocli's CommandLine with them, while the launcher dumps its class-data archive, and a class linked then is left
    // out of it: CommandLine, half a megabyte, was parsed and verified again at every start.

    /** The exit status of an exception. */
    private static final class Statuses implements CommandLine.IExitCodeExceptionMapper {
        @Override
        public int getExitCode(Throwable e) {
            return e instanceof UserError u ? u.status() : e instanceof CommandLine.ParameterException ? ExitCodes.USAGE : ExitCodes.INTERNAL;
        }
    }

    /** An exception out of a command: {@link #handle}. */
    private static final class Failures implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
            return handle(e, cl, parsed);
        }
    }

    /** A bad option value in one line ({@link #badValue}); an unknown word or a missing parameter as picocli says it. */
    private static final class BadValues implements CommandLine.IParameterExceptionHandler {
        private final CommandLine.IParameterExceptionHandler picocli;

        BadValues(CommandLine.IParameterExceptionHandler picocli) {
            this.picocli = picocli;
        }

        @Override
        public int handleParseException(CommandLine.ParameterException e, String[] args) throws Exception {
            return e instanceof CommandLine.UnmatchedArgumentException || e instanceof CommandLine.MissingParameterException
                    ? picocli.handleParseException(e, args) : badValue(e);
        }
    }

    /**
     * A bad option value is said in one line with where to look, not followed by the whole usage (it buries the line);
     * an unknown word or a missing parameter keeps picocli's own handling, which shows what was meant.
     */
    private static int badValue(CommandLine.ParameterException e) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println(e.getMessage());
        err.println("try 'slabtrace " + (cl.getParent() == null ? "" : cl.getCommandName() + " ") + "--help'");
        err.flush();
        return ExitCodes.USAGE;
    }

    /** Every command's --help ends with the exit statuses, the same list as the README's. */
    private static void exitStatusInHelp(CommandLine cl) {
        cl.getCommandSpec().usageMessage().exitCodeListHeading("%nExit status:%n").exitCodeList(ExitCodes.described());
        cl.getSubcommands().values().forEach(Cli::exitStatusInHelp);
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
            return ExitCodes.INPUT;
        }
        err.println("slabtrace: internal error: " + e + (debug ? "" : " (run with --debug for the stack trace)"));
        if (debug) e.printStackTrace(err);
        return ExitCodes.INTERNAL;
    }

    private static boolean anyDebug(CommandLine.ParseResult p) {
        for (CommandLine.ParseResult r = p; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--debug")) return true;
        }
        return false;
    }
}
