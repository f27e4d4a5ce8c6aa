package org.dramatis.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dramatis.experiment.Experiment;
import org.dramatis.experiment.ExperimentRun;
import org.dramatis.report.SweepReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Runs every point of an experiment file and writes the report. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Run every point of an experiment file (docs/experiments.md) and write per-point JSON,",
            "results.csv, report.md and plots. A rerun skips the points already finished."},
        footer = {"", "Examples:",
            "  dramatis sweep topologies/experiments/example.yaml --quick",
            "  dramatis sweep my-study.yaml --out reports/my-study --jobs 2"})
public final class SweepCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "an experiment file")
    String file;

    @Option(names = "--out", paramLabel = "DIR", description = "output folder (default: reports/NAME)")
    Path out;

    @Option(names = "--quick", description = "use the experiment's reduced 'quick' grid")
    boolean quick;

    @Option(names = "--jobs", paramLabel = "N", description = "points run in parallel, each on its own thread (default: ${DEFAULT-VALUE})")
    int jobs = 1;

    @Override
    public Integer call() {
        return sweep(Experiment.load(file, quick), out, jobs);
    }

    /** Runs the experiment into {@code out} (default reports/NAME) and prints the summary table. */
    static int sweep(Experiment e, Path out, int jobs) {
        if (jobs < 1) throw new UserError("--jobs must be >= 1, got " + jobs);
        Path dir = out != null ? out : Path.of("reports", e.name());
        var progress = Progress.forStderr();
        ExperimentRun r = ExperimentRun.run(e, dir, jobs, progress);
        SweepReport report = new SweepReport(e, r.grid(), r.sensitivity());
        report.write(dir);
        if (System.console() != null) System.err.println();
        System.out.print(report.summaryTable());
        System.out.println("report: " + dir.resolve("report.md"));
        return 0;
    }
}
