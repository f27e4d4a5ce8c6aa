package org.dramatis.mapping;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dramatis.common.UserError;
import org.dramatis.components.ComponentKinds;
import org.dramatis.components.Role;
import org.dramatis.components.logic.Program;
import org.dramatis.components.ops.Compute;
import org.dramatis.components.ops.OpClass;
import org.dramatis.components.ops.UnitParams;
import org.dramatis.workload.HeadGroup;
import org.dramatis.workload.KvCache;
import org.dramatis.workload.ModelConfig;
import org.dramatis.workload.Operator;
import org.dramatis.workload.OperatorClass;
import org.dramatis.workload.OperatorGraph;
import org.dramatis.workload.OperatorGraphs;
import org.dramatis.workload.Phase;

/**
 * Compiles one step's operators into the controller's program: each operator becomes tasks on
 * the units of the role its policy names, split as the hardware needs, and waits for the
 * operators it reads ({@link Dataflow}). The rules:
 *
 * <ul>
 *   <li>Weight matrix ops are split by output columns over the units (each unit holds its slice of
 *       the weights and gets the whole input); on CiM tiles the weights are cut into blocks that
 *       fit a tile's crossbars and buffers, dealt round-robin over the tiles.</li>
 *   <li>Attention is per (sequence, KV head): pinned to one unit, or with its tokens split over
 *       several units (page-interleaved) and the partial results merged per block of units that share
 *       heads, each block on the next vector unit (no one unit merges every head).</li>
 *   <li>KV appends go to the unit that holds the head's cache; element-wise work is split over
 *       the vector units by rows.</li>
 *   <li>Units that do not hold the KV cache (SRAM-PIM cores, CiM tiles) receive it with the
 *       request, in pieces that fit their local memory.</li>
 * </ul>
 */
public final class Compiler {

    /** Activations are FP16 (2 bytes), whatever the weight and KV precisions. */
    static final int ACT_BYTES = 2;

    private final OperatorGraph graph;
    private final Machine machine;
    private final MappingPolicy policy;
    private final ModelConfig model;
    /** The controller's buffer: every task's input plus output must fit it. */
    private final long controllerBuffer;
    /** Stages and devices per stage, resolved on this machine. */
    private final Parallelism split;
    private final List<String> devices;
    private final List<Program.Task> tasks;
    private long nextOpId;

    private Compiler(OperatorGraph graph, Machine machine, MappingPolicy policy, Parallelism split,
                     List<Program.Task> tasks, long firstOpId) {
        this.graph = graph;
        this.machine = machine;
        this.policy = policy;
        this.model = graph.model();
        this.controllerBuffer = ((org.dramatis.components.logic.Controller.Params) machine.controller().params()).sramBytes();
        this.devices = machine.devices();
        this.split = split;
        this.tasks = tasks;
        this.nextOpId = firstOpId;
    }

    /**
     * The step's program. On a pipeline of several stages a batch of several sequences is cut into
     * micro-batches (as many as stages, at most one per sequence), each compiled as its own chain
     * of operators; a stage takes the micro-batches one at a time, in order (micro-batch i enters
     * a stage when micro-batch i - 1 has left it), so that a stage works on one while the next
     * stage works on the one before.
     */
    public static Program compile(OperatorGraph graph, Machine machine, MappingPolicy policy) {
        Parallelism split = policy.parallelism().resolve(Math.max(1, machine.devices().size()), policy.name());
        int micro = (int) Math.min(graph.batch(), split.pp());
        List<Program.Task> tasks = new ArrayList<>();
        long nextOpId = 1;
        int[] stageDone = null;
        for (int i = 0; i < micro; i++) {
            OperatorGraph part = micro == 1 ? graph : OperatorGraphs.withBatch(graph, (int) share(graph.batch(), micro, i));
            Compiler c = new Compiler(part, machine, policy, split, tasks, nextOpId);
            stageDone = c.compileSteps(stageDone);
            nextOpId = c.nextOpId;
        }
        return new Program(tasks);
    }

