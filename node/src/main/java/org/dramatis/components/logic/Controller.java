package org.dramatis.components.logic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.dramatis.components.noc.Multicast;
import org.dramatis.components.noc.NocAddress;
import org.dramatis.components.noc.Routed;
import org.dramatis.components.ops.Compute;
import org.dramatis.components.ops.Done;
import org.dramatis.components.ops.Fetch;
import org.dramatis.components.ops.WeightData;
import org.dramatis.engine.AtLeast;
import org.dramatis.engine.Component;
import org.dramatis.engine.ComponentParams;
import org.dramatis.engine.Context;
import org.dramatis.engine.Stats;

/**
 * The logic-die controller: it executes a {@link Program}. At time 0 (or when a program arrives
 * as a message) every task without dependencies is ready; ready tasks are issued lowest index
 * first, each as its {@link Compute} on the task's output port (with the op's {@code inBytes}, so
 * the link charges the input transfer; tasks that share their operator's input and are ready
 * together go into the NoC as one {@link Multicast}). A task is done when its {@link Done} arrives; its
 * dependants whose dependencies are all done become ready and are issued at that time. The
 * program is done when every task is; the controller records each task's issue and completion
 * time, its service interval and energy on its unit (from the Done), what issuing it cost the
 * controller, and the program's finish time.
 *
 * <p>It also answers {@link Fetch} requests (from CiM tiles loading weights) with a
 * {@link WeightData} of the requested size on the port named like the one the request came in on;
 * the weights' source behind the controller (its HBM) is not modelled here, only the link that
 * carries them.
 *
 * <p>Why the program sits in the parameter record: a kind must be constructible from its Params
 * alone. A topology file gives {@code sram_bytes}; the run builder, which compiles the workload,
 * sets the program with {@link Params#withProgram}. A controller started with an empty program
 * waits for a {@link Program} message on any input port (from a host, say) and runs it then.
 */
public final class Controller implements Component {

    /**
     * @param sramBytes         capacity of the controller's SRAM buffers; every task's op must fit
     *                          ({@code inBytes + outBytes}). Default 2 MiB (assumption: a few MB of
     *                          logic-die buffer, in the range of the HBM-PIM/AiM buffer dies)
     * @param issueIntervalPs   time between two task issues: the controller issues one task (one
     *                          macro-instruction: a GEMV on a unit, a softmax on a vector unit)
     *                          at a time. Default 1000 ps (assumption: one instruction per cycle of
     *                          a 1 GHz control core; CENT's device RISC-V cores run at 2 GHz and
     *                          issue CENT's macro-instructions, docs/hardware.md section 2)
     * @param pjPerInstruction  energy to fetch, decode and issue one task. Default 70 pJ (Horowitz,
     *                          ISSCC 2014: about 70 pJ per instruction of a simple in-order
     *                          core at 45 nm, almost all of it overhead around the operation)
     * @param bufferPjPerByte   energy per byte through its SRAM buffers: each task's input and
     *                          output (the weights it answers a {@link Fetch} with stream from
     *                          memory on the fetch link, which carries their cost). Default 12.5 pJ (Horowitz,
     *                          ISSCC 2014: 100 pJ per 64-bit access of a 1 MB SRAM at 45 nm)
     * @param staticPowerW      leakage of the control core and its buffers. Default 20.5 mW
     *                          (assumption: about what DSENT gives for a 5-port router's leakage
     *                          at 45 nm; no published figure for a logic-die PIM controller)
     * @param multicast         tasks of one operator that share its whole input leave into the NoC
     *                          as one {@link Multicast} (the input crosses each link once). Default
     *                          true; false sends each its own copy, for an ablation of the mechanism
     * @param program           the program to run from time 0; {@link Program#EMPTY} to wait for one
     */
    public record Params(@AtLeast(0) long sramBytes, @AtLeast(0) long issueIntervalPs,
                         @AtLeast(value = 0, finite = true) double pjPerInstruction,
                         @AtLeast(value = 0, finite = true) double bufferPjPerByte, @AtLeast(0) double staticPowerW,
                         boolean multicast, Program program) implements ComponentParams {
        public static final long DEFAULT_SRAM_BYTES = 2L << 20;

        public Params {
            if (program == null) program = Program.EMPTY;
        }

        /** Topology files give the figures; the run sets the program. */
        static Params defaults() {
            return of(Program.EMPTY);
        }

        public static Params of(Program program) {
            return new Params(DEFAULT_SRAM_BYTES, 1000, 70, 12.5, 0.0205, true, program);
        }

        public Params withProgram(Program p) {
            return new Params(sramBytes, issueIntervalPs, pjPerInstruction, bufferPjPerByte, staticPowerW, multicast, p);
        }

        @Override
        public long capacityBytes() {
            return sramBytes;
        }
    }

