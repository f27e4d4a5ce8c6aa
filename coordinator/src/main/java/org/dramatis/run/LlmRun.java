package org.dramatis.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.dramatis.common.Outputs;
import org.dramatis.common.UserError;
import org.dramatis.components.logic.Controller;
import org.dramatis.components.logic.Program;
import org.dramatis.components.ops.OpUnit;
import org.dramatis.engine.Graph;
import org.dramatis.engine.LatencyPartitioner;
import org.dramatis.engine.Report;
import org.dramatis.engine.RunOptions;
import org.dramatis.engine.SimResult;
import org.dramatis.engine.Simulation;
import org.dramatis.mapping.Compiler;
import org.dramatis.mapping.Machine;
import org.dramatis.mapping.MappingPolicy;
import org.dramatis.mapping.Parallelism;
import org.dramatis.topology.Topology;
import org.dramatis.workload.KvCache;
import org.dramatis.workload.ModelConfig;
import org.dramatis.workload.OperatorGraph;
import org.dramatis.workload.OperatorGraphs;
import org.dramatis.workload.Phase;
import org.dramatis.workload.WorkloadOptions;

/**
 * Runs LLM inference on a machine: the prefill of the prompt, then the decode steps, each step
 * compiled by the mapping into the controller's program and simulated on a fresh instance of the
 * topology. Decode steps differ only in context length, and their cost is linear in it, so by
 * default a few steps are simulated (the first, the last and evenly spaced ones between) and the
 * others are interpolated linearly; {@code decodeSamples >= generate} simulates every step.
 */
public final class LlmRun {

    /**
     * What to run. {@code staticPower}: charge every component's static power for the run's time
     * (false leaves it out, as an ablation of that mechanism: the result then says
     * {@code "static_power": false}).
     */
    public record Request(Topology topology, ModelConfig model, WorkloadOptions options, int batch, long prompt,
                          long generate, MappingPolicy mapping, int decodeSamples, int threads, int partitions,
                          boolean simulatePrefill, StepEngine engine, boolean staticPower) {

        public Request(Topology topology, ModelConfig model, WorkloadOptions options, int batch, long prompt,
                       long generate, MappingPolicy mapping, int decodeSamples, int threads, int partitions) {
            this(topology, model, options, batch, prompt, generate, mapping, decodeSamples, threads, partitions, true);
        }

        public Request(Topology topology, ModelConfig model, WorkloadOptions options, int batch, long prompt,
                       long generate, MappingPolicy mapping, int decodeSamples, int threads, int partitions,
                       boolean simulatePrefill) {
            this(topology, model, options, batch, prompt, generate, mapping, decodeSamples, threads, partitions,
                    simulatePrefill, null, true);
        }

        /** This request with static power charged or not. */
        public Request withStaticPower(boolean charged) {
            return new Request(topology, model, options, batch, prompt, generate, mapping, decodeSamples, threads,
                    partitions, simulatePrefill, engine, charged);
        }
    }

    /**
     * Runs one step's graph somewhere other than this JVM (a cluster); {@code graph} is this
     * JVM's own build of it (the cut and the lookahead come from it), {@code step} says what the
     * program was compiled from, so that every node compiles the same one.
     */
    public interface StepEngine {
        SimResult run(Graph graph, OperatorGraph step);
    }

    /** Receives each simulated step once it has run (for a timeline, a per-operator table); null for none. */
    public interface StepListener {
        /** Slices kept per step: a long run's timeline stays bounded. */
        int MAX_SLICES_PER_STEP = 50_000;

        /**
         * Whether the step's units put each op's energy in its answer ({@link OpUnit#meterOps}):
         * it costs simulation time, and changes nothing simulated.
         */
        default boolean metersOps() {
            return false;
        }

        void step(SimulatedStep step);

        /** The listeners that are not null, as one; null when there are none. */
        static StepListener all(StepListener... listeners) {
            List<StepListener> on = java.util.Arrays.stream(listeners).filter(java.util.Objects::nonNull).toList();
            if (on.isEmpty()) return null;
            boolean meters = on.stream().anyMatch(StepListener::metersOps);
            return new StepListener() {
                @Override
                public boolean metersOps() {
                    return meters;
                }

                @Override
                public void step(SimulatedStep step) {
                    for (StepListener l : on) l.step(step);
                }
            };
        }
    }

