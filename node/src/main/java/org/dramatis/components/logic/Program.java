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
     * One task: send {@code op} on output port {@code target} (through the NoC to {@code dst} when
     * that is set, in a {@link org.dramatis.components.noc.Routed} header) once every task in
     * {@code deps} is done. A task with no target and no op is a join: it completes as soon as its
     * dependencies do, so that many tasks can wait for many others without a dependency per pair.
     * {@code label} and {@code group} name the operator the task belongs to (for the per-operator
     * time breakdown); group -1 for none. {@code sharedInput}: the op's input is its operator's
     * whole input, the same for every task of the group, so tasks of one group issued together
     * into the same NoC travel as one {@link org.dramatis.components.noc.Multicast}.
     */
    public record Task(String target, Compute op, List<Integer> deps, NocAddress dst, String label, int group,
                       boolean sharedInput) {
        public Task {
            if ((target == null) != (op == null)) {
                throw new IllegalArgumentException("a task has both a target port and an op, or neither (a join)");
            }
            if (target != null && target.isEmpty()) throw new IllegalArgumentException("task of op " + op.opId() + " has an empty target port");
            deps = List.copyOf(deps);
        }

        /** A task whose input is its own. */
        public Task(String target, Compute op, List<Integer> deps, NocAddress dst, String label, int group) {
            this(target, op, deps, dst, label, group, false);
        }

        public static Task direct(String target, Compute op, Integer... deps) {
            return new Task(target, op, List.of(deps), null, null, -1);
        }

        public static Task join(List<Integer> deps, String label, int group) {
            return new Task(null, null, deps, null, label, group);
        }

        public boolean isJoin() {
            return op == null;
        }
    }

    public static final Program EMPTY = new Program(List.of());

    public Program {
        tasks = List.copyOf(tasks);
        Set<Long> ids = new HashSet<>();
        for (int i = 0; i < tasks.size(); i++) {
            Task t = tasks.get(i);
            if (t.op() != null && !ids.add(t.op().opId())) throw new IllegalArgumentException("task " + i + ": op id " + t.op().opId() + " is used twice");
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
