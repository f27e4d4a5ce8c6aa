package org.dramatis.experiment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/** The outcomes of an experiment: its grid, and per sensitivity value the outcomes of that group. */
public record ExperimentRun(Experiment experiment, List<Sweep.Outcome> grid, List<List<Sweep.Outcome>> sensitivity) {

    /** Runs every point of the grid and of the sensitivity study (each once), resuming from {@code dir}. */
    public static ExperimentRun run(Experiment e, Path dir, int jobs, Function<Point, ObjectNode> runner,
                                    Consumer<String> progress) {
        List<Point> all = new ArrayList<>(e.points());
        List<List<Point>> sens = e.sensitivityPoints();
        sens.forEach(all::addAll);
        Map<String, Sweep.Outcome> done = Sweep.run(all, dir, jobs, runner, progress);
        List<Sweep.Outcome> grid = e.points().stream().map(p -> done.get(p.id())).toList();
        List<List<Sweep.Outcome>> s = sens.stream().map(ps -> ps.stream().map(p -> done.get(p.id())).toList()).toList();
        return new ExperimentRun(e, grid, s);
    }

    public static ExperimentRun run(Experiment e, Path dir, int jobs, Consumer<String> progress) {
        return run(e, dir, jobs, PointRunner::run, progress);
    }
}
