package org.dramatis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dramatis.engine.Graph;
import org.dramatis.engine.Partitioning;
import org.dramatis.engine.RunOptions;
import org.dramatis.engine.SimResult;
import org.dramatis.engine.Simulation;
import org.dramatis.mapping.MappingPolicies;
import org.dramatis.partition.LatencyPartitioner;
import org.dramatis.report.Outputs;
import org.dramatis.report.Timeline;
import org.dramatis.run.LlmRun;
import org.dramatis.topology.Topology;
import org.dramatis.workload.ModelLoader;
import org.dramatis.workload.Precision;
import org.dramatis.workload.SparseAttention;
import org.dramatis.workload.WorkloadOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Runs LLM inference on a topology, or (without --model) the topology's own components. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run LLM inference (prefill, then decode) on a topology in this JVM.",
            "Without --model, run the topology's own components (default: the shipped demo)."},
        footer = {"", "Examples:",
            "  dramatis run halo --model llama-2-7b --prompt 4096 --generate 128 --mapping halo --json out.json",
            "  dramatis run h2eal --model llama-3-8b --prompt 32768 --generate 64 --mapping h2eal --attention hybrid",
            "  dramatis run a100 --model opt-13b --prompt 256 --generate 768 --mapping gpu",
            "  dramatis run demo --partitions 2 --threads 2"})
public final class RunCommand implements Callable<Integer> {

    enum Attention { dense, streaming, quest, hybrid }

    @Parameters(paramLabel = "TOPOLOGY", arity = "0..1", defaultValue = "demo",
            description = "a topology file, or the name of a shipped one (default: ${DEFAULT-VALUE})")
    String topology;

    @Mixin
    TopologyOptions topologyOptions;

    @Option(names = "--model", paramLabel = "NAME|config.json", description = "model: a shipped name (llama-2-7b, qwen3-8b, opt-13b, ...) or a Hugging Face config.json")
    String model;

    @Option(names = "--prompt", paramLabel = "P", description = "prompt tokens per sequence (default: ${DEFAULT-VALUE})")
    long prompt = 1024;

    @Option(names = "--generate", paramLabel = "G", description = "tokens generated per sequence (default: ${DEFAULT-VALUE})")
    long generate = 128;

    @Option(names = "--batch", paramLabel = "B", description = "sequences (default: ${DEFAULT-VALUE})")
    int batch = 1;

    @Option(names = "--mapping", paramLabel = "NAME", description = "mapping policy: halo, cid-only, cim-only, attacc, gpu, hb-head-parallel, h2eal, hpim, hpim-serial (default: the topology's)")
    String mapping;

    @Option(names = "--attention", description = "dense, streaming, quest or hybrid (default: ${DEFAULT-VALUE})")
    Attention attention = Attention.dense;

    @Option(names = "--token-budget", paramLabel = "T", description = "retrieval heads: tokens attended per step (default: ${DEFAULT-VALUE})")
    int tokenBudget = SparseAttention.DEFAULT_BUDGET;

    @Option(names = "--weights", description = "weight precision: fp16, int8, int4 (default: ${DEFAULT-VALUE})")
    Precision weights = Precision.FP16;

    @Option(names = "--kv", description = "KV-cache precision: fp16, int8, int4 (default: ${DEFAULT-VALUE})")
    Precision kv = Precision.FP16;

    @Option(names = "--decode-samples", paramLabel = "N", description = "decode steps simulated, the rest interpolated linearly in context (default: ${DEFAULT-VALUE}; >= G simulates all)")
    int decodeSamples = 3;

    @Option(names = "--threads", description = "dispatcher threads (default: ${DEFAULT-VALUE})")
    int threads = 1;

    @Option(names = "--partitions", description = "partitions, cut on the slowest links (default: ${DEFAULT-VALUE})")
    int partitions = 1;

    @Option(names = "--until-ps", paramLabel = "PS", description = "without --model: stop at this simulated time")
    Long untilPs;

    @Option(names = "--per-component", negatable = true, defaultValue = "true",
            description = "without --model: list every component and link in the result (default: ${DEFAULT-VALUE})")
    boolean perComponent;

    @Option(names = "--json", paramLabel = "OUT", description = "write the result as JSON")
    Path json;

    @Option(names = "--timeline", paramLabel = "OUT", description = "with --model: write a Chrome/Perfetto trace-event timeline (one track per unit, sampled)")
    Path timeline;

