package org.dramatis.components.pim;

import org.dramatis.components.ops.Clock;
import org.dramatis.dram.ChannelState;
import org.dramatis.dram.CommandType;
import org.dramatis.dram.DramConfig;
import org.dramatis.dram.RefreshSchedule;
import org.dramatis.dram.Timing;

/**
 * The timing of a PIM channel's STOREs and LOADs through the normal per-bank path: bursts
 * round-robin over the banks; per round each bank involved opens one row, takes up to a row of
 * bursts over the shared bus, and is precharged (see {@link PimChannel}), on the command-level
 * path or in closed form.
 */
final class BankRoundTimer {

    private final boolean commandLevel;
    private final DramConfig c;
    private final ChannelState cs;
    private final RankTiming banks;
    private final DataBus bus;
    private final RefreshSchedule refresh;
    private final int banksTotal;
    private final long burstBytes, colsPerRow;
    /** Cycles between a bank's consecutive normal writes (reads): its column-to-column delay or the bus spacing. */
    private final long writeRunGap, readRunGap;
    /** Per bank, the bursts of the current round. */
    private final long[] roundBursts;
    /** The command types a write (read) round holds ({@link ChannelState#heldBy}), and the channel state before a probed round. */
    private final int writeRoundHolds, readRoundHolds;
    private final long[] savedBanks;

    // counters (energy follows from them)
    long bankActivates, writeBursts, readBursts;

    BankRoundTimer(boolean commandLevel, DramConfig c, Timing t, ChannelState cs, RankTiming banks, DataBus bus,
                   RefreshSchedule refresh) {
        this.commandLevel = commandLevel;
        this.c = c;
        this.cs = cs;
        this.banks = banks;
        this.bus = bus;
        this.refresh = refresh;
        banksTotal = c.banksPerChannel();
        burstBytes = c.requestBytes;
        colsPerRow = c.burstsPerRow();
        writeRunGap = Math.max(t.sameBankDelay(CommandType.WRITE, CommandType.WRITE), bus.spacing(true));
        readRunGap = Math.max(t.sameBankDelay(CommandType.READ, CommandType.READ), bus.spacing(false));
        roundBursts = new long[banksTotal];
        writeRoundHolds = cs.heldBy(CommandType.ACTIVATE, CommandType.WRITE, CommandType.PRECHARGE);
        readRoundHolds = cs.heldBy(CommandType.ACTIVATE, CommandType.READ, CommandType.PRECHARGE);
        savedBanks = new long[cs.timesSize()];
    }

    /**
     * A STORE or LOAD of {@code bytes} from cycle {@code start}. Returns the cycle the last burst
     * has crossed the bus.
     */
    long access(long bytes, boolean write, long start) {
        long bursts = Clock.ceilDiv(bytes, burstBytes);
        if (write) writeBursts += bursts;
        else readBursts += bursts;
        CommandType col = write ? CommandType.WRITE : CommandType.READ;
        long perBank = Clock.ceilDiv(bursts, banksTotal);
        long rounds = Clock.ceilDiv(perBank, colsPerRow);
        // rounds in which every bank takes a full row of bursts: all alike
        long fullRounds = bursts / banksTotal / colsPerRow;
        int held = write ? writeRoundHolds : readRoundHolds;
        long end = start;
        for (long round = 0; round < rounds; round++) {
            // from the second round on, start and the state before the op no longer bind
            boolean probe = !commandLevel && round >= 1 && round + 1 < fullRounds;
            long busReadBefore = bus.ready(false), busWriteBefore = bus.ready(true), refreshesBefore = banks.refreshes();
            if (probe) cs.saveTimes(savedBanks);
            int row = (int) (round % c.rows);
            // refreshes that fell due are taken while every bank is closed
            for (long until = Math.max(start, cs.readyCycle(CommandType.ACTIVATE, 0, 0, 0)); refresh.due() <= until;
                    until = Math.max(start, cs.readyCycle(CommandType.ACTIVATE, 0, 0, 0))) {
                if (!commandLevel) skipIdleRefreshes(until);
                refresh.take(banks);
            }
            for (int b = 0; b < banksTotal; b++) {
                long inBank = bursts / banksTotal + (b < bursts % banksTotal ? 1 : 0);
                roundBursts[b] = Math.max(0, Math.min(colsPerRow, inBank - round * colsPerRow));
                if (roundBursts[b] == 0) continue;
                int rank = b / c.banks, bg = (b % c.banks) / c.banksPerGroup, bank = b % c.banksPerGroup;
                long t = Math.max(start, cs.readyCycle(CommandType.ACTIVATE, rank, bg, bank));
                cs.issue(CommandType.ACTIVATE, rank, bg, bank, row, t);
                bankActivates++;
            }
            for (int b = 0; b < banksTotal; b++) {
                if (roundBursts[b] > 0) end = Math.max(end, columnRun(b, roundBursts[b], col, row));
            }
            for (int b = 0; b < banksTotal; b++) {
                if (roundBursts[b] == 0) continue;
                int rank = b / c.banks, bg = (b % c.banks) / c.banksPerGroup, bank = b % c.banksPerGroup;
                cs.issue(CommandType.PRECHARGE, rank, bg, bank, row, cs.readyCycle(CommandType.PRECHARGE, rank, bg, bank));
            }
            if (probe && banks.refreshes() == refreshesBefore) {
                long period = bus.ready(false) - busReadBefore;
                long n = bus.ready(true) - busWriteBefore == period ? roundRepeats(period, held, fullRounds - 1 - round) : 0;
                end += n * period;
                round += n;
            }
        }
        return end;
    }