    // The parameters, the program and what is derived from it alone are transient: a checkpoint
    // leaves them out, and a restored controller takes them back from the one every node builds
    // from the job (restored). A program can be hundreds of MB; the run state is a few arrays.
    private transient Params p;
    private transient Program program;
    /** A program that arrived as a message (null when it came with the parameters): checkpointed. */
    private Program received;
    private transient List<List<Integer>> dependants;
    private transient Map<Long, Integer> taskOfOp;
    private int[] waitingOn;
    /** Output port of each task, resolved once when the program is loaded (-1 for joins). */
    private int[] taskPort;
    private final PriorityQueue<Integer> ready = new PriorityQueue<>();
    private long[] issuedAt = new long[0];
    private long[] doneAt = new long[0];
    /** When the unit actually served each task (from its Done), for timelines and the operator table. */
    private long[] servedFrom = new long[0];
    private long[] servedTo = new long[0];
    /** The unit's dynamic energy for each task (from its Done; NaN when the unit does not meter its ops). */
    private double[] unitPj = new double[0];
    /** The controller's own energy for issuing each task: its instruction, if it took one, and its buffer bytes. */
    private double[] issuePj = new double[0];
    private int remaining;
    private long finishPs = -1;
    private long fetches;
    private long fetchedBytes;
    /** When the controller can issue its next task (one at a time, {@code issueIntervalPs} apart). */
    private long issueFreeAt;
    private long instructions;
    private long bufferBytes;

    public Controller(Params p) {
        p.validate();
        this.p = p;
    }

    @Override
    public String kind() {
        return "controller";
    }

    @Override
    public void start(Context ctx) {
        if (p.program().size() > 0) load(ctx, p.program());
    }

    private void load(Context ctx, Program prog) {
        if (program != null && remaining > 0) {
            throw new IllegalStateException("controller '" + ctx.name() + "' got a program while one is running");
        }
        int n = prog.size();
        int[] ports = new int[n];
        Map<String, Integer> byName = new HashMap<>();
        for (int i = 0; i < n; i++) {
            Program.Task t = prog.tasks().get(i);
            ports[i] = -1;
            if (t.isJoin()) continue;
            long need = t.op().inBytes() + t.op().outBytes();
            if (need > p.sramBytes()) {
                throw new IllegalArgumentException("controller '" + ctx.name() + "': task " + i + " (op " + t.op().opId()
                        + ") needs " + need + " bytes of SRAM buffer, the controller has " + p.sramBytes());
            }
            Integer port = byName.get(t.target());
            if (port == null) {
                if (!ctx.hasOutPort(t.target())) {
                    throw new IllegalArgumentException("controller '" + ctx.name() + "': task " + i + " targets port '"
                            + t.target() + "', which is not wired");
                }
                port = ctx.outPort(t.target());
                byName.put(t.target(), port);
            }
            ports[i] = port;
        }
        taskPort = ports;
        index(prog);
        waitingOn = new int[n];
        issuedAt = new long[n];
        doneAt = new long[n];
        servedFrom = new long[n];
        servedTo = new long[n];
        unitPj = new double[n];
        issuePj = new double[n];
        Arrays.fill(issuedAt, -1);
        Arrays.fill(doneAt, -1);
        for (int i = 0; i < n; i++) {
            waitingOn[i] = prog.tasks().get(i).deps().size();
            if (waitingOn[i] == 0) ready.add(i);
        }
        remaining = n;
        finishPs = -1;
        issueReady(ctx);
    }

    /** The program and what follows from it alone: each task's dependants, and the task of each op. */
    private void index(Program prog) {
        int n = prog.size();
        program = prog;
        dependants = new ArrayList<>(n);
        taskOfOp = new HashMap<>();
        for (int i = 0; i < n; i++) dependants.add(new ArrayList<>());
        for (int i = 0; i < n; i++) {
            Program.Task t = prog.tasks().get(i);
            if (!t.isJoin()) taskOfOp.put(t.op().opId(), i);
            for (int d : t.deps()) dependants.get(d).add(i);
        }
    }

