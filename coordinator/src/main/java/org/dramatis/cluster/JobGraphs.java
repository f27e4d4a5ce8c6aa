package org.dramatis.cluster;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.dramatis.engine.Graph;
import org.dramatis.experiment.PointRunner;
import org.dramatis.mapping.Machine;
import org.dramatis.mapping.MappingPolicies;
import org.dramatis.proto.Job;
import org.dramatis.proto.WorkloadStep;
import org.dramatis.run.LlmRun;
import org.dramatis.topology.Topology;
import org.dramatis.topology.TopologyLoader;
import org.dramatis.workload.ModelConfig;
import org.dramatis.workload.ModelLoader;
import org.dramatis.workload.OperatorGraph;
import org.dramatis.workload.OperatorGraphs;
import org.dramatis.workload.Precision;
import org.dramatis.workload.WorkloadOptions;

/**
 * Builds a job's component graph; a node and the coordinator build the same graph (same ids)
 * from the same job. An LLM step ({@code workload}) is compiled from the same model, options and
 * step wherever the controller runs, so its program is the same everywhere; a partition without
 * the controller leaves it uncompiled (the program is most of a long-context step's memory).
 */
public final class JobGraphs {

    private JobGraphs() {}

    /** The whole graph, the controller's program compiled. */
    public static Graph build(Job job) {
        return build(job, -1);
    }

    /** The graph as partition {@code partition} needs it (-1: every partition). */
    public static Graph build(Job job, int partition) {
        Topology t = TopologyLoader.parse(job.getTopologyOrigin(), job.getTopologyText(), job.getOverridesList());
        if (job.getWorkload().isEmpty()) return t.toGraph();
        Machine machine = Machine.of(t);
        if (partition >= 0) {
            Graph bare = t.toGraph();
            if (job.getOwner(bare.id(machine.controller().path())) != partition) return bare;
        }
        WorkloadStep step;
        try {
            step = WorkloadStep.parseFrom(job.getWorkload());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("job " + job.getId() + ": unreadable workload step", e);
        }
        ModelConfig model;
        try {
            model = ModelLoader.parse(step.getModelName(), step.getModelName(),
                    new ByteArrayInputStream(step.getModelJson().getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        WorkloadOptions options = WorkloadOptions.defaults()
                .withWeights(Precision.valueOf(step.getWeights().toUpperCase()))
                .withKvCache(Precision.valueOf(step.getKvCache().toUpperCase()))
                .withSparse(PointRunner.attention(step.getAttention()).withTokenBudget(step.getTokenBudget()));
        OperatorGraph g = step.getPrefill()
                ? OperatorGraphs.prefill(model, options, step.getBatch(), step.getTokens())
                : OperatorGraphs.decode(model, options, step.getBatch(), step.getTokens());
        return LlmRun.graph(t, machine, g, MappingPolicies.get(step.getMapping()));
    }

    /** The workload step of an LLM run, for {@link Job#getWorkload()}. */
    public static WorkloadStep step(OperatorGraph g, String modelJson, String mapping) {
        WorkloadOptions o = g.options();
        return WorkloadStep.newBuilder()
                .setModelName(g.model().name())
                .setModelJson(modelJson)
                .setMapping(mapping)
                .setPrefill(g.phase() == org.dramatis.workload.Phase.PREFILL)
                .setTokens(g.phase() == org.dramatis.workload.Phase.PREFILL ? g.tokens() : g.context())
                .setBatch(g.batch())
                .setWeights(o.weights().name().toLowerCase())
                .setKvCache(o.kvCache().name().toLowerCase())
                .setAttention(o.sparse().policy().name().toLowerCase())
                .setTokenBudget(o.sparse().tokenBudget())
                .build();
    }
}
