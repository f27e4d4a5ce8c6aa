package org.dramatis.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dramatis.experiment.Experiment;
import org.dramatis.experiment.ExperimentRun;
import org.dramatis.experiment.Sweep;
import org.dramatis.report.SweepReport;
import org.dramatis.topology.Topology;
import org.dramatis.topology.TopologyLoader;

/**
 * The entry point for scripts ({@code dramatis script FILE.jsh}, where {@code org.dramatis.api.*}
 * is imported): load or build topologies, run models on them, run experiment files, plot.
 */
public final class Dramatis {

    private Dramatis() {}

    /** A shipped topology by name, or a topology file, with optional {@code path=value} overrides. */
    public static Topology load(String nameOrPath, String... sets) {
        return TopologyLoader.load(nameOrPath, List.of(sets));
    }

    /** A new topology built in code. */
    public static TopologyBuilder topology(String name) {
        return new TopologyBuilder(name);
    }

    /** Sets up a run on a topology. */
    public static Run on(Topology t) {
        return new Run(t);
    }

    /** Sets up a run on a shipped topology or topology file. */
    public static Run on(String nameOrPath) {
        return new Run(load(nameOrPath));
    }

    /** Runs a model on a topology with its default mapping. */
    public static Result run(Topology t, String model, long prompt, long generate) {
        return on(t).model(model).prompt(prompt).generate(generate).run();
    }

    public static Result run(String topology, String model, long prompt, long generate) {
        return run(load(topology), model, prompt, generate);
    }

    /** Runs an experiment file (resuming from {@code out}) and writes its report there; returns the grid's results. */
    public static List<Result> sweep(String experiment, String out, boolean quick) {
        Experiment e = Experiment.load(experiment, quick);
        ExperimentRun r = ExperimentRun.run(e, Path.of(out), 1, s -> {});
        new SweepReport(r).write(Path.of(out));
        List<Result> results = new ArrayList<>();
        for (Sweep.Outcome o : r.grid()) results.add(new Result(o.point(), o.simulated(), o.ok() ? null : o.error()));
        return results;
    }

    /** A line plot; add series, then {@code save("name")} writes name.png and name.svg. */
    public static Plot plot(String title, String xTitle, String yTitle) {
        return new Plot(title, xTitle, yTitle);
    }
}
