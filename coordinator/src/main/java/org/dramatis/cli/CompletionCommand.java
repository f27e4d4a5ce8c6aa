package org.dramatis.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** A shell completion script for every command and option, with the shipped names as candidates. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a shell completion script for bash or zsh.",
            "It completes commands, options and the shipped topologies, models, mappings and experiments.",
            "Load it in the current shell with: source <(dramatis completion bash)"},
        footer = {"", "Examples:", "  dramatis completion bash > ~/.local/share/bash-completion/completions/dramatis",
            "  dramatis completion zsh > ~/.dramatis-completion.zsh"})
public final class CompletionCommand implements Callable<Integer> {

    enum Shell { bash, zsh }

    @Parameters(paramLabel = "SHELL", description = "bash or zsh")
    Shell shell;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        // picocli's script serves both shells: under zsh it loads bashcompinit itself
        System.out.print(AutoComplete.bash("dramatis", spec.root().commandLine()));
        return 0;
    }
}