    /**
     * Appends this (micro-)batch's tasks; each stage's first operator also waits for
     * {@code previousStageDone[stage]} (the task that ends the previous micro-batch on that stage),
     * if any. Returns this batch's own such tasks, per stage.
     */
    private int[] compileSteps(int[] previousStageDone) {
        checkPinnedCachesFit();
        List<Operator> ops = graph.operators();
        List<List<Integer>> deps = Dataflow.dependencies(ops, policy.serial());
        int[] doneTask = new int[ops.size()];
        int[] stageDone = new int[split.pp()];
        Arrays.fill(stageDone, -1);
        int previousStage = -1;
        for (int i = 0; i < ops.size(); i++) {
            List<Integer> pre = new ArrayList<>(deps.get(i).size() + 1);
            for (int d : deps.get(i)) pre.add(doneTask[d]);
            int stage = stage(ops.get(i));
            if (stage != previousStage && previousStageDone != null && previousStageDone[stage] >= 0) {
                pre.add(previousStageDone[stage]);
            }
            previousStage = stage;
            List<Integer> mine = emit(ops.get(i), i, pre);
            doneTask[i] = mine.size() == 1 ? mine.get(0) : add(Program.Task.join(mine, null, -1));
            stageDone[stage] = doneTask[i];
        }
        return stageDone;
    }

    private List<Integer> emit(Operator op, int group, List<Integer> pre) {
        Role role = policy.role(op.opClass(), graph.phase());
        List<Machine.Unit> units = units(role, op);
        return switch (Category.of(op.opClass())) {
            case MATMUL -> matmul(op, group, pre, units);
            case ATTENTION -> attention(op, group, pre, units);
            case KV_STORE -> kvStore(op, group, pre, kvHolders(units));
            case VECTOR -> vector(op, group, pre, units);
        };
    }

    /** The units that run this policy's element-wise work (merges of partial results go there too). */
    private List<Machine.Unit> vectorUnits(Operator op) {
        return units(policy.role(OperatorClass.SOFTMAX, graph.phase()), op);
    }

    private List<Machine.Unit> units(Role role, Operator op) {
        List<Machine.Unit> units = machine.serving(role);
        if (units.isEmpty()) {
            throw new UserError(machine.topology().file() + ": mapping '" + policy.name() + "' runs " + op.name() + " ("
                    + op.opClass() + ", " + graph.phase().name().toLowerCase() + ") on " + role + " units (kind "
                    + String.join(" or ", ComponentKinds.serving(role)) + "), and the topology's controller reaches none");
        }
        return split.pp() == 1 ? units : stageUnits(units, op);
    }

    /** The operator's pipeline stage: its layer's, the first for the embedding, the last for the model head. */
    private int stage(Operator op) {
        return op.layer() != Operator.NO_LAYER ? split.stageOf(op.layer(), model.layers())
                : op.opClass() == OperatorClass.EMBEDDING ? 0 : split.pp() - 1;
    }

    /** The units of the operator's pipeline stage: those on the stage's devices, and those of no device. */
    private List<Machine.Unit> stageUnits(List<Machine.Unit> units, Operator op) {
        int stage = stage(op);
        List<String> mine = devices.subList(stage * split.tp(), (stage + 1) * split.tp());
        List<Machine.Unit> out = new ArrayList<>();
        for (Machine.Unit u : units) if (u.device() == null || mine.contains(u.device())) out.add(u);
        if (out.isEmpty()) {
            throw new UserError(machine.topology().file() + ": mapping '" + policy.name() + "': pipeline stage " + stage
                    + " (devices " + String.join(", ", mine) + ") has no " + units.get(0).kind() + " for " + op.name());
        }
        return out;
    }

    // ---- weight matrix ops