    @Override
    public void restored(Component built) {
        p = ((Controller) built).p;
        // a loaded program is the one received, or else the parameters' (loaded at start)
        if (taskPort != null) index(received != null ? received : p.program());
    }

    /**
     * Issues the ready tasks, one every {@code issueIntervalPs} from when the controller is next
     * free (a join is bookkeeping and costs nothing); a task leaves on its link when it is issued.
     */
    private void issueReady(Context ctx) {
        Integer i;
        while ((i = ready.poll()) != null) {
            Program.Task t = program.tasks().get(i);
            if (t.isJoin()) {
                issuedAt[i] = ctx.now();
                markDone(ctx, i);
                continue;
            }
            long at = issue(ctx, i);
            issuedAt[i] = at;
            Compute op = t.op();
            int port = taskPort[i];
            if (t.dst() == null) {
                ctx.sendAt(at, port, op, op.inBytes());
            } else if (p.multicast() && t.sharedInput() && sharesInputWith(t, port, ready.peek())) {
                multicast(ctx, i, at);
            } else {
                Routed r = new Routed(t.dst(), null, op, op.inBytes());
                ctx.sendAt(at, port, r, r.wireBytes());
            }
        }
    }

    /** Takes the next issue slot for task {@code i}, charging its instruction and the bytes it moves through the buffer. */
    private long issue(Context ctx, int i) {
        long at = Math.max(ctx.now(), issueFreeAt);
        issueFreeAt = at + p.issueIntervalPs();
        Compute op = program.tasks().get(i).op();
        charge(i, 1, op.inBytes() + op.outBytes());
        return at;
    }

    /** Counts {@code instr} instructions and {@code bytes} through the buffer for task {@code i}, and their energy. */
    private void charge(int i, int instr, long bytes) {
        instructions += instr;
        bufferBytes += bytes;
        issuePj[i] = instr * p.pjPerInstruction() + bytes * p.bufferPjPerByte();
    }

    /** Whether ready task {@code next} (may be null) takes the same input as {@code t} into the same NoC port. */
    private boolean sharesInputWith(Program.Task t, int port, Integer next) {
        if (next == null || taskPort[next] != port) return false;
        Program.Task n = program.tasks().get(next);
        return n.sharedInput() && n.dst() != null && n.group() == t.group() && n.op().inBytes() == t.op().inBytes();
    }

    /**
     * Issues task {@code first} and the ready tasks after it that share its input as one multicast
     * at {@code at}: one instruction (the input is read from the buffer once), each op's output
     * written back.
     */
    private void multicast(Context ctx, int first, long at) {
        Program.Task t = program.tasks().get(first);
        int port = taskPort[first];
        List<NocAddress> dsts = new ArrayList<>();
        List<Object> ops = new ArrayList<>();
        dsts.add(t.dst());
        ops.add(t.op());
        while (sharesInputWith(t, port, ready.peek())) {
            int i = ready.poll();
            issuedAt[i] = at;
            charge(i, 0, program.tasks().get(i).op().outBytes());
            dsts.add(program.tasks().get(i).dst());
            ops.add(program.tasks().get(i).op());
        }
        Multicast m = new Multicast(dsts, ops, null, t.op().inBytes());
        ctx.sendAt(at, port, m, m.wireBytes());
    }

    @Override
    public void receive(Context ctx, int inPort, Object payload) {
        Object msg = payload instanceof Routed r ? r.payload() : payload;
        if (msg instanceof Done d) {
            complete(ctx, d);
        } else if (payload instanceof Fetch f) {
            fetches++;
            fetchedBytes += f.bytes();
            ctx.send(ctx.outPort(ctx.inPortName(inPort)), new WeightData(f.opId(), f.weightKey(), f.bytes()), f.bytes());
        } else if (payload instanceof Program prog) {
            load(ctx, prog);
            received = prog;
        } else {
            throw new IllegalStateException("controller '" + ctx.name() + "' got an unexpected message on port '"
                    + ctx.inPortName(inPort) + "': " + payload);
        }
    }

    private void complete(Context ctx, Done d) {
        Integer i = program == null ? null : taskOfOp.get(d.opId());
        if (i == null || issuedAt[i] < 0 || doneAt[i] >= 0) {
            throw new IllegalStateException("controller '" + ctx.name() + "' got a Done for op " + d.opId()
                    + ", which is not an outstanding task");
        }
        servedFrom[i] = d.startPs();
        servedTo[i] = d.finishPs();
        unitPj[i] = d.energyPj();
        markDone(ctx, i);
        issueReady(ctx);
    }

