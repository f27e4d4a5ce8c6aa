package org.dramatis.components.logic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.dramatis.components.ops.Compute;
import org.dramatis.components.ops.Driver;
import org.dramatis.components.ops.OpClass;
import org.dramatis.engine.Component;
import org.dramatis.engine.Context;
import org.dramatis.engine.Graph;
import org.dramatis.engine.RunOptions;
import org.dramatis.engine.Simulation;
import org.dramatis.engine.Stats;
import org.junit.jupiter.api.Test;

class ControllerTest {

    // on a default vector unit (16 lanes, 2 GHz): residual add of 16000 = 1000 cycles = 500 ns;
    // softmax of 6400 = 32000 ops = 2000 cycles = 1000 ns
    static Compute add(long id) {
        return new Compute(id, OpClass.RESIDUAL_ADD, 1, 16_000, 0, 0, 0, 0, null);
    }

    static Compute softmax(long id) {
        return new Compute(id, OpClass.SOFTMAX, 1, 6_400, 0, 0, 0, 0, null);
    }

    static Graph twoUnits(Controller ctl) {
        Graph g = new Graph();
        g.add("ctl", ctl);
        g.add("a", new VectorUnit(VectorUnit.Params.defaults()));
        g.add("b", new VectorUnit(VectorUnit.Params.defaults()));
        g.connectBoth("la", "ctl", "a", "a", "ctl", Driver.NS);
        g.connectBoth("lb", "ctl", "b", "b", "ctl", Driver.NS);
        return g;
    }

    @Test
    void respectsDependenciesAndOverlapsIndependentTasks() {
        Program prog = new Program(List.of(
                Program.Task.direct("a", add(10)),          // t0
                Program.Task.direct("b", softmax(11)),      // t1
                Program.Task.direct("a", add(12), 0, 1),    // t2 after t0 and t1
                Program.Task.direct("b", add(13), 0)));     // t3 after t0
        Controller ctl = new Controller(Controller.Params.of(prog));
        Simulation.run(twoUnits(ctl), RunOptions.defaults());
        // t0 issues at 0, t1 one issue interval (1 ns) later, and they run at once on a and b:
        // t0 done at 1 + 500 + 1 = 502 ns, t1 at 1 + 1 + 1000 + 1 = 1003 ns (run one after the
        // other, t1 would end at >= 1502 ns)
        // t3 issues at 502 ns, reaches b at 503 ns, waits for t1 until 1002 ns, done 1502 + 1 ns
        // t2 issues when t1 is done (1003 ns), a is idle: 1004 .. 1504 ns, back at 1505 ns
        assertArrayEquals(new long[] {0, 1_000, 1_003_000, 502_000}, ctl.issuedAt());
        assertArrayEquals(new long[] {502_000, 1_003_000, 1_505_000, 1_503_000}, ctl.doneAt());
        assertEquals(1_505_000, ctl.finishPs());
    }

    @Test
    void aControllerSaturatesAtItsIssueRate() {
        // 100 independent tasks of 16 elements (one 0.5 ns cycle each) over two units: the units
        // are idle most of the time, so the controller's one issue per 1 ns sets the pace
        List<Program.Task> tasks = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            tasks.add(Program.Task.direct(i % 2 == 0 ? "a" : "b", new Compute(i + 1, OpClass.RESIDUAL_ADD, 1, 16, 0, 0,
                    64, 32, null)));
        }
        Controller ctl = new Controller(new Controller.Params(Controller.Params.DEFAULT_SRAM_BYTES, 1_000, 70, 12.5, 0,
                true, new Program(tasks)));
        var result = Simulation.run(twoUnits(ctl), RunOptions.defaults());
        for (int i = 0; i < 100; i++) assertEquals(i * 1_000L, ctl.issuedAt()[i]);
        // the last leaves at 99 ns: 1 ns on the link, 0.5 ns of work, 1 ns back
        assertEquals(99_000 + 1_000 + 500 + 1_000, ctl.finishPs());
        var stats = result.reports().stream().filter(r -> r.name().equals("ctl")).findFirst().orElseThrow().stats();
        assertEquals(100 * 70.0, stats.energyPj().get("instruction"), 1e-9);
        assertEquals(100 * (64 + 32) * 12.5, stats.energyPj().get("buffer"), 1e-9);
        assertEquals(100 * 1_000L, stats.busyPs());
    }

    @Test
    void readyTasksIssueLowestIndexFirst() {
        Program prog = new Program(List.of(
                Program.Task.direct("a", add(1)),
                Program.Task.direct("a", softmax(2)),
                Program.Task.direct("a", add(3))));
        Controller ctl = new Controller(Controller.Params.of(prog));
        Simulation.run(twoUnits(ctl), RunOptions.defaults());
        // they leave 1 ns apart, reach a in index order and are served FIFO: 500, 1000, 500 ns
        assertArrayEquals(new long[] {502_000, 1_502_000, 2_002_000}, ctl.doneAt());
    }

    @Test
    void aProgramMayArriveAsAMessage() {
        Program prog = new Program(List.of(Program.Task.direct("a", add(1))));
        Controller ctl = new Controller(Controller.Params.of(Program.EMPTY));
        Graph g = twoUnits(ctl);
        g.add("host", new Component() {
            @Override
            public String kind() {
                return "host";
            }

            @Override
            public void start(Context ctx) {
                ctx.send(ctx.outPort("ctl"), prog, 0);
            }

            @Override
            public void receive(Context ctx, int inPort, Object payload) {}

            @Override
            public void report(Stats stats) {}
        });
        g.connect("h", "host", "ctl", "ctl", "host", Driver.NS);
        Simulation.run(g, RunOptions.defaults());
        // program lands at 1 ns; the add is issued then: 1 + 1 + 500 + 1 ns
        assertArrayEquals(new long[] {1_000}, ctl.issuedAt());
        assertEquals(503_000, ctl.finishPs());
    }

    @Test
    void badProgramsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Program(List.of(Program.Task.direct("a", add(1), 0))));
        assertThrows(IllegalArgumentException.class,
                () -> new Program(List.of(Program.Task.direct("a", add(1)), Program.Task.direct("a", add(1)))));
        Compute big = new Compute(1, OpClass.RESIDUAL_ADD, 1, 16, 0, 0, 3L << 20, 0, null);
        Controller ctl = new Controller(Controller.Params.of(new Program(List.of(Program.Task.direct("a", big)))));
        assertThrows(IllegalArgumentException.class, () -> Simulation.run(twoUnits(ctl), RunOptions.defaults()));
        Controller unwired = new Controller(Controller.Params.of(new Program(List.of(Program.Task.direct("nowhere", add(1))))));
        assertThrows(IllegalArgumentException.class, () -> Simulation.run(twoUnits(unwired), RunOptions.defaults()));
    }
}
