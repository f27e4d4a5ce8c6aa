package org.dramatis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.dramatis.cluster.ClusterConfig;
import org.dramatis.cluster.ClusterSession;
import org.dramatis.cluster.JobGraphs;
import org.dramatis.cluster.LocalNodes;
import org.dramatis.common.Outputs;
import org.dramatis.common.UserError;
import org.dramatis.engine.Graph;
import org.dramatis.engine.LatencyPartitioner;
import org.dramatis.engine.Partitioning;
import org.dramatis.engine.RunOptions;
import org.dramatis.engine.SimResult;
import org.dramatis.engine.Simulation;
import org.dramatis.experiment.PointRunner;
import org.dramatis.mapping.MappingPolicies;
import org.dramatis.proto.Job;
import org.dramatis.report.OperatorCsv;
import org.dramatis.report.Timeline;
import org.dramatis.run.LlmRun;
import org.dramatis.topology.Topology;
import org.dramatis.topology.TopologyLoader;
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
        description = {"Run LLM inference (prefill, then decode) on a topology, in this JVM or on a cluster.",
            "With neither a topology nor --model, run the main job: " + RunCommand.MAIN_JOB + ".",
            "A topology without --model runs the topology's own components (e.g. the shipped demo)."},
        footer = {"", "Examples:",
            "  dramatis run                              (the main job)",
            "  dramatis run halo --model llama-2-7b --prompt 4096 --generate 128 --mapping halo --json out.json",
            "  dramatis run h2eal --model llama-3-8b --prompt 32768 --generate 64 --mapping h2eal --attention hybrid",
            "  dramatis run a100 --model opt-13b --prompt 256 --generate 768 --mapping gpu",
            "  dramatis run demo --partitions 2 --threads 2",
            "  dramatis run demo --nodes 3               (3 node JVMs on this machine)",
            "  dramatis run demo --cluster 10.0.0.5:2551 (a running cluster, see 'dramatis node')"})
public final class RunCommand implements Callable<Integer> {

    enum Attention { dense, streaming, quest, hybrid }

    /** What {@code dramatis run} alone runs: a short LLaMA-2-7B prompt and decode on the HALO-style machine. */
    static final String MAIN_TOPOLOGY = "halo";
    static final String MAIN_MODEL = "llama-2-7b";
    static final long MAIN_PROMPT = 128;
    static final long MAIN_GENERATE = 16;
    static final String MAIN_JOB = "run " + MAIN_TOPOLOGY + " --model " + MAIN_MODEL + " --prompt " + MAIN_PROMPT
            + " --generate " + MAIN_GENERATE;

    @Parameters(paramLabel = "TOPOLOGY", arity = "0..1", completionCandidates = Candidates.Topologies.class,
            description = "a topology file, or the name of a shipped one (default: " + MAIN_TOPOLOGY + " with --model)")
    String topology;

    @Mixin
    TopologyOptions topologyOptions;

    @Option(names = "--model", paramLabel = "NAME|config.json", completionCandidates = Candidates.Models.class, description = "model: a shipped name (llama-2-7b, qwen3-8b, opt-13b, ...) or a Hugging Face config.json")
    String model;

    @Option(names = "--prompt", paramLabel = "P", description = "prompt tokens per sequence (default: 1024; the main job " + MAIN_PROMPT + ")")
    Long prompt;

    @Option(names = "--generate", paramLabel = "G", description = "tokens generated per sequence (default: 128; the main job " + MAIN_GENERATE + ")")
    Long generate;

    @Option(names = "--batch", paramLabel = "B", description = "sequences (default: ${DEFAULT-VALUE})")
    int batch = 1;

    @Option(names = "--mapping", paramLabel = "NAME", completionCandidates = Candidates.Mappings.class, description = "mapping policy: halo, cid-only, cim-only, attacc, gpu, hb-head-parallel, h2eal, hpim, hpim-serial (default: the topology's); NAME,tp=N,pp=M splits the layers over the devices")
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