    /**
     * Closed form of the refreshes that fell due by {@code until} while the channel idled, all
     * banks closed (rank refresh policies): when every rank may take a refresh by the first due
     * cycle and a refresh holds the next one to its rank for at most one turn of the rotation,
     * each issues exactly at its due cycle, and a later refresh to the same rank dominates every
     * constraint of an earlier one. So whole turns are counted without issuing them, leaving the
     * last turn (at least one refresh per rank) to be taken.
     */
    private void skipIdleRefreshes(long until) {
        if (refresh.perBank() || refresh.due() > until) return;
        int turn = refresh.turn();
        long skip = ((until - refresh.due()) / refresh.interval() + 1) / turn * turn - turn;
        if (skip <= 0 || banks.refreshToRefresh() > turn * refresh.interval()) return;
        for (int r = 0; r < c.ranks; r++) {
            if (cs.readyCycleAllBanks(CommandType.REFRESH, r) > refresh.due()) return;
        }
        banks.countSkipped(refresh.skipTurns(skip / turn));
    }

    /**
     * After a full round without a refresh that left the bus exactly one period later than it
     * found it: if the round left every time of the channel state one period later too, the next
     * full rounds repeat it shifted by that period (each cycle of a round is a max of these times
     * plus fixed delays; from the second round on the op's start no longer binds) until a refresh
     * falls due before one of them starts. Advances up to {@code max} such rounds at once and
     * returns how many.
     */
    private long roundRepeats(long period, int held, long max) {
        if (period <= 0 || max <= 0 || !cs.isShiftOf(savedBanks, period, held)) return 0;
        // round j after this one looks for due refreshes at bank 0's activate ready cycle, ready + (j - 1) period
        long ready = cs.readyCycle(CommandType.ACTIVATE, 0, 0, 0);
        if (ready >= refresh.due()) return 0;
        long n = Math.min(max, (refresh.due() - 1 - ready) / period + 1);
        cs.repeat(savedBanks, period, held, n);
        bus.shift(n * period);
        bankActivates += n * banksTotal;
        return n;
    }

    /**
     * {@code bursts} column commands {@code col} to open bank {@code b}, each at its bank's ready
     * cycle and the next bus slot; returns the cycle the last one's data has crossed the bus.
     * Closed form: after the first burst nothing but the bank's own column-to-column delay and the
     * bus spacing binds (every other constraint on the bank was met by the first, and only this
     * bank issues until the run ends), so the bursts follow at a fixed gap, and only the last is
     * issued: the later of two equal commands to a bank dominates every constraint it sets.
     */
    private long columnRun(int b, long bursts, CommandType col, int row) {
        int rank = b / c.banks, bg = (b % c.banks) / c.banksPerGroup, bank = b % c.banksPerGroup;
        boolean write = col == CommandType.WRITE;
        long t;
        if (commandLevel) {
            t = PimChannel.NEVER;
            for (long k = 0; k < bursts; k++) {
                t = Math.max(cs.readyCycle(col, rank, bg, bank), bus.ready(write));
                cs.issue(col, rank, bg, bank, row, t);
                bus.burst(write, t);
            }
        } else {
            long first = Math.max(cs.readyCycle(col, rank, bg, bank), bus.ready(write));
            t = first + (bursts - 1) * (write ? writeRunGap : readRunGap);
            cs.issue(col, rank, bg, bank, row, t);
            bus.burst(write, t);
        }
        return t + (write ? c.writeDelay : c.readDelay);
    }
}