    private List<Integer> matmul(Operator op, int group, List<Integer> pre, List<Machine.Unit> units) {
        Shape s = new Shape(op);
        UnitParams.MatmulBlock block = units.get(0).fit().matmulBlock(s.k, s.n, graph.options().weights().bits(), ACT_BYTES);
        if (block != null) return blockedMatmul(op, group, pre, units, s, block);
        int u = (int) Math.min(units.size(), s.n);
        List<Integer> out = new ArrayList<>(u);
        for (int i = 0; i < u; i++) {
            long n = share(s.n, u, i);
            Compute c = new Compute(nextOpId++, matrix(s.m), s.m, n, s.k, scale(op.weightBytes(), n, s.n),
                    op.activationBytesRead(), scale(op.activationBytesWritten(), n, s.n),
                    key(op) + "#" + i);
            addFitted(units.get(i), c, true, pre, op, group, out);
        }
        return out;
    }

    /**
     * Weight matrix ops on units that take their operand into arrays (CiM tiles): blocks dealt
     * round-robin over the units, row-block partial sums added on a vector unit.
     */
    private List<Integer> blockedMatmul(Operator op, int group, List<Integer> pre, List<Machine.Unit> units, Shape s,
                                        UnitParams.MatmulBlock block) {
        List<Compute> blocks = blocks(s.m, s.n, s.k, block, op.weightBytes(), key(op));
        List<Integer> out = new ArrayList<>(blocks.size());
        for (int i = 0; i < blocks.size(); i++) out.add(add(task(units.get(i % units.size()), blocks.get(i), pre, op, group)));
        return partialSums(op, group, out, s.m, s.n, s.k, block);
    }

    /**
     * Cuts an m x k by k x n product into the blocks a unit takes at a time
     * ({@link UnitParams#matmulBlock}). Each block has its own weight key (resident weights are
     * reused by key).
     */
    private List<Compute> blocks(long m, long n, long k, UnitParams.MatmulBlock block, long weightBytes, String key) {
        long kc = block.k();
        long nc = block.n();
        List<Compute> blocks = new ArrayList<>();
        for (long kb = 0; kb * kc < k; kb++) {
            long kk = Math.min(kc, k - kb * kc);
            for (long nb = 0; nb * nc < n; nb++) {
                long nn = Math.min(nc, n - nb * nc);
                blocks.add(new Compute(nextOpId++, matrix(m), m, nn, kk, scale(weightBytes, kk * nn, k * n),
                        m * kk * ACT_BYTES, m * nn * ACT_BYTES, key + "#" + kb + "." + nb));
            }
        }
        return blocks;
    }

    /** When k was cut into several row blocks, their partial sums are added on a vector unit after them. */
    private List<Integer> partialSums(Operator op, int group, List<Integer> blocks, long m, long n, long k,
                                      UnitParams.MatmulBlock block) {
        long kBlocks = ceilDiv(k, block.k());
        if (kBlocks == 1) return blocks;
        List<Machine.Unit> vec = vectorUnits(op);
        Compute sum = new Compute(nextOpId++, OpClass.RESIDUAL_ADD, m, n * (kBlocks - 1), 0, 0,
                m * n * kBlocks * ACT_BYTES, m * n * ACT_BYTES, null);
        return List.of(add(task(vec.get(0), sum, blocks, op, group)));
    }

    // ---- attention

    /** One (sequence, KV head) of an attention operator, or a piece of its tokens, placed on a unit. */
    private record Piece(HeadGroup hg, long tokens, int unit, boolean split) {}

    /** The pieces of one head group on one unit: a unit streams them as one operation. */
    private static final class Load {
        long tokens;
        long pieces;
        long splitPieces;
    }