    /**
     * A step that was simulated: {@code phase} is the phase of the run it belongs to (a prompt
     * that goes through the decode path token by token is prefill), {@code index} is 0 for a
     * whole-prompt prefill, else the prefill token or decode step (1-based); {@code operators}
     * is what it computed, {@code controller} the machine's controller after the run.
     */
    public record SimulatedStep(String name, Phase phase, long index, OperatorGraph operators, Machine machine,
                                Controller controller, SimResult result) {}

    /** Per kind of a step: busy time (ps), energy (pJ) and its static part (pJ). */
    private static final int BUSY = 0;
    private static final int ENERGY = 1;
    private static final int STATIC = 2;
    /** Components of the kind (the same in every step): what a utilisation divides by. */
    private static final int COUNT = 3;
    private static final int KIND_FIELDS = 4;

    /** One simulated step; {@code byKind} per kind: busy ps, energy pJ, static energy pJ. */
    record Step(long context, double timePs, double energyPj, Map<String, double[]> byKind,
                Map<String, Double> spans, Map<String, Double> byDevice, long events, double wallSeconds, long windows,
                long lookaheadPs, int cutChannels, long[] eventsByPartition, LowerBounds bounds) {}

    /** Stands for a prefill that was not simulated ({@code --decode-only}). */
    private static final Step NO_STEP = new Step(0, 0, 0, Map.of(), Map.of(), Map.of(), 0, 0, 0, Long.MAX_VALUE, 0, new long[0],
            LowerBounds.NONE);

    private LlmRun() {}

    /** Runs the request; returns {@code {simulated, host}}. */
    public static ObjectNode run(Request r, Consumer<String> progress) {
        return run(r, progress, null);
    }

    /** Runs the request, handing every step's served tasks to {@code listener}. */
    public static ObjectNode run(Request r, Consumer<String> progress, StepListener listener) {
        Machine machine = Machine.of(r.topology());
        checkCapacity(r);
        long wallStart = System.nanoTime();
        Step prefill = NO_STEP;
        List<Long> sampleIdx = samples(r.generate(), r.decodeSamples());
        boolean tokenByToken = r.simulatePrefill() && r.mapping().prefillTokenByToken();
        List<Long> prefillIdx = tokenByToken ? samples(r.prompt(), r.decodeSamples()) : List.of();
        // progress messages start with "done/total" simulated steps, for the progress bar
        int total = prefillIdx.size() + (r.simulatePrefill() && !tokenByToken ? 1 : 0) + sampleIdx.size();
        int done = 0;
        if (tokenByToken) {
            // the prompt goes through the decode path one token at a time: a sampled series of steps
            List<Long> idx = prefillIdx;
            List<Step> steps = new ArrayList<>();
            for (long j : idx) {
                progress.accept(done++ + "/" + total + " prefill token " + j + " of " + r.prompt());
                steps.add(simulate(r, machine, OperatorGraphs.decode(r.model(), r.options(), r.batch(), j),
                        "prefill token " + j, Phase.PREFILL, j, listener));
            }
            prefill = total(idx, steps);
        } else if (r.simulatePrefill()) {
            progress.accept(done++ + "/" + total + " prefill of " + r.prompt() + " tokens");
            prefill = simulate(r, machine, OperatorGraphs.prefill(r.model(), r.options(), r.batch(), r.prompt()),
                    "prefill", Phase.PREFILL, 0, listener);
        }
        List<Step> decode = new ArrayList<>();
        for (long j : sampleIdx) {
            progress.accept(done++ + "/" + total + " decode step " + j + " of " + r.generate() + " (context "
                    + (r.prompt() + j) + ")");
            decode.add(simulate(r, machine, OperatorGraphs.decode(r.model(), r.options(), r.batch(), r.prompt() + j),
                    "decode step " + j + " (context " + (r.prompt() + j) + ")", Phase.DECODE, j, listener));
        }
        progress.accept(total + "/" + total + " done");
        double wall = (System.nanoTime() - wallStart) / 1e9;
        return result(r, machine, prefill, sampleIdx, decode, wall);
    }

