package org.dramatis.components.pim;

import org.dramatis.components.ops.Clock;
import org.dramatis.components.ops.Compute;
import org.dramatis.dram.CommandType;
import org.dramatis.dram.DramConfig;
import org.dramatis.dram.RefreshSchedule;
import org.dramatis.dram.Timing;

/**
 * The command sequence of a PIM channel's matrix ops (GEMV, GEMM): global-buffer loads, passes
 * of all-bank rows of MAC commands over the weights, result read-outs (see {@link PimChannel}
 * for the sequence), on the command-level path or in closed form.
 */
final class MacPassSequencer {

    private final PimChannel.Params p;
    private final DramConfig c;
    private final RankTiming banks;
    private final DataBus bus;
    private final RefreshSchedule refresh;
    private final long banksTotal, burstBytes, colsPerRow;
    /** Same-bank delays of the DRAM (Timing) that space the rows of the closed form, and the MAC tRCD and gap the banks achieve. */
    private final long rp, rc, ras, rtp, macRcd, macGap;

    private long lastMac = PimChannel.NEVER;
    /** The previous row of the closed form. */
    private long rowAct, rowLastMac, rowPre;

    // counters (energy follows from them)
    long macs, macCommands, allBankActivates, bufferBursts, readoutBursts;

    // The state a matrix unit starts from, as saved by saveState: the last MAC, the bus, the
    // all-bank timing, and the counters a unit advances.
    private long savedLastMac, savedBusRead, savedBusWrite;
    private final long[] savedBanks;
    private long savedRefreshes, savedActivates, savedMacCommands, savedBufferBursts, savedReadoutBursts;

    MacPassSequencer(PimChannel.Params p, DramConfig c, Timing t, RankTiming banks, DataBus bus, RefreshSchedule refresh) {
        this.p = p;
        this.c = c;
        this.banks = banks;
        this.bus = bus;
        this.refresh = refresh;
        banksTotal = c.banksPerChannel();
        burstBytes = c.requestBytes;
        colsPerRow = c.burstsPerRow();
        rp = t.sameBankDelay(CommandType.PRECHARGE, CommandType.ACTIVATE);
        rc = t.sameBankDelay(CommandType.ACTIVATE, CommandType.ACTIVATE);
        ras = t.sameBankDelay(CommandType.ACTIVATE, CommandType.PRECHARGE);
        rtp = t.sameBankDelay(CommandType.READ, CommandType.PRECHARGE);
        macRcd = Math.max(p.macRcdCycles(), t.sameBankDelay(CommandType.ACTIVATE, CommandType.READ));
        macGap = p.macCycles(c);
        savedBanks = new long[banks.snapshotSize()];
    }

    /** The cycle of the last MAC command (NEVER before the first). */
    long lastMac() {
        return lastMac;
    }

    /** Runs a matrix op from cycle {@code start}; returns the cycle its results are out. */
    long matrix(Compute op, long start) {
        if (op.weightBytes() < 1) throw new IllegalArgumentException("op " + op.opId() + ": a PIM " + op.cls() + " needs weightBytes >= 1");
        long capacity = c.channelSizeMb << 20;
        if (op.weightBytes() > capacity) {
            throw new IllegalArgumentException("op " + op.opId() + ": weights of " + op.weightBytes()
                    + " B exceed the channel's " + capacity + " B; the mapper must split the op");
        }
        macs += op.macs();
        long m = op.m();
        long cmdsPerVector = Clock.ceilDiv(op.weightBytes(), banksTotal * burstBytes);
        long vectorBytes = Clock.ceilDiv(op.inBytes(), m);
        long gb = p.globalBufferBytes();
        boolean chunked = vectorBytes > gb;
        // a unit: one pass over the weights for a group of vectors, or the chunk passes of one vector
        long group = chunked ? 1 : vectorBytes == 0 ? m : Math.min(m, gb / vectorBytes);
        long units = Clock.ceilDiv(m, group);
        // units of whole groups have the same shape when the bytes divide evenly over the rows
        long sameShape = op.inBytes() % m == 0 && op.outBytes() % m == 0 ? m / group : 0;
        if (!p.commandLevel()) banks.load();
        long end = start;
        for (long u = 0; u < units; u++) {
            // from the second unit on, start and the state before the op no longer bind
            boolean probe = !p.commandLevel() && u >= 1 && u + 1 < sameShape;
            if (probe) saveState();
            long v0 = u * group, v1 = Math.min(m, v0 + group);
            long unitEnd = chunked ? chunkPasses(op, v0, cmdsPerVector, gb, start)
                    : pass(share(op.inBytes(), v0, v1, m), cmdsPerVector, v1 - v0, share(op.outBytes(), v0, v1, m), start);
            end = Math.max(end, unitEnd);
            if (probe) {
                long period = lastMac - savedLastMac;
                long repeats = repeats(period, sameShape - 1 - u);
                end = Math.max(end, unitEnd + repeats * period);
                u += repeats;
            }
        }
        if (!p.commandLevel()) banks.flush();
        return end;
    }