    private List<Integer> attention(Operator op, int group, List<Integer> pre, List<Machine.Unit> units) {
        int d = model.headDim();
        double kvElem = graph.options().kvCache().bits() / 8.0;
        boolean streamed = !units.get(0).traits().holdsKv();
        long localLimit = units.get(0).fit().localBufferBytes();
        long perToken = op.opClass() == OperatorClass.PAGE_SELECT ? 2L * d : d;
        List<Integer> out = new ArrayList<>();
        // per block of units that share split heads (unit / split factor): its tasks and its split pieces
        int per = splitFactor(op, units.size());
        Map<Integer, List<Integer>> blockTasks = new TreeMap<>();
        Map<Integer, Long> blockSplitPieces = new TreeMap<>();
        for (HeadGroup hg : op.headGroups()) {
            Map<Integer, Load> loads = new TreeMap<>();
            for (Piece pc : place(op, units)) {
                if (pc.hg() != hg) continue;
                Load l = loads.computeIfAbsent(pc.unit(), k -> new Load());
                l.tokens += pc.tokens();
                l.pieces++;
                if (pc.split()) l.splitPieces++;
            }
            long queries = Math.max(1, ceilDiv(hg.queryKeyPairs(), Math.max(1, hg.keysPerQuery())));
            long m = (long) hg.queriesPerKvHead() * queries;
            for (Map.Entry<Integer, Load> e : loads.entrySet()) {
                Load l = e.getValue();
                int unitBlock = e.getKey() / per;
                blockSplitPieces.merge(unitBlock, l.splitPieces, Long::sum);
                int before = out.size();
                // pieces that fit the unit's local memory (when it streams the cache in) and the controller's buffer
                long limit = streamed && localLimit > 0 ? Math.min(localLimit, controllerBuffer) : controllerBuffer;
                long perTokenBytes = (streamed ? (long) Math.ceil(perToken * kvElem) : 0) + m * ACT_BYTES;
                long fixed = (l.pieces + 1) * m * d * ACT_BYTES;
                long chunk = Math.max(1, Math.min(l.tokens, (limit - fixed) / Math.max(1, perTokenBytes)));
                boolean value = op.opClass() == OperatorClass.ATTENTION_VALUE;
                long n = value ? d : l.tokens * perToken / d;
                long k = value ? l.tokens : d;
                UnitParams.MatmulBlock block = units.get(0).fit().matmulBlock(k, n, graph.options().kvCache().bits(), ACT_BYTES);
                if (block != null) {
                    // the cache is written into the arrays like weights (never resident: it changes every step)
                    String key = key(op) + ".kv" + e.getKey() + "." + nextOpId;
                    List<Integer> blocks = new ArrayList<>();
                    for (Compute c : blocks(m, n, k, block, (long) Math.ceil(l.tokens * perToken * kvElem), key)) {
                        blocks.add(add(task(units.get(e.getKey()), c, pre, op, group)));
                    }
                    out.addAll(partialSums(op, group, blocks, m, n, k, block));
                    blockTasks.computeIfAbsent(unitBlock, b -> new ArrayList<>()).addAll(out.subList(before, out.size()));
                    continue;
                }
                for (long done = 0; done < l.tokens; done += chunk) {
                    long t = Math.min(chunk, l.tokens - done);
                    long weight = (long) Math.ceil(t * perToken * kvElem);
                    OpClass cls = matrix(m);
                    long heads = Math.max(1, Math.min(l.pieces, t));
                    Compute c = value
                            ? new Compute(nextOpId++, cls, m, d, t, weight, m * t * ACT_BYTES + (streamed ? weight : 0),
                                    heads * m * d * ACT_BYTES, null)
                            : new Compute(nextOpId++, cls, m, t * perToken / d, d, weight,
                                    heads * m * d * ACT_BYTES + (streamed ? weight : 0), m * t * perToken / d * ACT_BYTES, null);
                    addFitted(units.get(e.getKey()), c, false, pre, op, group, out);
                }
                blockTasks.computeIfAbsent(unitBlock, b -> new ArrayList<>()).addAll(out.subList(before, out.size()));
            }
        }
        if (op.opClass() != OperatorClass.ATTENTION_VALUE || blockSplitPieces.values().stream().allMatch(p -> p == 0)) {
            return out;
        }
        // merging partial softmax results: rescale and add each partial output (2 ops per value), for
        // each block of units on its own vector unit (blocks dealt round-robin), as soon as that
        // block's pieces are done: no single unit merges the heads of every unit
        List<Machine.Unit> vec = vectorUnits(op);
        List<Integer> merged = new ArrayList<>();
        int v = 0;
        for (Map.Entry<Integer, List<Integer>> b : blockTasks.entrySet()) {
            long pieces = blockSplitPieces.getOrDefault(b.getKey(), 0L);
            if (pieces == 0) {
                merged.addAll(b.getValue());
                continue;
            }
            long values = pieces * model.queriesPerKvHead() * d;
            Compute merge = new Compute(nextOpId++, OpClass.MIN_MAX, 1, values, 0, 0,
                    values * ACT_BYTES, values * ACT_BYTES, null);
            merged.add(add(task(vec.get(v++ % vec.size()), merge, b.getValue(), op, group)));
        }
        return merged;
    }

