package org.dramatis.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dramatis.common.Outputs;
import org.dramatis.common.UserError;
import org.dramatis.experiment.Experiment;
import org.dramatis.experiment.ExperimentRun;
import org.dramatis.report.SweepReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Runs every point of an experiment file and writes the report. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Run every point of an experiment file and write its results and report.",
            "Per-point JSON, results.csv, report.md and plots (docs/experiments.md). A rerun skips the points",
            "already finished with the same inputs."},
        footer = {"", "Examples:",
            "  dramatis sweep topologies/experiments/example.yaml --quick",
            "  dramatis sweep my-study.yaml --out reports/my-study --jobs 2"})
public final class SweepCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "an experiment file")
    String file;

    @Mixin
    SweepOptions options;

    @Override
    public Integer call() {
        return options.sweep(file);
    }

    /**
     * Heap one LLM run may take: the largest shipped machines (halo, h2eal) at 32K-128K prompts peak
     * at about 0.4-0.5 GB (BENCHMARKS.md); twice that leaves room for the collector.
     */
    static final long HEAP_PER_RUN = 1L << 30;

    /** How many runs the JVM's heap holds at once (at least one). */
    static int memoryAllows() {
        return (int) Math.max(1, Runtime.getRuntime().maxMemory() / HEAP_PER_RUN);
    }

    /** Runs the experiment into {@code out} (default reports/NAME) and prints the summary table. */
    static int sweep(Experiment e, Path out, int jobs, Progress.Mode progressMode) {
        if (jobs < 1) throw new UserError("--jobs must be >= 1, got " + jobs);
        int fit = memoryAllows();
        if (jobs > fit) {
            System.err.printf("dramatis: running %d points at a time, not %d: the heap (%d MB) holds about %d runs%n",
                    fit, jobs, Runtime.getRuntime().maxMemory() >> 20, fit);
            jobs = fit;
        }
        Path dir = out != null ? out : Path.of("reports", e.name());
        Outputs.checkDirectory(dir, "--out");
        Progress progress = Progress.forStderr(progressMode);
        ExperimentRun r;
        try {
            r = ExperimentRun.run(e, dir, jobs, progress);
        } finally {
            progress.close();
        }
        SweepReport report = new SweepReport(r);
        report.write(dir);
        System.out.print(report.summaryTable());
        System.out.println("report: " + dir.resolve("report.md"));
        return 0;
    }
}
