package io.slabtrace.cli;

import io.slabtrace.cli.command.VersionProvider;
import io.slabtrace.cli.error.ExitCodes;
import io.slabtrace.cli.error.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The root command; {@link Cli} adds the subcommands, each its own class. */
@Command(name = "slabtrace",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Makes the Linux kernel's slab allocator understandable: what each cache holds, wastes and why.",
        footer = {"", "Run 'slabtrace COMMAND --help' for one command's options."})
public final class SlabtraceCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print stack traces of errors.")
    boolean debug;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new UserError("a command is needed (top, diff, explain, layout, dmesg, simulate, replay, concepts)", ExitCodes.USAGE);
    }
}