    private static long pieceTokens(Operator op, HeadGroup hg) {
        return op.opClass() == OperatorClass.PAGE_SELECT ? hg.pagesScored() : hg.tokensRead();
    }

    /**
     * Spreads the (sequence, KV head) items of an attention operator over units. Pinned: item i on
     * unit i mod U. Split: when there are fewer items than units, each item's tokens are cut into
     * U / items pieces on consecutive units (its pages interleaved over them).
     */
    private List<Piece> place(Operator op, List<Machine.Unit> units) {
        List<Piece> pieces = new ArrayList<>();
        int u = units.size();
        int per = splitFactor(op, u);
        int item = firstItem(op);
        for (HeadGroup hg : op.headGroups()) {
            long tokens = pieceTokens(op, hg);
            for (int seq = 0; seq < graph.batch(); seq++) {
                for (int h = 0; h < hg.kvHeads(); h++, item++) {
                    if (tokens == 0) continue;
                    int parts = (int) Math.min(per, tokens);
                    for (int p = 0; p < parts; p++) {
                        pieces.add(new Piece(hg, share(tokens, parts, p), (item * per + p) % u, parts > 1));
                    }
                }
            }
        }
        return pieces;
    }

    private int splitFactor(Operator op, int units) {
        return policy.attentionLayout() == MappingPolicy.AttentionLayout.TOKEN_SPLIT
                ? Math.max(1, units / Math.max(1, items(op))) : 1;
    }

    /** (sequence, KV head) pairs of one layer's attention operator. */
    private int items(Operator op) {
        int items = 0;
        for (HeadGroup hg : op.headGroups()) items += hg.kvHeads() * graph.batch();
        return items;
    }

    /**
     * The first (sequence, KV head) item of the operator's layer: pinned heads of successive
     * layers go to successive units, so that a unit holds the caches of a few (layer, head) pairs
     * rather than one head's cache of every layer.
     */
    private int firstItem(Operator op) {
        return policy.attentionLayout() == MappingPolicy.AttentionLayout.HEAD_PINNED ? op.layer() * items(op) : 0;
    }

