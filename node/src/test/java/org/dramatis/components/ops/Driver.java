package org.dramatis.components.ops;

import java.util.ArrayList;
import java.util.List;
import org.dramatis.engine.Component;
import org.dramatis.engine.Context;
import org.dramatis.engine.Graph;
import org.dramatis.engine.LinkSpec;
import org.dramatis.engine.RunOptions;
import org.dramatis.engine.SimResult;
import org.dramatis.engine.Simulation;
import org.dramatis.engine.Stats;

/** Test driver: sends its ops at time 0 on port "u" (each with its inBytes) and records the Done answers. */
public final class Driver implements Component {
    /** An answer and the time it arrived. */
    public record Answer(Done done, long arrivedPs) {}

    /** 1 ns, no serialisation, no energy: the link adds exactly 1000 ps each way. */
    public static final LinkSpec NS = new LinkSpec(1_000, Double.POSITIVE_INFINITY, 0);

    private final List<Compute> ops;
    public final List<Answer> answers = new ArrayList<>();

    public Driver(List<Compute> ops) {
        this.ops = ops;
    }

    /** Runs the driver against {@code unit} over {@link #NS} both ways. */
    public static SimResult run(Driver d, Component unit) {
        Graph g = new Graph();
        g.add("driver", d);
        g.add("unit", unit);
        g.connectBoth("l", "driver", "u", "unit", "ctl", NS);
        return Simulation.run(g, RunOptions.defaults());
    }

    @Override
    public String kind() {
        return "driver";
    }

    @Override
    public void start(Context ctx) {
        int port = ctx.outPort("u");
        for (Compute op : ops) ctx.send(port, op, op.inBytes());
    }

    @Override
    public void receive(Context ctx, int inPort, Object payload) {
        answers.add(new Answer((Done) payload, ctx.now()));
    }

    @Override
    public void report(Stats stats) {}
}
