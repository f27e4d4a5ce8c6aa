package org.dramatis.components.logic;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dramatis.components.noc.NocAddress;
import org.dramatis.components.ops.Compute;

/**
 * A compiled program for a logic-die {@link Controller}: a DAG of tasks in topological order
 * (every dependency names an earlier task, which also makes cycles impossible). Immutable; the
 * mapping compiler builds it.
 */
public record Program(List<Task> tasks) {

    /**
     * One task: send {@code op} on the controller's output port {@code target} once every task in
     * {@code deps} is done. When {@code dst} is not null the target port leads into a mesh NoC and
     * the op travels in a {@link org.dramatis.components.noc.Routed} header to that router.
     */
    public record Task(String target, Compute op, List<Integer> deps, NocAddress dst) {
        public Task {
            if (target == null || target.isEmpty()) throw new IllegalArgumentException("task of op " + (op == null ? "?" : op.opId()) + " has no target port");
            if (op == null) throw new IllegalArgumentException("task on '" + target + "' has no op");
            deps = List.copyOf(deps);
        }

        /** A task sent directly on {@code target}. */
        public static Task direct(String target, Compute op, Integer... deps) {
            return new Task(target, op, List.of(deps), null);
        }
    }

    public static final Program EMPTY = new Program(List.of());

    public Program {
        tasks = List.copyOf(tasks);
        Set<Long> ids = new HashSet<>();
        for (int i = 0; i < tasks.size(); i++) {
            Task t = tasks.get(i);
            if (!ids.add(t.op().opId())) throw new IllegalArgumentException("task " + i + ": op id " + t.op().opId() + " is used twice");
            for (int d : t.deps()) {
                if (d < 0 || d >= i) {
                    throw new IllegalArgumentException("task " + i + ": dependency " + d + " must name an earlier task");
                }
            }
        }
    }

    public int size() {
        return tasks.size();
    }
}
