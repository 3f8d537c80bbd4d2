package io.slabtrace.cli.command;

import io.slabtrace.cli.error.ExitCodes;
import io.slabtrace.cli.options.Bound;
import io.slabtrace.cli.options.CommandModel;
import picocli.AutoComplete;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

/**
 * Shell completion from picocli's own generator: every command, option and enumerated value. The script is
 * bash's; zsh runs it through bashcompinit, which the script loads itself when zsh sources it.
 */
public final class CompletionCommand implements Callable<Integer> {

    enum Shell { bash, zsh }

    private CommandSpec spec;

    private final Bound<Shell> shell = new Bound<>(null);

    /** The command line's model of this command (declared in code: {@link Bound}); its options are listed sorted. */
    public CommandSpec spec() {
        spec = CommandModel.of(this, "completion");
        spec.usageMessage().description(
                "Prints a completion script for bash or zsh.",
                "",
                "bash: source <(slabtrace completion bash), or save it as /etc/bash_completion.d/slabtrace.",
                "zsh:  source <(slabtrace completion zsh) in ~/.zshrc.");
        spec.addPositional(shell.parameter("1", Shell.class).paramLabel("SHELL")
                .description("${COMPLETION-CANDIDATES}").build());
        Bound.helpOptions(spec, new VersionProvider());
        return spec;
    }

    @Override
    public Integer call() {
        String script = AutoComplete.bash("slabtrace", spec.root().commandLine());
        spec.commandLine().getOut().print(script);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
