package org.dramatis.dram;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dramatis.engine.AtLeast;
import org.dramatis.engine.Bounds;
import org.dramatis.engine.Component;
import org.dramatis.engine.ComponentParams;
import org.dramatis.engine.Context;
import org.dramatis.engine.Stats;

/**
 * The controller of one DRAM channel and the banks behind it, with DRAMsim3's semantics
 * (controller.cc): read queue and write buffer (or one unified queue), per-bank command queues
 * with FR-FCFS, open- or close-page policy, write draining with read/write turnaround, refresh,
 * and the IDD-based energy model.
 *
 * <p>Event-driven: it handles a cycle only when something can happen in it (a request arrives, a
 * command meets its timing, a refresh falls due) and otherwise sleeps; the cycles in between
 * are exactly the ones where DRAMsim3's per-cycle loop would find nothing to do.
 *
 * <p>Ports: requests ({@link Request}) arrive on any input port and enter the controller at the
 * next clock edge; the output port {@code status} (optional) carries {@link QueueStatus}
 * messages that let a front end see when transaction-queue slots free up.
 */
public final class DramChannel implements Component {

    /**
     * @param config  path of a DRAMsim3 {@code .ini} file
     * @param channel index of this channel in the configuration (for names and address checks)
     */
    public record Params(String config, @AtLeast(0) int channel) implements ComponentParams {
        @Override
        public void validate() {
            if (config == null || config.isBlank()) throw new IllegalArgumentException("config: a DRAM .ini path is required");
            Bounds.check(this);
        }
    }

    /** A memory request from a front end. */
    public record Request(long addr, boolean write) {}

    /**
     * Transactions that have left the read queue / write buffer (or been merged on arrival) since
     * the start; a front end's occupancy bound is what it sent minus these.
     */
    public record QueueStatus(int channel, long freedReads, long freedWrites) {}

    /** Wake-up token of a controller tick (an enum, so that a checkpoint restores it as itself). */
    private enum Wake { TICK }

    /** The classes of this channel's private state and wake-up token, for Kryo (checkpoints). */
    public static List<Class<?>> wireTypes() {
        return List.of(Wake.class, Transaction.class, Completions.class, CommandQueue.class, QueueRefresh.class);
    }

    private static final long NONE = Long.MAX_VALUE;

    private final DramConfig c;
    private final int channel;
    private final long tCk;
    private final ChannelState state;
    private final CommandQueue cmdQueue;
    private final List<Transaction> readQueue = new ArrayList<>();
    private final List<Transaction> writeBuffer = new ArrayList<>();
    private final Map<Long, List<Transaction>> pendingReads = new HashMap<>();
    private final Map<Long, Transaction> pendingWrites = new HashMap<>();
    private final Completions reads = new Completions();
    private final Completions bufferedReads = new Completions();
    private final Completions writes = new Completions();
    private final int[] bankOut = new int[2];
    private final RefreshSchedule refresh;
    private final QueueRefresh queueRefresh;
    private int writeDraining;
    private CommandType lastIssued;

    private int statusPort = -1;
    private long freedReads, freedWrites, reportedReads, reportedWrites;

    private long wantedTick = NONE;
    private long[] outstandingWakes = new long[8];
    private int outstanding;

    private long readCmds, writeCmds, readRowHits, writeRowHits, actCmds, preCmds, refCmds, refbCmds, arrivals;

    private static final class Transaction {
        final long addr;
        final boolean write;
        final long added;
        final Command cmd;
        /** The command queue it goes to. */
        final int queue;

        Transaction(long addr, boolean write, long added, Command cmd, int queue) {
            this.addr = addr;
            this.write = write;
            this.added = added;
            this.cmd = cmd;
            this.queue = queue;
        }
    }

    public DramChannel(Params p) {
        this(DramConfig.load(Path.of(p.config())), p.channel());
    }

    public DramChannel(DramConfig c, int channel) {
        if (channel >= c.channels) {
            throw new IllegalArgumentException("channel " + channel + " is out of range: " + c.source + " has "
                    + c.channels + " channels");
        }
        this.c = c;
        this.channel = channel;
        this.tCk = c.tCkPs();
        this.state = new ChannelState(c, new Timing(c));
        this.cmdQueue = new CommandQueue(c, state);
        this.refresh = new RefreshSchedule(c);
        this.queueRefresh = new QueueRefresh(state);
    }

