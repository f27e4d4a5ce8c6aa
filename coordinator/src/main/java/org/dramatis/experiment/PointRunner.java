package org.dramatis.experiment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.dramatis.common.UserError;
import org.dramatis.mapping.MappingPolicies;
import org.dramatis.run.LlmRun;
import org.dramatis.topology.Topology;
import org.dramatis.topology.TopologyLoader;
import org.dramatis.workload.ModelLoader;
import org.dramatis.workload.SparseAttention;
import org.dramatis.workload.WorkloadOptions;

/** Runs one point: loads its topology and model and hands an {@link LlmRun.Request} to the engine (one thread). */
public final class PointRunner {

    private PointRunner() {}

    public static ObjectNode run(Point p) {
        return run(TopologyLoader.load(p.topology(), p.sets()), p);
    }

    /** Runs the point on an already loaded topology (the point's topology and sets are then only labels). */
    public static ObjectNode run(Topology t, Point p) {
        WorkloadOptions options = WorkloadOptions.defaults().withSparse(attention(p.attention()));
        LlmRun.Request req = new LlmRun.Request(t, ModelLoader.load(p.model()), options, p.batch(), p.prompt(),
                p.generate(), MappingPolicies.get(p.mapping()), p.decodeSamples(), 1, 1, p.prefill())
                .withStaticPower(p.staticPower());
        return LlmRun.run(req, s -> {});
    }

    /** The sparse-attention policy of a name, with its default parameters. */
    public static SparseAttention attention(String name) {
        return switch (name) {
            case "dense" -> SparseAttention.dense();
            case "streaming" -> SparseAttention.streaming();
            case "quest" -> SparseAttention.quest();
            case "hybrid" -> SparseAttention.hybrid();
            default -> throw new UserError("unknown attention '" + name + "'; attention: "
                    + String.join(", ", Experiment.ATTENTION));
        };
    }
}
