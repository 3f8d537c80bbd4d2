package io.slabtrace.cli.command;

import io.slabtrace.cli.error.ExitCodes;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * Shell completion from picocli's own generator: every command, option and enumerated value. The script is
 * bash's; zsh runs it through bashcompinit, which the script loads itself when zsh sources it.
 */
@Command(mixinStandardHelpOptions = true, name = "completion",
        description = {"Prints a completion script for bash or zsh.",
                "",
                "bash: source <(slabtrace completion bash), or save it as /etc/bash_completion.d/slabtrace.",
                "zsh:  source <(slabtrace completion zsh) in ~/.zshrc."})
public final class CompletionCommand implements Callable<Integer> {

    enum Shell { bash, zsh }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SHELL", description = "${COMPLETION-CANDIDATES}")
    Shell shell;

    @Override
    public Integer call() {
        String script = AutoComplete.bash("slabtrace", spec.root().commandLine());
        spec.commandLine().getOut().print(script);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