    /** The chunk passes of vector {@code v}; returns the cycle its results are out. */
    private long chunkPasses(Compute op, long v, long cmdsPerVector, long gb, long start) {
        long m = op.m();
        long chunks = Clock.ceilDiv(Clock.ceilDiv(op.inBytes(), m), gb);
        long bytes = share(op.inBytes(), v, v + 1, m);
        long end = start;
        for (long ch = 0; ch < chunks; ch++) {
            long chunkBytes = Math.max(0, Math.min(gb, bytes - ch * gb));
            long cmds = cmdsPerVector / chunks + (ch < cmdsPerVector % chunks ? 1 : 0);
            long out = ch == chunks - 1 ? share(op.outBytes(), v, v + 1, m) : 0;
            end = Math.max(end, pass(chunkBytes, cmds, 1, out, start));
        }
        return end;
    }

    /** Bytes of rows [from, to) of {@code total} spread over {@code m} rows (the shares sum to the total). */
    private static long share(long total, long from, long to, long m) {
        return Math.multiplyExact(total, to) / m - Math.multiplyExact(total, from) / m;
    }

    private void saveState() {
        savedLastMac = lastMac;
        savedBusRead = bus.ready(false);
        savedBusWrite = bus.ready(true);
        banks.save(savedBanks);
        savedRefreshes = banks.refreshes();
        savedActivates = allBankActivates;
        savedMacCommands = macCommands;
        savedBufferBursts = bufferBursts;
        savedReadoutBursts = readoutBursts;
    }

    /**
     * After a unit that ran from the saved state: if it took no refresh and left every time of the
     * state exactly one period later than it found it, the next units (of the same shape) repeat
     * it shifted by that period: every cycle the channel computes is a max of these times plus
     * fixed delays (start and the state before the op no longer bind), so a shifted state gives a
     * shifted schedule, until a refresh falls due before one of the units' activates. Advances up
     * to {@code max} such units at once and returns how many.
     */
    private long repeats(long period, long max) {
        if (banks.refreshes() != savedRefreshes || period <= 0 || max <= 0) return 0;
        if (bus.ready(false) - savedBusRead != period || bus.ready(true) - savedBusWrite != period
                || !banks.isShiftOf(savedBanks, period)) return 0;
        // unit j after this one has its last activate at lastAct + j period; it runs refresh-free while that is before the next due refresh
        long n = Math.min(max, (refresh.due() - 1 - banks.lastActivate()) / period);
        if (n <= 0) return 0;
        long shift = n * period;
        lastMac += shift;
        bus.shift(shift);
        banks.shift(shift);
        allBankActivates += n * (allBankActivates - savedActivates);
        macCommands += n * (macCommands - savedMacCommands);
        bufferBursts += n * (bufferBursts - savedBufferBursts);
        readoutBursts += n * (readoutBursts - savedReadoutBursts);
        return n;
    }

    /** One load of the global buffer and the rows that use it; returns the cycle its results are out. */
    private long pass(long bufferBytes, long cmdsPerVector, long vectors, long outBytes, long start) {
        long gbReady = bufferBytes > 0 ? bufferWrite(bufferBytes, start) : PimChannel.NEVER;
        long rows = Clock.ceilDiv(cmdsPerVector, colsPerRow);
        long fullCmds = colsPerRow * vectors;
        long lastCmds = (cmdsPerVector - (rows - 1) * colsPerRow) * vectors;
        if (rows > 0) {
            if (p.commandLevel()) {
                for (long i = 0; i < rows; i++) rowByCommands(i == rows - 1 ? lastCmds : fullCmds, start, gbReady);
            } else {
                rowsClosedForm(rows, fullCmds, lastCmds, start, gbReady);
            }
        }
        if (outBytes > 0) return readout(outBytes);
        return rows > 0 ? lastMac + c.readDelay : Math.max(gbReady, start);
    }

    /** Writes the input into the global buffer over the bus; returns the cycle the data is in. */
    private long bufferWrite(long bytes, long start) {
        long bursts = Clock.ceilDiv(bytes, burstBytes);
        bufferBursts += bursts;
        // the buffer may be overwritten from the cycle after the last MAC that read it
        long first = Math.max(Math.max(start, bus.ready(true)), lastMac + 1);
        return bus.train(true, first, bursts, p.commandLevel()) + c.writeDelay;
    }