    @Option(names = "--static-power", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "charge leakage, standby and idle power for the run's time (default: ${DEFAULT-VALUE};"
                    + " --no-static-power leaves it out, an ablation)")
    boolean staticPower;

    @Option(names = "--decode-only", description = "simulate only the decode steps (ttft_ms is then 0; for studies of long contexts)")
    boolean decodeOnly;

    @Option(names = "--threads", description = "dispatcher threads (default: ${DEFAULT-VALUE})")
    int threads = 1;

    @Option(names = "--partitions", description = "partitions, cut on the slowest links (default: 1, on a cluster one per node)")
    Integer partitions;

    @Option(names = "--cluster", paramLabel = "HOST:PORT", description = "run on the running cluster that this member belongs to")
    String cluster;

    @Option(names = "--nodes", paramLabel = "N", description = "start N node JVMs on 127.0.0.1, run on them, stop them")
    Integer nodes;

    @Option(names = "--checkpoint-every", paramLabel = "K",
            description = "on a cluster, checkpoint every partition every K windows (with --model: in every simulated step); 0 for never (default: ${DEFAULT-VALUE})")
    int checkpointEvery = 1000;

    @Option(names = {"-v", "--verbose"}, description = "Pekko's cluster log on the console")
    boolean verbose;

    @Option(names = "--until-ps", paramLabel = "PS", description = "without --model: stop at this simulated time")
    Long untilPs;

    @Option(names = "--per-component", negatable = true, defaultValue = "true",
            description = "without --model: list every component and link in the result (default: ${DEFAULT-VALUE})")
    boolean perComponent;

    @Option(names = "--json", paramLabel = "OUT", description = "write the result as JSON (- for standard output)")
    Path json;

    @Option(names = "--timeline", paramLabel = "OUT", description = "with --model: write a Chrome/Perfetto trace-event timeline (one track per unit, sampled)")
    Path timeline;

    @Option(names = "--ops", paramLabel = "OUT.csv",
            description = {"with --model: write a CSV, a row per simulated step, operator and unit kind: phase, step, context, layer,"
                + " operator, operator_index, unit_kind, tasks, units, issue_ps, start_ps, end_ps, done_ps, bytes"
                + " (weight_bytes + in_bytes + out_bytes), macs, energy_pj (the units' dynamic energy, metered per op),"
                + " controller_energy_pj; link, NoC and static energy are in no row"})
    Path ops;

    @Option(names = "--progress", paramLabel = "MODE",
            description = "with --model: auto (a bar on a terminal, else a line every few seconds), bar, plain or none (default: ${DEFAULT-VALUE})")
    Progress.Mode progress = Progress.Mode.auto;