    @Override
    public Integer call() {
        if (threads < 1) throw new UserError("--threads must be >= 1, got " + threads);
        if (partitions < 1) throw new UserError("--partitions must be >= 1, got " + partitions);
        Topology t = topologyOptions.load(topology);
        ObjectNode root = model == null ? runComponents(t) : runModel(t);
        if (json != null) Outputs.writeJson(json, root);
        return 0;
    }

    private ObjectNode runModel(Topology t) {
        if (prompt < 1) throw new UserError("--prompt must be >= 1, got " + prompt);
        if (generate < 0) throw new UserError("--generate must be >= 0, got " + generate);
        if (batch < 1) throw new UserError("--batch must be >= 1, got " + batch);
        if (decodeSamples < 2) throw new UserError("--decode-samples must be >= 2, got " + decodeSamples);
        if (tokenBudget < 1) throw new UserError("--token-budget must be >= 1, got " + tokenBudget);
        String m = mapping != null ? mapping : t.defaultMapping();
        if (m == null) throw new UserError(t.file() + ": the topology names no default mapping; give --mapping");
        SparseAttention sparse = switch (attention) {
            case dense -> SparseAttention.dense();
            case streaming -> SparseAttention.streaming();
            case quest -> SparseAttention.quest();
            case hybrid -> SparseAttention.hybrid();
        };
        sparse = new SparseAttention(sparse.policy(), sparse.sinkTokens(), sparse.recentTokens(), tokenBudget,
                sparse.denseLayers(), sparse.retrievalShare());
        WorkloadOptions options = WorkloadOptions.defaults().withWeights(weights).withKvCache(kv).withSparse(sparse);
        LlmRun.Request req = new LlmRun.Request(t, ModelLoader.load(model), options, batch, prompt, generate,
                MappingPolicies.get(m), decodeSamples, threads, partitions);
        Timeline tl = timeline == null ? null : new Timeline();
        ObjectNode root = LlmRun.run(req, Progress.forStderr(), tl == null ? null : tl::add);
        if (tl != null) tl.write(timeline);
        JsonNode s = root.get("simulated");
        System.out.printf("%s on %s, mapping %s, %s attention: prompt %d, generate %d, batch %d%n",
                s.get("model").asText(), s.get("topology").asText(), s.get("mapping").asText(),
                s.get("attention").asText(), prompt, generate, batch);
        System.out.printf("TTFT %.3f ms; TPOT %.3f ms (first %.3f, last %.3f); energy %.3f mJ (%.4f mJ per token)%n",
                s.get("ttft_ms").asDouble(), s.get("tpot_ms").asDouble(), s.get("tpot_first_ms").asDouble(),
                s.get("tpot_last_ms").asDouble(), s.get("energy_mj").asDouble(), s.get("energy_per_token_mj").asDouble());
        System.out.printf("host: %.2f s wall, %d events, %d steps simulated%n", root.get("host").get("wall_time_s").asDouble(),
                root.get("host").get("events").asLong(), root.get("host").get("steps_simulated").asLong());
        return root;
    }

    private ObjectNode runComponents(Topology t) {
        if (untilPs != null && untilPs <= 0) throw new UserError("--until-ps must be > 0, got " + untilPs);
        Graph g = t.toGraph();
        Partitioning cut = LatencyPartitioner.partition(g, partitions);
        RunOptions options = RunOptions.defaults().withThreads(threads).perComponent(perComponent)
                .until(untilPs == null ? Long.MAX_VALUE : untilPs);
        SimResult r = Simulation.run(g, cut, options);
        System.out.printf("%s: %,d events, simulated %.3f us, energy %.3f uJ%n", t.name(), r.host().events(),
                r.simulated().get("end_time_ps").asLong() / 1e6, r.simulated().get("energy_pj").asDouble() / 1e6);
        System.out.printf("host: %.3f s wall, %.2f M events/s, %d threads, %d partitions, %d windows, lookahead %s%n",
                r.host().wallSeconds(), r.host().eventsPerSecond() / 1e6, threads, r.host().partitions(),
                r.host().windows(), r.host().lookaheadPs() == Long.MAX_VALUE ? "unbounded" : r.host().lookaheadPs() + " ps");
        ObjectNode root = Outputs.JSON.createObjectNode();
        root.set("simulated", r.simulated());
        root.set("host", r.hostJson());
        return root;
    }
}