    static void checkCapacity(Request r) {
        long capacity = 0;
        for (Topology.Instance i : r.topology().instances()) {
            if (i.kind().traits().holdsWeights()) capacity += i.componentParams().capacityBytes();
        }
        long weights = r.options().weights().bytes(r.model().parameterCount());
        if (weights > capacity) {
            throw new org.dramatis.common.UserError(r.topology().file() + ": the weights of " + r.model().name() + " ("
                    + weights + " bytes) do not fit the machine's memory (" + capacity + " bytes)");
        }
        new KvCache(r.model(), r.options()).requireFits(capacity - weights, r.batch(), r.prompt() + r.generate());
    }

    /** Decode steps to simulate (1-based): all of them, or {@code n} evenly spaced including the first and last. */
    static List<Long> samples(long generate, int n) {
        List<Long> out = new ArrayList<>();
        if (generate <= 0) return out;
        if (n >= generate) {
            for (long j = 1; j <= generate; j++) out.add(j);
            return out;
        }
        int k = Math.max(2, n);
        for (int i = 0; i < k; i++) {
            long j = 1 + Math.round((double) (generate - 1) * i / (k - 1));
            if (out.isEmpty() || out.get(out.size() - 1) != j) out.add(j);
        }
        return out;
    }

    /** The machine's graph with its controller running the program compiled from {@code step}. */
    public static Graph graph(Topology t, Machine machine, OperatorGraph step, MappingPolicy mapping) {
        return graph(t, machine, Compiler.compile(step, machine, mapping));
    }

    /** The machine's graph with its controller running {@code program}. */
    static Graph graph(Topology t, Machine machine, Program program) {
        Topology.Instance ctl = machine.controller();
        Controller.Params params = ((Controller.Params) ctl.params()).withProgram(program);
        return t.toGraph(Map.of(ctl.path(), params));
    }

    private static Step simulate(Request r, Machine machine, OperatorGraph g, String name, Phase phase, long index,
                                 StepListener listener) {
        Topology.Instance ctl = machine.controller();
        Program program = Compiler.compile(g, machine, r.mapping());
        Graph graph = graph(r.topology(), machine, program);
        if (listener != null && listener.metersOps()) {
            for (int c = 0; c < graph.size(); c++) if (graph.component(c) instanceof OpUnit u) u.meterOps();
        }
        SimResult res;
        try {
            res = r.engine() != null ? r.engine().run(graph, g)
                    : Simulation.run(graph, LatencyPartitioner.partition(graph, r.partitions()),
                            RunOptions.defaults().withThreads(r.threads()).perComponent(false));
        } catch (IllegalArgumentException e) {
            // a component refused work it cannot do (an op too big for its buffers, a missing port):
            // the topology and the mapping do not fit together
            throw new org.dramatis.common.UserError(r.topology().file() + ": mapping '" + r.mapping().name() + "', "
                    + name + ": " + e.getMessage());
        }
        if (listener != null) {
            Controller c = (Controller) graph.component(graph.id(ctl.path()));
            listener.step(new SimulatedStep(name, phase, index, g, machine, c, res));
        }
        Map<String, double[]> byKind = new TreeMap<>();
        double energyPj = r.staticPower() ? res.energyPj() : res.energyPj() - res.staticEnergyPj();
        // without static power, the dynamic part as the engine splits it (no subtraction of our own)
        res.byKind().forEach((kind, t) -> byKind.put(kind, new double[] {t.busyPs(),
            r.staticPower() ? t.energyPj() : t.dynamicPj(), r.staticPower() ? t.staticPj() : 0, t.count()}));
        Map<String, Double> spans = new TreeMap<>();
        res.reports().stream().filter(rep -> rep.name().equals(ctl.path())).findFirst().ifPresent(rep ->
                rep.stats().values().forEach((k, v) -> {
                    if (k.startsWith("span_ps.")) spans.put(k.substring(8), ((Number) v).doubleValue());
                }));
        return new Step(g.context(), res.endTimePs(), energyPj, byKind, spans, byDevice(res, r.staticPower()),
                res.host().events(), res.host().wallSeconds(), res.host().windows(), res.host().lookaheadPs(),
                res.host().cutChannels(), res.host().eventsByPartition(),
                LowerBounds.of(program, machine, res.reports()));
    }

