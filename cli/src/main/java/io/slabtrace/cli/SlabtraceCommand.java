package io.slabtrace.cli;

import io.slabtrace.cli.command.VersionProvider;
import io.slabtrace.cli.error.ExitCodes;
import io.slabtrace.cli.error.UserError;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ScopeType;

/**
 * The root command; {@link Cli} adds the subcommands, each its own class. Its spec is built, not read from annotations:
 * every run makes the root, and picocli's reflection over an annotated class (its methods, and Object's) was a tenth
 * of a cold 'top'.
 */
public final class SlabtraceCommand implements Runnable {
    private CommandSpec spec;

    private SlabtraceCommand() {
    }

    static CommandSpec spec() {
        SlabtraceCommand root = new SlabtraceCommand();
        CommandSpec spec = CommandSpec.wrapWithoutInspection(root);
        root.spec = spec;
        spec.name("slabtrace").mixinStandardHelpOptions(true).versionProvider(new VersionProvider());
        spec.usageMessage()
                .description("Makes the Linux kernel's slab allocator understandable: what each cache holds, wastes and why.")
                .footer("", "Run 'slabtrace COMMAND --help' for one command's options.");
        spec.addOption(OptionSpec.builder("--debug").type(boolean.class).scopeType(ScopeType.INHERIT)
                .description("Print stack traces of errors.").build());
        return spec;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new UserError("a command is needed (top, diff, explain, layout, dmesg, simulate, replay, concepts)", ExitCodes.USAGE);
    }
}