    /**
     * With pinned heads a unit must hold whole caches: the busiest unit holds
     * ceil(layers x batch x KV heads / units) of them at the step's context.
     */
    private void checkPinnedCachesFit() {
        if (policy.attentionLayout() != MappingPolicy.AttentionLayout.HEAD_PINNED) return;
        List<Machine.Unit> units = machine.serving(policy.role(OperatorClass.ATTENTION_SCORE,
                graph.phase()));
        if (units.isEmpty() || !units.get(0).traits().holdsKv()) return;
        KvCache kv = new KvCache(model, graph.options());
        long perHead = kv.pagesPerHead(HeadGroup.Kind.DENSE, graph.context()) * kv.pageBytes();
        long perUnit = ceilDiv((long) model.layers() * graph.batch() * model.kvHeads(), units.size()) * perHead;
        long capacity = units.get(0).params().capacityBytes();
        if (perUnit > capacity) {
            throw new UserError(machine.topology().file() + ": mapping '" + policy.name() + "' pins each KV head to one "
                    + units.get(0).kind() + "; at a context of " + graph.context() + " tokens a unit must hold "
                    + perUnit + " bytes of KV cache, it has " + capacity);
        }
    }

    private List<Integer> kvStore(Operator op, int group, List<Integer> pre, List<Machine.Unit> units) {
        double kvElem = graph.options().kvCache().bits() / 8.0;
        int d = model.headDim();
        int u = units.size();
        int per = splitFactor(op, u);
        Map<Integer, long[]> perUnit = new TreeMap<>();
        int item = firstItem(op);
        for (HeadGroup hg : op.headGroups()) {
            for (int seq = 0; seq < graph.batch(); seq++) {
                for (int h = 0; h < hg.kvHeads(); h++, item++) {
                    if (hg.tokensAppended() == 0) continue;
                    // the newest page of a split head lives on the piece that holds the end of its cache
                    int unit = (int) ((item * (long) per + (graph.context() / graph.options().kvPageTokens()) % per) % u);
                    long[] acc = perUnit.computeIfAbsent(unit, k -> new long[2]);
                    acc[0] += hg.tokensAppended();
                    acc[1] += (long) Math.ceil(hg.tokensAppended() * 2L * d * kvElem);
                }
            }
        }
        if (perUnit.isEmpty()) return List.of(add(Program.Task.join(pre, null, -1)));
        List<Integer> out = new ArrayList<>();
        for (Map.Entry<Integer, long[]> e : perUnit.entrySet()) {
            Compute c = new Compute(nextOpId++, OpClass.STORE, e.getValue()[0], 2L * d, 0, 0,
                    e.getValue()[1], 0, null);
            out.add(add(task(units.get(e.getKey()), c, pre, op, group)));
        }
        return out;
    }

    /** The units that hold the KV cache: the attention units if they keep it, else the machine's CiD memory. */
    private List<Machine.Unit> kvHolders(List<Machine.Unit> attentionUnits) {
        if (attentionUnits.get(0).traits().holdsKv()) return attentionUnits;
        List<Machine.Unit> cid = machine.serving(Role.CID);
        return cid.isEmpty() ? attentionUnits : cid;
    }

    // ---- element-wise work

    private List<Integer> vector(Operator op, int group, List<Integer> pre, List<Machine.Unit> units) {
        OpClass cls = vectorClass(op);
        Shape s = new Shape(op);
        long rows = op.opClass() == OperatorClass.SOFTMAX ? s.m * Math.max(1, s.heads) * graph.batch() : s.m;
        long cols = s.n;
        if (cls == OpClass.TOP_K) {
            Compute c = new Compute(nextOpId++, cls, rows, cols, Math.max(1, s.k), 0, op.activationBytesRead(),
                    op.activationBytesWritten(), null);
            return List.of(add(task(units.get(0), c, pre, op, group)));
        }
        // enough pieces for every unit, and small enough for a unit's local memory and the controller's buffer
        long localBuffer = units.get(0).fit().localBufferBytes();
        long local = localBuffer > 0 ? Math.min(localBuffer, controllerBuffer) : controllerBuffer;
        long bytes = op.activationBytesRead() + op.activationBytesWritten();
        long rowsPerPiece = local > 0 ? Math.max(1, local / Math.max(1, ceilDiv(bytes, rows))) : rows;
        long pieces = Math.min(rows, Math.max(units.size(), ceilDiv(rows, rowsPerPiece)));
        List<Integer> out = new ArrayList<>((int) pieces);
        for (int i = 0; i < pieces; i++) {
            long r = share(rows, (int) pieces, i);
            Compute c = new Compute(nextOpId++, cls, r, Math.max(1, cols), 0, 0, scale(op.activationBytesRead(), r, rows),
                    scale(op.activationBytesWritten(), r, rows), null);
            out.add(add(task(units.get(i % units.size()), c, pre, op, group)));
        }
        return out;
    }

