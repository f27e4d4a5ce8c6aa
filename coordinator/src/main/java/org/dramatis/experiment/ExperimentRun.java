package org.dramatis.experiment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The outcomes of an experiment: its grid, per sensitivity value the outcomes of that group, and
 * per ablation the outcomes of the ablation's group as that ablation runs it.
 */
public record ExperimentRun(Experiment experiment, List<Sweep.Outcome> grid, List<List<Sweep.Outcome>> sensitivity,
                            List<List<Sweep.Outcome>> ablations) {

    /** Runs every point of the grid and of the sensitivity and ablation studies (each once), resuming from {@code dir}. */
    public static ExperimentRun run(Experiment e, Path dir, int jobs, Function<Point, ObjectNode> runner,
                                    Consumer<String> progress) {
        List<Point> all = new ArrayList<>(e.points());
        List<List<Point>> sens = e.sensitivityPoints();
        sens.forEach(all::addAll);
        List<List<Point>> abl = e.ablationPoints();
        abl.forEach(all::addAll);
        Map<String, Sweep.Outcome> done = Sweep.run(all, dir, jobs, runner, progress);
        List<Sweep.Outcome> grid = e.points().stream().map(p -> done.get(p.id())).toList();
        return new ExperimentRun(e, grid, outcomes(sens, done), outcomes(abl, done));
    }

    /** The ablation group's outcomes as the grid ran them: the machine as built. */
    public List<Sweep.Outcome> ablationGroupAsBuilt() {
        return experiment.ablationGroup().stream().map(p -> grid.get(experiment.points().indexOf(p))).toList();
    }

    private static List<List<Sweep.Outcome>> outcomes(List<List<Point>> studies, Map<String, Sweep.Outcome> done) {
        return studies.stream().map(ps -> ps.stream().map(p -> done.get(p.id())).toList()).toList();
    }

    public static ExperimentRun run(Experiment e, Path dir, int jobs, Consumer<String> progress) {
        return run(e, dir, jobs, PointRunner::run, progress);
    }
}