    /** Reads the results out over the bus; returns the cycle the last burst has left it. */
    private long readout(long bytes) {
        long bursts = Clock.ceilDiv(bytes, burstBytes);
        readoutBursts += bursts;
        long first = Math.max(bus.ready(false), lastMac + c.readDelay);
        return bus.train(false, first, bursts, p.commandLevel()) + c.readDelay;
    }

    /** One row, every command issued through the channel state. */
    private void rowByCommands(long cmds, long start, long gbReady) {
        long act = activateCycle(start);
        banks.issue(CommandType.ACTIVATE, act);
        long t = Math.max(Math.max(act + p.macRcdCycles(), gbReady), lastMac + p.macIntervalCycles());
        for (long j = 0; j < cmds; j++) {
            t = Math.max(t, banks.ready(CommandType.READ));
            banks.issue(CommandType.READ, t);
            lastMac = t;
            t += p.macIntervalCycles();
        }
        banks.issue(CommandType.PRECHARGE, banks.ready(CommandType.PRECHARGE));
        countRows(1, cmds);
    }

    /**
     * The rows of one pass in closed form. A row that starts the pass, follows a refresh, or has
     * fewer MAC commands than the rest is issued to the bank timing (its MAC train as first and
     * last command: in between nothing but the MAC gap binds). Every other row follows from the
     * previous one alone (activate after tRP and tRC, first MAC after the MAC tRCD and the MAC
     * gap, precharge after tRAS and tRTP), and once two rows in a row have the same shape the
     * schedule repeats with a fixed period, so all rows up to the next refresh are advanced in one
     * step. Only the last row of such a run is issued: the timing a sequence of identical all-bank
     * rows leaves is that of its last row.
     */
    private void rowsClosedForm(long rows, long fullCmds, long lastCmds, long start, long gbReady) {
        long fullEnd = lastCmds == fullCmds ? rows : rows - 1;
        long i = 0;
        while (i < rows) {
            long cmds = i == rows - 1 ? lastCmds : fullCmds;
            long act = Math.max(rowPre + rp, rowAct + rc);
            if (i == 0 || cmds != fullCmds || refresh.due() <= act) {
                anchorRow(cmds, start, gbReady);
                i++;
                continue;
            }
            long first = Math.max(act + macRcd, rowLastMac + macGap);
            long last = first + (cmds - 1) * macGap;
            long pre = Math.max(act + ras, last + rtp);
            boolean periodic = last - act == rowLastMac - rowAct && pre - act == rowPre - rowAct;
            long period = act - rowAct;
            i++;
            long n = 0;
            if (periodic) {
                // rows i, i+1, ... start at act + period, act + 2 period, ... while no refresh is due
                n = Math.min(fullEnd - i, (refresh.due() - act - 1) / period);
            }
            long shift = n * period;
            issueRow(act + shift, last + shift, pre + shift);
            countRows(1 + n, cmds);
            i += n;
        }
    }

    /** A row issued to the bank timing, its MAC train as first and last command. */
    private void anchorRow(long cmds, long start, long gbReady) {
        long act = activateCycle(start);
        banks.issue(CommandType.ACTIVATE, act);
        long first = Math.max(Math.max(act + p.macRcdCycles(), gbReady),
                Math.max(lastMac + p.macIntervalCycles(), banks.ready(CommandType.READ)));
        long last = first + (cmds - 1) * macGap;
        banks.issue(CommandType.READ, first);
        banks.issue(CommandType.READ, last);
        long pre = banks.ready(CommandType.PRECHARGE);
        banks.issue(CommandType.PRECHARGE, pre);
        setRow(act, last, pre);
        countRows(1, cmds);
    }

    /** Issues a row's activate, last MAC and precharge to the bank timing. */
    private void issueRow(long act, long last, long pre) {
        banks.issue(CommandType.ACTIVATE, act);
        banks.issue(CommandType.READ, last);
        banks.issue(CommandType.PRECHARGE, pre);
        setRow(act, last, pre);
    }

    /** The row becomes the previous row. */
    private void setRow(long act, long last, long pre) {
        rowAct = act;
        rowLastMac = last;
        rowPre = pre;
        lastMac = last;
    }

    private void countRows(long rows, long cmdsPerRow) {
        allBankActivates += rows;
        macCommands += rows * cmdsPerRow;
    }

    /**
     * The cycle of the next all-bank activate, after taking every refresh due by then (refreshes
     * are taken between rows, postponed by less than one row, which JEDEC allows).
     */
    private long activateCycle(long start) {
        long t = Math.max(start, banks.ready(CommandType.ACTIVATE));
        while (refresh.due() <= t) {
            refresh.take(banks);
            t = Math.max(start, banks.ready(CommandType.ACTIVATE));
        }
        return t;
    }
}
