package io.slabtrace.cli;

import io.slabtrace.cli.command.VersionProvider;
import io.slabtrace.cli.error.ExitCodes;
import io.slabtrace.cli.error.UserError;
import io.slabtrace.cli.options.Bound;
import io.slabtrace.cli.options.CommandModel;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;

/** The root command; {@link Cli} adds the subcommands. Declared in code ({@link Bound}): every run builds it. */
final class SlabtraceCommand implements Runnable {

    private CommandSpec spec;

    private final Bound<Boolean> debug = new Bound<>(false); // read from the parse result by Cli

    /** The command line's model of the root, bound to this object. */
    CommandSpec spec() {
        spec = CommandModel.of(this, "slabtrace");
        spec.usageMessage()
                .description("Makes the Linux kernel's slab allocator understandable: what each cache holds, wastes and why.")
                .footer("", "Run 'slabtrace COMMAND --help' for one command's options.");
        spec.addOption(debug.option(Boolean.class, "--debug").arity("0").scopeType(ScopeType.INHERIT)
                .description("Print stack traces of errors.").build());
        Bound.helpOptions(spec, new VersionProvider());
        return spec;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new UserError("a command is needed (" + Cli.listed() + ")", ExitCodes.USAGE);
    }
}
