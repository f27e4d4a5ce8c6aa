package org.dramatis.cli;

import java.nio.file.Path;
import org.dramatis.experiment.Experiment;
import picocli.CommandLine.Option;

/** The options of {@code sweep} and {@code reproduce}: where the report goes, which grid, how many points at once. */
final class SweepOptions {

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: reports/NAME)")
    Path out;

    @Option(names = "--quick", description = "use the experiment's reduced 'quick' grid")
    boolean quick;

    @Option(names = "--jobs", paramLabel = "N", description = "points run in parallel, each on its own thread (default: ${DEFAULT-VALUE})")
    int jobs = 1;

    @Option(names = "--progress", paramLabel = "MODE",
            description = "auto (a bar on a terminal, else a line every few seconds), bar, plain or none (default: ${DEFAULT-VALUE})")
    Progress.Mode progress = Progress.Mode.auto;

    /** Runs the experiment {@link Experiment#load} finds under {@code ref} with these options. */
    int sweep(String ref) {
        return SweepCommand.sweep(Experiment.load(ref, quick), out, jobs, progress);
    }
}