    private void markDone(Context ctx, int i) {
        doneAt[i] = ctx.now();
        for (int dep : dependants.get(i)) if (--waitingOn[dep] == 0) ready.add(dep);
        if (--remaining == 0) finishPs = ctx.now();
    }

    /** Issue time of each task (ps), -1 if never issued. */
    public long[] issuedAt() {
        return issuedAt.clone();
    }

    /** Time each task's Done arrived (ps), -1 if it did not. */
    public long[] doneAt() {
        return doneAt.clone();
    }

    /** One task as its unit served it: the unit's port (and mesh address), the task's label, the service interval. */
    public record Slice(String unit, String label, long startPs, long endPs) {}

    /**
     * A task that was served: its unit served it from {@code startPs} to {@code endPs} and charged
     * {@code unitPj} for it (NaN unless the unit meters its ops); issuing it cost the controller
     * {@code issuePj}.
     */
    public record Served(Program.Task task, long issuedPs, long startPs, long endPs, long donePs, double unitPj,
                         double issuePj) {
        /** The unit's port, and its mesh address behind the port when it has one. */
        public String unit() {
            return task.dst() == null ? task.target() : task.target() + task.dst();
        }
    }

    /** The served tasks (joins left out) in program order. */
    public List<Served> served() {
        List<Served> out = new ArrayList<>();
        if (program == null) return out;
        for (int i = 0; i < doneAt.length; i++) {
            Program.Task t = program.tasks().get(i);
            if (doneAt[i] < 0 || t.isJoin()) continue;
            out.add(new Served(t, issuedAt[i], servedFrom[i], servedTo[i], doneAt[i], unitPj[i], issuePj[i]));
        }
        return out;
    }

    /**
     * The served tasks in program order, at most {@code max} of them: when there are more, every
     * k-th task is kept (k the smallest stride that fits), so a long run stays bounded.
     */
    public List<Slice> timeline(int max) {
        List<Served> served = served();
        int stride = Math.max(1, (served.size() + max - 1) / Math.max(1, max));
        List<Slice> out = new ArrayList<>();
        for (int k = 0; k < served.size(); k += stride) {
            Served s = served.get(k);
            Program.Task t = s.task();
            out.add(new Slice(s.unit(), t.label() == null ? t.op().cls().name() : t.label(), s.startPs(), s.endPs()));
        }
        return out;
    }

    /** Time the last task completed, or -1 while the program is not done. */
    public long finishPs() {
        return finishPs;
    }

    @Override
    public void report(Stats stats) {
        int done = 0;
        for (long t : doneAt) if (t >= 0) done++;
        stats.count("tasks", doneAt.length).count("tasks_done", done).count("finish_ps", finishPs)
                .count("weight_fetches", fetches).count("weight_fetch_bytes", fetchedBytes)
                .count("instructions", instructions).count("buffer_bytes", bufferBytes)
                .energy("instruction", instructions * p.pjPerInstruction())
                .energy("buffer", bufferBytes * p.bufferPjPerByte())
                .busy(instructions * p.issueIntervalPs());
        for (Map.Entry<String, Long> e : spansByLabel().entrySet()) stats.count("span_ps." + e.getKey(), e.getValue());
    }

    /**
     * For each task label, the sum over its groups (operators) of the time from the group's first
     * issue to its last completion. In a serial program these spans add up to the finish time;
     * with overlap they add up to more.
     */
    private Map<String, Long> spansByLabel() {
        Map<String, Long> spans = new java.util.TreeMap<>();
        if (program == null) return spans;
        Map<Integer, long[]> groups = new java.util.TreeMap<>();
        Map<Integer, String> labels = new HashMap<>();
        for (int i = 0; i < doneAt.length; i++) {
            Program.Task t = program.tasks().get(i);
            if (t.label() == null || t.group() < 0 || doneAt[i] < 0) continue;
            long[] g = groups.computeIfAbsent(t.group(), k -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE});
            g[0] = Math.min(g[0], issuedAt[i]);
            g[1] = Math.max(g[1], doneAt[i]);
            labels.put(t.group(), t.label());
        }
        for (Map.Entry<Integer, long[]> g : groups.entrySet()) {
            spans.merge(labels.get(g.getKey()), g.getValue()[1] - g.getValue()[0], Long::sum);
        }
        return spans;
    }
}