    @Override
    public String kind() {
        return "dram_channel";
    }

    @Override
    public void start(Context ctx) {
        if (ctx.hasOutPort("status")) statusPort = ctx.outPort("status");
        scheduleTick(ctx, refresh.due());
    }

    @Override
    public void receive(Context ctx, int inPort, Object payload) {
        long now = ctx.now();
        if (payload == Wake.TICK) {
            long cycle = now / tCk;
            removeOutstanding(cycle);
            if (cycle != wantedTick) return;  // superseded by an earlier tick
            wantedTick = NONE;
            long next = tick(cycle);
            if (statusPort >= 0 && (freedReads != reportedReads || freedWrites != reportedWrites)) {
                reportedReads = freedReads;
                reportedWrites = freedWrites;
                ctx.send(statusPort, new QueueStatus(channel, freedReads, freedWrites), 0);
            }
            scheduleTick(ctx, next);
        } else {
            Request r = (Request) payload;
            long cycle = (now + tCk - 1) / tCk;  // enters the controller at the next clock edge
            if (accept(r.addr(), r.write(), cycle)) scheduleTick(ctx, cycle);
        }
    }

    private void scheduleTick(Context ctx, long cycle) {
        if (cycle == NONE || cycle >= wantedTick) return;
        wantedTick = cycle;
        for (int i = 0; i < outstanding; i++) if (outstandingWakes[i] == cycle) return;
        if (outstanding == outstandingWakes.length) {
            outstandingWakes = java.util.Arrays.copyOf(outstandingWakes, outstanding * 2);
        }
        outstandingWakes[outstanding++] = cycle;
        ctx.wakeAfter(cycle * tCk - ctx.now(), Wake.TICK);
    }

    private void removeOutstanding(long cycle) {
        for (int i = 0; i < outstanding; i++) {
            if (outstandingWakes[i] == cycle) {
                outstandingWakes[i] = outstandingWakes[--outstanding];
                return;
            }
        }
    }

    // ---------------------------------------------------------------- controller (DRAMsim3 semantics)

    /** Whether the transaction queue a request needs has room (DRAMsim3 WillAcceptTransaction). */
    public boolean willAccept(boolean write) {
        if (c.unifiedQueue) return readQueue.size() < c.transQueueSize;
        return (write ? writeBuffer.size() : readQueue.size()) < c.transQueueSize;
    }

    /**
     * A request enters the controller at {@code cycle} (DRAMsim3 AddTransaction). Returns whether
     * that cycle needs handling for it: not when it is a read that waits behind a full command
     * queue, since then the cycle does exactly what it would have done without the read (already
     * scheduled if anything), and a later cycle that frees the command queue moves it.
     */
    boolean accept(long addr, boolean write, long cycle) {
        if (!willAccept(write)) {
            throw new IllegalStateException("channel " + channel + ": request 0x" + Long.toHexString(addr)
                    + " arrived at cycle " + cycle + " while its queue is full (front end ignored back-pressure)");
        }
        arrivals++;
        Command cmd = Command.forRequest(c, addr, write);
        Transaction t = new Transaction(addr, write, cycle, cmd, cmdQueue.queueIndex(cmd));
        if (write) {
            if (!pendingWrites.containsKey(addr)) {
                pendingWrites.put(addr, t);
                (c.unifiedQueue ? readQueue : writeBuffer).add(t);
            } else {
                freedWrites++;  // merged into the pending write
            }
            writes.add(cycle + 1, 1);
        } else if (pendingWrites.containsKey(addr)) {
            bufferedReads.add(cycle + 1, 1);  // served from the write buffer
            freedReads++;
        } else {
            List<Transaction> same = pendingReads.computeIfAbsent(addr, k -> new ArrayList<>(1));
            same.add(t);
            if (same.size() == 1) {
                readQueue.add(t);
                return cmdQueue.hasRoom(t.queue);
            } else {
                freedReads++;  // merged into the pending read of the same address
            }
        }
        return true;
    }