    /**
     * Sum over decode steps 1..G of a quantity known at the sampled steps, linear between them:
     * over a segment [a, b) the sum is (b - a) * v(a) + (v(b) - v(a)) * (b - a - 1) / 2.
     */
    static double sumOverSteps(List<Long> idx, double[] values) {
        if (idx.isEmpty()) return 0;
        double total = 0;
        for (int i = 0; i + 1 < idx.size(); i++) {
            long a = idx.get(i);
            long b = idx.get(i + 1);
            total += (b - a) * values[i] + (values[i + 1] - values[i]) * (b - a - 1) / 2.0;
        }
        return total + values[values.length - 1];
    }

    /** The sum over steps 1..N of a series known at the sampled steps {@code idx} (see {@link #sumOverSteps}). */
    static Step total(List<Long> idx, List<Step> steps) {
        int n = steps.size();
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = steps.get(i).timePs();
        double time = sumOverSteps(idx, v);
        for (int i = 0; i < n; i++) v[i] = steps.get(i).energyPj();
        double energy = sumOverSteps(idx, v);
        Map<String, double[]> byKind = new TreeMap<>();
        for (Step s : steps) s.byKind().forEach((k, c) -> byKind.computeIfAbsent(k, x -> new double[KIND_FIELDS])[COUNT] = c[COUNT]);
        for (Map.Entry<String, double[]> e : byKind.entrySet()) {
            for (int q = 0; q < COUNT; q++) {
                for (int i = 0; i < n; i++) v[i] = steps.get(i).byKind().getOrDefault(e.getKey(), new double[KIND_FIELDS])[q];
                e.getValue()[q] = sumOverSteps(idx, v);
            }
        }
        long events = 0;
        long windows = 0;
        double wall = 0;
        for (Step s : steps) {
            events += s.events();
            windows += s.windows();
            wall += s.wallSeconds();
        }
        Step last = steps.get(n - 1);
        return new Step(idx.get(idx.size() - 1), time, energy, byKind, sumOverSteps(idx, steps, Step::spans),
                sumOverSteps(idx, steps, Step::byDevice), events, wall, windows, last.lookaheadPs(),
                last.cutChannels(), eventsByPartition(steps),
                LowerBounds.sumOverSteps(idx, steps.stream().map(Step::bounds).toList()));
    }

    /** Each key's value summed over steps 1..N from the sampled steps (0 where a step lacks the key). */
    static Map<String, Double> sumOverSteps(List<Long> idx, List<Step> steps, Function<Step, Map<String, Double>> of) {
        Map<String, Double> out = new TreeMap<>();
        for (Step s : steps) of.apply(s).keySet().forEach(k -> out.put(k, 0.0));
        double[] v = new double[steps.size()];
        for (String k : out.keySet()) {
            for (int i = 0; i < v.length; i++) v[i] = of.apply(steps.get(i)).getOrDefault(k, 0.0);
            out.put(k, sumOverSteps(idx, v));
        }
        return out;
    }

    /**
     * Energy (pJ) of each device (top-level block instance) in a step: its components' and the
     * links they drive; static energy left out when the run leaves it out.
     */
    private static Map<String, Double> byDevice(SimResult res, boolean staticPower) {
        Map<String, Double> out = new TreeMap<>();
        for (Report rep : res.reports()) {
            String device = Machine.deviceOf(rep.name());
            if (device == null) continue;
            double pj = rep.stats().totalEnergyPj() - (staticPower ? 0 : rep.stats().staticEnergyPj());
            for (Report.LinkReport l : rep.links()) pj += l.energyPj();
            out.merge(device, pj, Double::sum);
        }
        return out;
    }

    /** Events per partition summed over steps (every step of a run has the same partitions). */
    private static long[] eventsByPartition(List<Step> steps) {
        long[] sum = new long[0];
        for (Step s : steps) {
            if (sum.length < s.eventsByPartition().length) sum = java.util.Arrays.copyOf(sum, s.eventsByPartition().length);
            for (int p = 0; p < s.eventsByPartition().length; p++) sum[p] += s.eventsByPartition()[p];
        }
        return sum;
    }