    @Override
    public Integer call() {
        Outputs.checkFile(json, "--json");
        Outputs.checkFile(timeline, "--timeline");
        if (Outputs.isStandardOutput(ops)) throw new UserError("--ops: give a file (standard output carries the run's summary)");
        Outputs.checkFile(ops, "--ops");
        if (ops != null && (cluster != null || nodes != null)) {
            throw new UserError("--ops needs the run in this JVM (no --cluster or --nodes)");
        }
        if (threads < 1) throw new UserError("--threads must be >= 1, got " + threads);
        // a fork-join dispatcher takes at most 32767 threads
        if (threads > 32767) throw new UserError("--threads must be at most 32767, got " + threads);
        if (partitions != null && partitions < 1) throw new UserError("--partitions must be >= 1, got " + partitions);
        if (untilPs != null && untilPs <= 0) throw new UserError("--until-ps must be > 0, got " + untilPs);
        if (cluster != null && nodes != null) throw new UserError("--cluster and --nodes exclude each other");
        if (nodes != null && nodes < 1) throw new UserError("--nodes must be >= 1, got " + nodes);
        if (checkpointEvery < 0) throw new UserError("--checkpoint-every must be >= 0, got " + checkpointEvery);
        if (cluster != null) {
            try {
                ClusterConfig.hostPort("--cluster", cluster);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
        }
        long until = untilPs == null ? Long.MAX_VALUE : untilPs;
        if (topology == null && model == null) {
            topology = MAIN_TOPOLOGY;
            model = MAIN_MODEL;
            if (prompt == null) prompt = MAIN_PROMPT;
            if (generate == null) generate = MAIN_GENERATE;
            System.out.println("dramatis: the main job, as 'dramatis " + MAIN_JOB + "' (give a topology, --model,"
                    + " --prompt, --generate or --mapping to change it; 'dramatis run --help' for the rest)");
        }
        if (prompt == null) prompt = 1024L;
        if (generate == null) generate = 128L;
        if (topology == null) topology = MAIN_TOPOLOGY;
        if (ops != null && model == null) throw new UserError("--ops needs --model: it tables the operators of an LLM run");
        if (model != null) {
            ObjectNode root;
            if (cluster == null && nodes == null) {
                root = runModel(topologyOptions.load(topology), null);
            } else if (nodes == null) {
                root = runModelOnCluster(cluster, 1);
            } else {
                try (LocalNodes local = LocalNodes.start(nodes, List.of())) {
                    root = runModelOnCluster(local.seed(), nodes);
                }
            }
            ObjectNode p = Provenance.of(topologyOptions.sets);
            String text = ModelLoader.text(model);
            ObjectNode m = p.putObject("model");
            m.put("name", model);
            m.put("config_sha256", org.dramatis.common.Version.sha256(text));
            p.put("weights", weights.name().toLowerCase());
            p.put("kv_cache", kv.name().toLowerCase());
            p.put("decode_samples", decodeSamples);
            root.set("provenance", p);
            if (json != null) Outputs.writeJson(json, root);
            return 0;
        }
        if (cluster == null && nodes == null) return runLocal(until);
        if (nodes == null) return runOnCluster(cluster, 1, until);
        try (LocalNodes local = LocalNodes.start(nodes, List.of())) {
            return runOnCluster(local.seed(), nodes, until);
        }
    }

    /**
     * Every simulated step of the LLM run is one cluster job: the job carries the topology, the
     * overrides and the step (model text, options, phase, tokens), and every node compiles the
     * same program from it. Each step checkpoints every {@code --checkpoint-every} windows; a
     * partition that restarts after a node loss compiles the step again from the job and takes
     * its state from the checkpoint.
     */
    private ObjectNode runModelOnCluster(String seed, int minNodes) {
        if (timeline != null) throw new UserError("--timeline needs the run in this JVM (no --cluster or --nodes)");
        TopologyLoader.Source src = TopologyLoader.read(topology);
        Topology t = TopologyLoader.parse(src.name(), src.text(), topologyOptions.sets);
        String modelJson = ModelLoader.text(model);
        String m = mapping != null ? mapping : t.defaultMapping();
        try (ClusterSession session = new ClusterSession(seed, minNodes, verbose)) {
            int k = partitions != null ? partitions : session.nodes().size();
            java.util.Map<String, Long> peakHeap = new java.util.TreeMap<>();
            int[] recoveries = {0};
            LlmRun.StepEngine engine = (graph, step) -> {
                Partitioning cut = LatencyPartitioner.partition(graph, k);
                Job.Builder job = Job.newBuilder().setTopologyOrigin(src.name()).setTopologyText(src.text())
                        .addAllOverrides(topologyOptions.sets).setUntilPs(Long.MAX_VALUE).setId(session.newJobId())
                        .setPartitions(cut.count())
                        .setWorkload(JobGraphs.step(step, modelJson, m).toByteString());
                for (int c = 0; c < graph.size(); c++) job.addOwner(cut.owner(c));
                ClusterSession.Run run = session.run(job.build(), graph, cut, checkpointEvery, false,
                        line -> System.out.println("cluster: " + line));
                run.peakHeapByNode().forEach((node, bytes) -> peakHeap.merge(node, bytes, Math::max));
                recoveries[0] += run.recoveries();
                return run.result();
            };
            ObjectNode root = runModel(t, engine);
            ObjectNode host = (ObjectNode) root.get("host");
            host.put("nodes", peakHeap.size());
            ObjectNode heap = host.putObject("peak_heap_bytes_by_node");
            peakHeap.forEach(heap::put);
            host.put("recoveries", recoveries[0]);
            System.out.println("cluster: " + peakHeap.size() + " nodes, peak heap " + peakHeap.values().stream()
                    .map(b -> (b >> 20) + " MB").toList()
                    + (recoveries[0] > 0 ? "; recovered " + recoveries[0] + " time(s)" : ""));
            return root;
        }
    }

    private ObjectNode runModel(Topology t, LlmRun.StepEngine engine) {
        if (prompt < 1) throw new UserError("--prompt must be >= 1, got " + prompt);
        if (generate < 0) throw new UserError("--generate must be >= 0, got " + generate);
        if (batch < 1) throw new UserError("--batch must be >= 1, got " + batch);
        if (decodeSamples < 2) throw new UserError("--decode-samples must be >= 2, got " + decodeSamples);
        if (tokenBudget < 1) throw new UserError("--token-budget must be >= 1, got " + tokenBudget);
        String m = mapping != null ? mapping : t.defaultMapping();
        if (m == null) throw new UserError(t.file() + ": the topology names no default mapping; give --mapping");
        SparseAttention sparse = PointRunner.attention(attention.name()).withTokenBudget(tokenBudget);
        WorkloadOptions options = WorkloadOptions.defaults().withWeights(weights).withKvCache(kv).withSparse(sparse);
        org.dramatis.workload.ModelConfig config = ModelLoader.load(model);
        LlmRun.Request req = new LlmRun.Request(t, config, options, batch, prompt, generate,
                MappingPolicies.get(m), decodeSamples, threads, partitions == null ? 1 : partitions, !decodeOnly, engine,
                staticPower);
        Timeline tl = timeline == null ? null : new Timeline();
        OperatorCsv table = ops == null ? null : new OperatorCsv();
        Progress bar = Progress.forStderr(progress);
        ObjectNode root;
        try {
            root = LlmRun.run(req, bar, LlmRun.StepListener.all(tl, table));
        } finally {
            bar.close();
        }
        // after the run, so that a run refused (a KV cache too big) prints its error alone
        if (prompt + generate > config.maxPositions()) {
            System.err.println("dramatis: note: a context of " + (prompt + generate) + " tokens is longer than the "
                    + config.maxPositions() + " the model was trained for (max_position_embeddings); simulated all the same");
        }
        if (tl != null) tl.write(timeline);
        if (table != null) table.write(ops);
        JsonNode s = root.get("simulated");
        System.out.printf("%s on %s, mapping %s, %s attention: prompt %d, generate %d, batch %d%n",
                s.get("model").asText(), s.get("topology").asText(), s.get("mapping").asText(),
                s.get("attention").asText(), prompt, generate, batch);
        System.out.printf("TTFT %.3f ms; TPOT %.3f ms (first %.3f, last %.3f); energy %.3f mJ (%.4f mJ per token)%n",
                s.get("ttft_ms").asDouble(), s.get("tpot_ms").asDouble(), s.get("tpot_first_ms").asDouble(),
                s.get("tpot_last_ms").asDouble(), s.get("energy_mj").asDouble(), s.get("energy_per_token_mj").asDouble());
        JsonNode split = s.get("energy");
        System.out.printf("power: prefill %.1f W, decode %.1f W (static %.0f%% of the energy)%n",
                s.get("power_w").get("prefill").asDouble(), s.get("power_w").get("decode").asDouble(),
                100 * (split.get("prefill").get("static_mj").asDouble() + split.get("decode").get("static_mj").asDouble())
                        / Math.max(1e-30, s.get("energy_mj").asDouble()));
        StringBuilder floors = new StringBuilder("simulated over the analytic floor:");
        s.get("lower_bounds").fields().forEachRemaining(e -> floors.append(String.format(" %s %.2fx (%s, %.3f ms);",
                e.getKey(), e.getValue().get("ratio").asDouble(), e.getValue().get("limit").asText(),
                e.getValue().get("bound_ms").asDouble())));
        System.out.println(floors.substring(0, floors.length() - 1));
        JsonNode h = root.get("host");
        long la = h.get("lookahead_ps").asLong();
        System.out.printf("host: %.2f s wall, %d events, %d steps simulated; %d windows, cut %d channels, lookahead %s%n",
                h.get("wall_time_s").asDouble(), h.get("events").asLong(), h.get("steps_simulated").asLong(),
                h.get("windows").asLong(), h.get("cut_channels").asLong(), la < 0 ? "unbounded" : la + " ps");
        return root;
    }

    private int runLocal(long until) {
        Topology t = topologyOptions.load(topology);
        Graph g = t.toGraph();
        Partitioning cut = LatencyPartitioner.partition(g, partitions == null ? 1 : partitions);
        RunOptions options = RunOptions.defaults().withThreads(threads).perComponent(perComponent).until(until);
        SimResult r = Simulation.run(g, cut, options);
        print(t.name(), r, threads + " threads, " + r.host().partitions() + " partitions");
        if (json != null) write(r, null);
        return 0;
    }

    private int runOnCluster(String seed, int minNodes, long until) {
        TopologyLoader.Source src = TopologyLoader.read(topology);
        Job.Builder job = Job.newBuilder().setTopologyOrigin(src.name()).setTopologyText(src.text())
                .addAllOverrides(topologyOptions.sets).setUntilPs(until);
        Topology t = TopologyLoader.parse(src.name(), src.text(), topologyOptions.sets);
        try (ClusterSession session = new ClusterSession(seed, minNodes, verbose)) {
            int k = partitions != null ? partitions : session.nodes().size();
            Graph g = t.toGraph();
            Partitioning cut = LatencyPartitioner.partition(g, k);
            job.setId(session.newJobId()).setPartitions(cut.count());
            for (int c = 0; c < g.size(); c++) job.addOwner(cut.owner(c));
            ClusterSession.Run run = session.run(job.build(), JobGraphs.build(job.build()), cut, checkpointEvery,
                    perComponent, line -> System.out.println("cluster: " + line));
            SimResult r = run.result();
            print(t.name(), r, r.host().partitions() + " partitions on " + r.host().nodes() + " nodes");
            StringBuilder where = new StringBuilder();
            for (var e : run.peakHeapByNode().entrySet()) {
                where.append(where.length() == 0 ? "" : ", ").append(e.getKey())
                        .append(String.format(" (peak heap %.0f MB)", e.getValue() / 1e6));
            }
            System.out.printf("cluster: cut %d channels, lookahead %s; nodes %s%s%n", r.host().cutChannels(),
                    lookahead(r), where, run.recoveries() > 0 ? "; recovered " + run.recoveries() + " time(s)" : "");
            if (json != null) write(r, run);
        }
        return 0;
    }

    private static String lookahead(SimResult r) {
        return r.host().lookaheadPs() == Long.MAX_VALUE ? "unbounded" : r.host().lookaheadPs() + " ps";
    }

    private static void print(String name, SimResult r, String layout) {
        System.out.printf("%s: %,d events, simulated %.3f us, energy %.3f uJ%n", name, r.host().events(),
                r.simulated().get("end_time_ps").asLong() / 1e6, r.simulated().get("energy_pj").asDouble() / 1e6);
        System.out.printf("host: %.3f s wall, %.2f M events/s, %s, %d windows, lookahead %s%n",
                r.host().wallSeconds(), r.host().eventsPerSecond() / 1e6, layout, r.host().windows(), lookahead(r));
    }

    private void write(SimResult r, ClusterSession.Run run) {
        ObjectNode root = Outputs.JSON.createObjectNode();
        root.set("simulated", r.simulated());
        ObjectNode host = r.hostJson();
        if (run != null) {
            ObjectNode heap = host.putObject("peak_heap_bytes_by_node");
            for (var e : run.peakHeapByNode().entrySet()) heap.put(e.getKey(), e.getValue());
            host.put("recoveries", run.recoveries());
        }
        root.set("host", host);
        root.set("provenance", Provenance.of(topologyOptions.sets));
        Outputs.writeJson(json, root);
    }
}
