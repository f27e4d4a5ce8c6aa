package org.dramatis.components.ops;

import java.util.ArrayDeque;
import java.util.List;
import org.dramatis.components.noc.NocAddress;
import org.dramatis.components.noc.Routed;
import org.dramatis.engine.Component;
import org.dramatis.engine.Context;
import org.dramatis.engine.Stats;

/**
 * The operation protocol of a compute component, shared by every kind that serves
 * {@link Compute} requests. Requests that arrive while an op is in service wait in FIFO order,
 * so ops on one unit serialise as a single-server queue predicts. A request arrives either
 * directly or inside a NoC {@link Routed} header; the {@link Done} goes back on the output port
 * named like the input port the request came in on (wire both ways with
 * {@link org.dramatis.engine.Graph#connectBoth}), carrying the op's {@code outBytes}, and, for a
 * routed request, addressed to its source.
 *
 * <p>A kind implements {@link #begin}: it computes the op's service time from its own timing
 * model, charges its energy, and calls {@link #completeAfter} (possibly later, after data it
 * waits for has arrived, see {@link #onOther}).
 *
 * <p>A unit that meters its ops ({@link #meterOps}) puts in each {@link Done} the dynamic energy
 * it charged from the op's start to its finish: its {@link #reportModel} energy then less its
 * energy when the op began, so the ops' energies add up to what the unit reports. Off by
 * default: it evaluates the energy model twice per op.
 */
public abstract class OpUnit implements Component {

    private record Pending(Compute op, int replyPort, NocAddress replyTo) {}

    /** Wake-up token for the end of the op in service. */
    private enum Wake { FINISHED }

    /** The classes of this protocol's private state and wake-up token, for Kryo (checkpoints). */
    public static List<Class<?>> wireTypes() {
        return List.of(Pending.class, Wake.class);
    }

    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private Pending current;
    private long currentStart;
    private boolean metered;
    /** The unit's dynamic energy (pJ) when the op in service began, when metered. */
    private double energyAtStart;
    private long ops;
    private long busyPs;
    /** Most requests ever waiting behind the one in service. */
    private long maxQueue;

    @Override
    public final void receive(Context ctx, int inPort, Object payload) {
        if (inPort == Context.SELF && payload == Wake.FINISHED) {
            finish(ctx);
            return;
        }
        Pending p;
        if (payload instanceof Compute c) {
            p = new Pending(c, ctx.outPort(ctx.inPortName(inPort)), null);
        } else if (payload instanceof Routed r && r.payload() instanceof Compute c) {
            p = new Pending(c, ctx.outPort(ctx.inPortName(inPort)), r.src());
        } else {
            onOther(ctx, inPort, payload);
            return;
        }
        queue.add(p);
        if (current == null) startNext(ctx);
        maxQueue = Math.max(maxQueue, queue.size());
    }

    private void startNext(Context ctx) {
        current = queue.poll();
        if (current == null) return;
        currentStart = ctx.now();
        if (metered) energyAtStart = dynamicEnergyPj(ctx.now());
        begin(ctx, current.op());
    }

    /** Starts serving {@code op} now; must eventually call {@link #completeAfter} exactly once. */
    protected abstract void begin(Context ctx, Compute op);

    /** The op in service finishes {@code delayPs} from now. */
    protected final void completeAfter(Context ctx, long delayPs) {
        ctx.wakeAfter(delayPs, Wake.FINISHED);
    }

    /** The op in service, or null when idle. */
    protected final Compute inService() {
        return current == null ? null : current.op();
    }

    /** Handles any message other than a request; by default it is an error. */
    protected void onOther(Context ctx, int inPort, Object payload) {
        throw new IllegalStateException(kind() + " '" + ctx.name() + "' got an unexpected message on port '"
                + ctx.inPortName(inPort) + "': " + payload);
    }

    private void finish(Context ctx) {
        Compute op = current.op();
        double energy = metered ? dynamicEnergyPj(ctx.now()) - energyAtStart : Double.NaN;
        Done done = new Done(op.opId(), currentStart, ctx.now(), energy);
        if (current.replyTo() == null) {
            ctx.send(current.replyPort(), done, op.outBytes());
        } else {
            Routed r = new Routed(current.replyTo(), null, done, op.outBytes());
            ctx.send(current.replyPort(), r, r.wireBytes());
        }
        ops++;
        busyPs += ctx.now() - currentStart;
        current = null;
        startNext(ctx);
    }

    /** From now on, each op's {@link Done} carries the dynamic energy the unit charged for it. */
    public final void meterOps() {
        metered = true;
    }

    /** The dynamic energy charged by {@code nowPs} (pJ), as {@link #reportModel} reports it. */
    private double dynamicEnergyPj(long nowPs) {
        Stats s = new Stats(nowPs);
        reportModel(s);
        return s.totalEnergyPj() - s.staticEnergyPj();
    }

    @Override
    public final void report(Stats stats) {
        stats.count("ops", ops).count("max_queue", maxQueue).busy(busyPs);
        reportModel(stats);
    }

    /**
     * Reports the kind's own counters and energy by category (pJ): the energy charged so far (a
     * function of the counters), so that it can also be read between ops ({@link #meterOps}).
     */
    protected abstract void reportModel(Stats stats);
}