    /** Handles cycle {@code t}; returns the next cycle at which anything can happen, or NONE. */
    long tick(long t) {
        while (refresh.due() <= t) refresh.take(queueRefresh);
        boolean issued = false;
        if (state.isRefreshWaiting() && cmdQueue.pickRefresh(t, state.pendingRefresh(), bankOut)) {
            Command ref = state.pendingRefresh();
            issue(cmdQueue.pickedType, ref.rank, bankOut[0], bankOut[1], -1, 0, t);
            issued = true;
        } else if (cmdQueue.pick(t, true)) {
            issue(t);
            issued = true;
        }
        if (issued && c.hbmDualCommand) {
            boolean firstWasReadWrite = lastIssued.isReadWrite();
            if (cmdQueue.pick(t, !firstWasReadWrite) && cmdQueue.pickedType.isReadWrite() != firstWasReadWrite) {
                issue(t);
            }
        }
        scheduleTransaction();
        reads.retire(t);
        bufferedReads.retire(t);
        writes.retire(t);
        return nextCycle(t);
    }

    /**
     * The next cycle after {@code t} in which this controller would do anything: issue a command,
     * move a transaction, or take a refresh. Nothing changes between handled cycles except by a
     * request arriving, which wakes the controller itself.
     */
    private long nextCycle(long t) {
        // a refresh not yet begun starts draining its banks' queues in the next cycle
        if (canMoveTransaction() || (state.isRefreshWaiting() && !cmdQueue.isRefreshing())) return t + 1;
        long next = Math.min(refresh.due(), cmdQueue.nextPickCycle(t));
        if (state.isRefreshWaiting()) {
            next = Math.min(next, Math.max(t + 1, cmdQueue.nextRefreshCycle(state.pendingRefresh())));
        }
        return next;
    }

    /** Whether {@link #scheduleTransaction} would move a transaction (or change its drain decision). */
    private boolean canMoveTransaction() {
        List<Transaction> queue = readQueue;
        if (!c.unifiedQueue) {
            boolean drain = writeDraining > 0 || writeBuffer.size() >= c.transQueueSize
                    || (writeBuffer.size() > 8 && cmdQueue.isEmpty());
            if (drain) queue = writeBuffer;
        }
        for (int i = 0; i < queue.size(); i++) {
            if (cmdQueue.hasRoom(queue.get(i).queue)) return true;
        }
        return false;
    }

    private void issue(long t) {
        Command cmd = cmdQueue.picked;
        issue(cmdQueue.pickedType, cmd.rank, cmd.bankgroup, cmd.bank, cmd.row, cmd.addr, t);
    }

    private void issue(CommandType type, int rank, int bankgroup, int bank, int row, long addr, long t) {
        lastIssued = type;
        switch (type) {
            case READ, READ_PRECHARGE -> {
                List<Transaction> done = pendingReads.remove(addr);
                if (done == null) throw new IllegalStateException("read 0x" + Long.toHexString(addr) + " not pending");
                long complete = t + c.readDelay;
                for (Transaction tr : done) reads.add(complete, complete - tr.added);
                readCmds++;
                if (state.rowHitCount(rank, bankgroup, bank) != 0) readRowHits++;
            }
            case WRITE, WRITE_PRECHARGE -> {
                if (pendingWrites.remove(addr) == null) {
                    throw new IllegalStateException("write 0x" + Long.toHexString(addr) + " not pending");
                }
                writeCmds++;
                if (state.rowHitCount(rank, bankgroup, bank) != 0) writeRowHits++;
            }
            case ACTIVATE -> actCmds++;
            case PRECHARGE -> preCmds++;
            case REFRESH -> refCmds++;
            case REFRESH_BANK -> refbCmds++;
        }
        state.issue(type, rank, bankgroup, bank, row, t);
        if (type != CommandType.REFRESH) cmdQueue.bankChanged(rank, bankgroup, bank);
    }