    private OpClass vectorClass(Operator op) {
        return switch (op.opClass()) {
            case NORM -> model.norm() == ModelConfig.NormKind.LAYER_NORM ? OpClass.LAYER_NORM
                    : OpClass.RMS_NORM;
            case ROPE -> OpClass.ROPE;
            case SOFTMAX -> OpClass.SOFTMAX;
            case PAGE_SUMMARY -> OpClass.MIN_MAX;
            case SAMPLING -> OpClass.TOP_K;
            case EMBEDDING -> OpClass.LOAD;
            case ELEMENTWISE -> switch (op.name()) {
                case "silu_mul" -> OpClass.SILU;
                case "relu" -> OpClass.RELU;
                default -> OpClass.RESIDUAL_ADD;
            };
            default -> throw new IllegalStateException(op.opClass() + " is not element-wise");
        };
    }

    // ---- helpers

    /** The shape of an operator as the units see it. */
    private record Shape(long m, long n, long k, int heads) {
        Shape(Operator op) {
            this(Math.max(1, op.shape().m()), Math.max(1, op.shape().n()), Math.max(1, op.shape().k()), op.shape().heads());
        }
    }

    /**
     * Adds a matrix task, cut by input rows into pieces whose input plus output fit the
     * controller's buffer (each piece streams the stationary operand again, as a unit that takes
     * its inputs in groups does). {@code sharedInput}: every unit of the operator takes the same
     * whole input (a weight matrix split by columns), which units on a NoC receive in one
     * multicast; a piece's input is its own.
     */
    private void addFitted(Machine.Unit unit, Compute c, boolean sharedInput, List<Integer> pre, Operator op, int group,
                           List<Integer> out) {
        long bytes = c.inBytes() + c.outBytes();
        if (bytes <= controllerBuffer || c.m() == 1) {
            out.add(add(new Program.Task(unit.port(), c, pre, unit.dst(), op.name(), group, sharedInput)));
            return;
        }
        int pieces = (int) Math.min(c.m(), ceilDiv(bytes, controllerBuffer) + 1);
        for (int i = 0; i < pieces; i++) {
            long m = share(c.m(), pieces, i);
            Compute piece = new Compute(i == 0 ? c.opId() : nextOpId++, matrix(m), m, c.n(), c.k(), c.weightBytes(),
                    scale(c.inBytes(), m, c.m()), scale(c.outBytes(), m, c.m()), c.weightKey());
            out.add(add(task(unit, piece, pre, op, group)));
        }
    }

    /** A matrix op over one input row is a GEMV, over several a GEMM. */
    private static OpClass matrix(long rows) {
        return rows == 1 ? OpClass.GEMV : OpClass.GEMM;
    }

    private Program.Task task(Machine.Unit unit, Compute c, List<Integer> pre, Operator op, int group) {
        return new Program.Task(unit.port(), c, pre, unit.dst(), op.name(), group);
    }

    private int add(Program.Task t) {
        tasks.add(t);
        return tasks.size() - 1;
    }

    private String key(Operator op) {
        return "L" + op.layer() + "." + op.name();
    }

    /** Share {@code i} of {@code total} split into {@code parts} near-equal parts. */
    static long share(long total, int parts, int i) {
        return total / parts + (i < total % parts ? 1 : 0);
    }

    static long scale(long bytes, long part, long whole) {
        return whole == 0 ? 0 : Math.round((double) bytes * part / whole);
    }

    static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
