package org.dramatis.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dramatis.experiment.Experiment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Runs one of the experiments that ship with Dramatis. */
@Command(name = "reproduce", mixinStandardHelpOptions = true,
        description = "Run a shipped experiment (topologies/experiments/NAME.yaml) and write its report to reports/NAME/.",
        footer = {"", "Examples:", "  dramatis reproduce example --quick", "  dramatis reproduce example --out /tmp/example"})
public final class ReproduceCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NAME", description = "a shipped experiment")
    String name;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: reports/NAME)")
    Path out;

    @Option(names = "--quick", description = "use the experiment's reduced 'quick' grid")
    boolean quick;

    @Option(names = "--jobs", paramLabel = "N", description = "points run in parallel (default: ${DEFAULT-VALUE})")
    int jobs = 1;

    @Override
    public Integer call() {
        if (name.contains("/") || name.endsWith(".yaml")) {
            throw new UserError("reproduce takes the name of a shipped experiment, not a file; use 'dramatis sweep " + name + "'");
        }
        return SweepCommand.sweep(Experiment.load(name, quick), out != null ? out : Path.of("reports", name), jobs);
    }
}