    /** Moves one transaction into its command queue (DRAMsim3 ScheduleTransaction). */
    private void scheduleTransaction() {
        if (writeDraining == 0 && !c.unifiedQueue) {
            // drain writes when the buffer is full, or when it holds more than 8 and nothing else is queued
            if (writeBuffer.size() >= c.transQueueSize || (writeBuffer.size() > 8 && cmdQueue.isEmpty())) {
                writeDraining = writeBuffer.size();
            }
        }
        List<Transaction> queue = c.unifiedQueue || writeDraining == 0 ? readQueue : writeBuffer;
        for (int i = 0; i < queue.size(); i++) {
            Transaction tr = queue.get(i);
            if (!cmdQueue.hasRoom(tr.queue)) continue;
            if (!c.unifiedQueue && tr.write) {
                if (pendingReads.containsKey(tr.addr)) {  // a read of this address must go first
                    writeDraining = 0;
                    return;
                }
                writeDraining--;
            }
            cmdQueue.add(tr.cmd);
            queue.remove(i);
            if (tr.write) freedWrites++;
            else freedReads++;
            return;
        }
    }

    @Override
    public void report(Stats stats) {
        long endCycle = stats.endPs() / tCk;
        reads.retire(endCycle - 1);
        bufferedReads.retire(endCycle - 1);
        writes.retire(endCycle - 1);
        double tCkNs = c.tCkNs;
        long activeCycles = 0;
        long idleCycles = 0;
        for (int r = 0; r < c.ranks; r++) {
            long a = state.rankActiveCycles(r, endCycle);
            activeCycles += a;
            idleCycles += endCycle - a;
        }
        stats.count("reads", reads.done + bufferedReads.done).count("writes", writes.done)
                .count("read_latency_cycles_sum", reads.latencySum + bufferedReads.latencySum)
                .count("arrivals", arrivals)
                .count("read_cmds", readCmds).count("write_cmds", writeCmds)
                .count("read_row_hits", readRowHits).count("write_row_hits", writeRowHits)
                .count("act_cmds", actCmds).count("pre_cmds", preCmds)
                .count("ref_cmds", refCmds).count("refb_cmds", refbCmds)
                .count("rank_active_cycles", activeCycles).count("all_bank_idle_cycles", idleCycles)
                .count("cycles", endCycle);
        // DRAMsim3's increments are V x mA x cycles; x tCK (ns) gives pJ
        stats.energy("act", actCmds * c.actEnergyInc * tCkNs)
                .energy("read", readCmds * c.readEnergyInc * tCkNs)
                .energy("write", writeCmds * c.writeEnergyInc * tCkNs)
                .energy("refresh", (refCmds * c.refEnergyInc + refbCmds * c.refbEnergyInc) * tCkNs)
                // background: drawn for the time that passed, reported as static energy
                .staticEnergy("active_standby", activeCycles * c.actStandbyEnergyInc * tCkNs)
                .staticEnergy("precharge_standby", idleCycles * c.preStandbyEnergyInc * tCkNs);
        stats.busy(activeCycles * tCk);
    }

    /** A refresh that falls due waits in the channel state until the controller can issue it. */
    private static final class QueueRefresh implements RefreshSchedule.Target {
        private final ChannelState state;

        QueueRefresh(ChannelState state) {
            this.state = state;
        }

        @Override
        public void rank(int rank, long due) {
            state.rankNeedsRefresh(rank);
        }

        @Override
        public void bank(int rank, int bankgroup, int bank, long due) {
            state.bankNeedsRefresh(rank, bankgroup, bank);
        }
    }

    /** Completed requests in completion order (FIFO, completion cycles non-decreasing per instance). */
    private static final class Completions {
        private long[] complete = new long[64];
        private long[] latency = new long[64];
        private int head, size;
        long done, latencySum;

        void add(long completeCycle, long lat) {
            if (size == complete.length) grow();
            int i = (head + size) & (complete.length - 1);
            complete[i] = completeCycle;
            latency[i] = lat;
            size++;
        }

        /** Counts every request completed at or before {@code cycle}. */
        void retire(long cycle) {
            while (size > 0 && complete[head] <= cycle) {
                done++;
                latencySum += latency[head];
                head = (head + 1) & (complete.length - 1);
                size--;
            }
        }

        private void grow() {
            long[] nc = new long[complete.length * 2];
            long[] nl = new long[complete.length * 2];
            for (int k = 0; k < size; k++) {
                nc[k] = complete[(head + k) & (complete.length - 1)];
                nl[k] = latency[(head + k) & (complete.length - 1)];
            }
            complete = nc;
            latency = nl;
            head = 0;
        }
    }
}