    private static ObjectNode result(Request r, Machine machine, Step prefill, List<Long> idx, List<Step> decode,
                                     double wall) {
        int n = decode.size();
        double[] times = new double[n];
        double[] energies = new double[n];
        for (int i = 0; i < n; i++) {
            times[i] = decode.get(i).timePs();
            energies[i] = decode.get(i).energyPj();
        }
        double decodeTimePs = sumOverSteps(idx, times);
        double decodeEnergyPj = sumOverSteps(idx, energies);
        ObjectNode sim = Outputs.JSON.createObjectNode();
        sim.put("topology", r.topology().name());
        sim.put("model", r.model().name());
        sim.put("mapping", r.mapping().name());
        Parallelism split = r.mapping().parallelism()
                .resolve(Math.max(1, machine.devices().size()), r.mapping().name());
        sim.put("tp", split.tp());
        sim.put("pp", split.pp());
        sim.put("attention", r.options().sparse().policy().name().toLowerCase());
        sim.put("batch", r.batch());
        sim.put("prompt_tokens", r.prompt());
        sim.put("generated_tokens", r.generate());
        sim.put("prefill_simulated", r.simulatePrefill());
        if (!r.staticPower()) sim.put("static_power", false);
        sim.put("ttft_ms", prefill.timePs() / 1e9);
        sim.put("tpot_ms", n == 0 ? 0 : decodeTimePs / r.generate() / 1e9);
        sim.put("tpot_first_ms", n == 0 ? 0 : times[0] / 1e9);
        sim.put("tpot_last_ms", n == 0 ? 0 : times[n - 1] / 1e9);
        sim.put("total_ms", (prefill.timePs() + decodeTimePs) / 1e9);
        double totalEnergy = prefill.energyPj() + decodeEnergyPj;
        sim.put("energy_mj", totalEnergy / 1e9);
        sim.put("prefill_energy_mj", prefill.energyPj() / 1e9);
        sim.put("decode_energy_mj", decodeEnergyPj / 1e9);
        sim.put("energy_per_token_mj", r.generate() == 0 ? 0 : totalEnergy / 1e9 / (r.generate() * r.batch()));
        sim.put("weight_bytes", r.options().weights().bytes(r.model().parameterCount()));
        sim.put("kv_cache_bytes", new KvCache(r.model(), r.options()).bytes(r.batch(), r.prompt() + r.generate()));
        ObjectNode kinds = sim.putObject("by_kind");
        TreeMap<String, Boolean> allKinds = new TreeMap<>();
        prefill.byKind().keySet().forEach(k -> allKinds.put(k, true));
        decode.forEach(s -> s.byKind().keySet().forEach(k -> allKinds.put(k, true)));
        double prefillStatic = 0;
        double decodeStatic = 0;
        for (String kind : allKinds.keySet()) {
            double[] busy = new double[n];
            double[] energy = new double[n];
            double[] statics = new double[n];
            for (int i = 0; i < n; i++) {
                double[] v = decode.get(i).byKind().getOrDefault(kind, new double[KIND_FIELDS]);
                busy[i] = v[BUSY];
                energy[i] = v[ENERGY];
                statics[i] = v[STATIC];
            }
            double[] p = prefill.byKind().getOrDefault(kind, new double[KIND_FIELDS]);
            double count = p[COUNT] > 0 ? p[COUNT] : decode.isEmpty() ? 0
                    : decode.get(0).byKind().getOrDefault(kind, new double[KIND_FIELDS])[COUNT];
            double decodeBusyPs = sumOverSteps(idx, busy);
            double decodeStaticPj = sumOverSteps(idx, statics);
            prefillStatic += p[STATIC];
            decodeStatic += decodeStaticPj;
            ObjectNode k = kinds.putObject(kind);
            k.put("prefill_busy_ms", p[BUSY] / 1e9);
            k.put("decode_busy_ms", decodeBusyPs / 1e9);
            // busy time over the phase's time on every component of the kind: which kind holds a phase back
            k.put("count", (long) count);
            k.put("prefill_utilisation", prefill.timePs() > 0 && count > 0 ? p[BUSY] / (count * prefill.timePs()) : 0.0);
            k.put("decode_utilisation", decodeTimePs > 0 && count > 0 ? decodeBusyPs / (count * decodeTimePs) : 0.0);
            k.put("prefill_energy_mj", p[ENERGY] / 1e9);
            k.put("decode_energy_mj", sumOverSteps(idx, energy) / 1e9);
            k.put("energy_mj", (p[ENERGY] + sumOverSteps(idx, energy)) / 1e9);
            k.put("static_energy_mj", (p[STATIC] + decodeStaticPj) / 1e9);
        }
        // what the work drew and what the time drew, per phase (static: leakage, standby, idle power)
        ObjectNode energySplit = sim.putObject("energy");
        energySplit.putObject("prefill").put("dynamic_mj", (prefill.energyPj() - prefillStatic) / 1e9)
                .put("static_mj", prefillStatic / 1e9);
        energySplit.putObject("decode").put("dynamic_mj", (decodeEnergyPj - decodeStatic) / 1e9)
                .put("static_mj", decodeStatic / 1e9);
        // average power of the whole machine per phase (1 pJ per ps is 1 W), to set against a power budget
        ObjectNode power = sim.putObject("power_w");
        power.put("prefill", prefill.timePs() > 0 ? prefill.energyPj() / prefill.timePs() : 0.0);
        power.put("decode", decodeTimePs > 0 ? decodeEnergyPj / decodeTimePs : 0.0);
        // and of each device (a top-level block instance: a CXL device, a stack), its links included
        Map<String, Double> decodeByDevice = sumOverSteps(idx, decode, Step::byDevice);
        TreeMap<String, Boolean> devices = new TreeMap<>();
        prefill.byDevice().keySet().forEach(d -> devices.put(d, true));
        decodeByDevice.keySet().forEach(d -> devices.put(d, true));
        if (!devices.isEmpty()) {
            ObjectNode byDevice = power.putObject("by_device");
            for (String d : devices.keySet()) {
                double pre = prefill.byDevice().getOrDefault(d, 0.0);
                double dec = decodeByDevice.getOrDefault(d, 0.0);
                byDevice.putObject(d).put("prefill", prefill.timePs() > 0 ? pre / prefill.timePs() : 0.0)
                        .put("decode", decodeTimePs > 0 ? dec / decodeTimePs : 0.0);
            }
        }
        ObjectNode ops = sim.putObject("operators_ms");
        ObjectNode pre = ops.putObject("prefill");
        prefill.spans().forEach((k, v) -> pre.put(k, v / 1e9));
        ObjectNode dec = ops.putObject("decode_mean_step");
        sumOverSteps(idx, decode, Step::spans).forEach((label, ps) -> dec.put(label, ps / r.generate() / 1e9));
        ObjectNode bounds = sim.putObject("lower_bounds");
        if (r.simulatePrefill()) prefill.bounds().write(bounds.putObject("prefill"), prefill.timePs(), 1);
        if (n > 0) {
            LowerBounds.sumOverSteps(idx, decode.stream().map(Step::bounds).toList())
                    .write(bounds.putObject("decode_mean_step"), decodeTimePs, r.generate());
        }
        ArrayNode steps = sim.putArray("decode_steps_simulated");
        for (int i = 0; i < n; i++) {
            ObjectNode s = steps.addObject();
            s.put("step", idx.get(i));
            s.put("context", decode.get(i).context());
            s.put("tpot_ms", times[i] / 1e9);
            s.put("energy_mj", energies[i] / 1e9);
            s.put("events", decode.get(i).events());
        }
        ObjectNode host = Outputs.JSON.createObjectNode();
        host.put("wall_time_s", wall);
        long events = prefill.events();
        long windows = prefill.windows();
        for (Step s : decode) {
            events += s.events();
            windows += s.windows();
        }
        List<Step> all = new ArrayList<>(decode);
        all.add(prefill);
        // every step runs on the same machine graph, so they share one cut
        Step any = decode.isEmpty() ? prefill : decode.get(0);
        host.put("events", events);
        host.put("windows", windows);
        host.put("lookahead_ps", any.lookaheadPs() == Long.MAX_VALUE ? -1 : any.lookaheadPs());
        host.put("cut_channels", any.cutChannels());
        ArrayNode byPartition = host.putArray("events_by_partition");
        for (long e : eventsByPartition(all)) byPartition.add(e);
        host.put("steps_simulated", (r.simulatePrefill() ? 1 : 0) + n);
        host.put("threads", r.threads());
        host.put("partitions", r.partitions());
        host.put("nodes", 1);
        host.put("events_per_second", wall > 0 ? events / wall : 0);
        ObjectNode root = Outputs.JSON.createObjectNode();
        root.set("simulated", sim);
        root.set("host", host);
        return root;
    }
}
