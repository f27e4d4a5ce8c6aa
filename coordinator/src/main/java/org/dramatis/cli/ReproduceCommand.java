package org.dramatis.cli;

import java.util.concurrent.Callable;
import org.dramatis.common.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Runs one of the experiments that ship with Dramatis. */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = "Run a shipped experiment (topologies/experiments/NAME.yaml) and write its report to reports/NAME/.",
        footer = {"", "Examples:", "  dramatis reproduce example --quick", "  dramatis reproduce example --out /tmp/example"})
public final class ReproduceCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NAME", completionCandidates = Candidates.Experiments.class, description = "a shipped experiment")
    String name;

    @Mixin
    SweepOptions options;

    @Override
    public Integer call() {
        if (name.contains("/") || name.endsWith(".yaml")) {
            throw new UserError("reproduce takes the name of a shipped experiment, not a file; use 'dramatis sweep " + name + "'");
        }
        return options.sweep(name);
    }
}
