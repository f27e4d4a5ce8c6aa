package org.dramatis.components.pim;

import java.util.Arrays;
import org.dramatis.dram.ChannelState;
import org.dramatis.dram.CommandType;
import org.dramatis.dram.RefreshSchedule;
import org.dramatis.dram.Timing;

/**
 * A PIM channel's banks as its all-bank commands (activate, MAC, precharge) and its refreshes
 * see them: when each may next issue to every bank of a rank, and the refreshes that fall due,
 * issued as they are taken from the {@link RefreshSchedule}.
 *
 * <p>Outside a closed-form matrix op this is the channel state itself. During one it is a
 * table, per rank and command, of the latest ready cycle over the rank's banks, as
 * {@link ChannelState#readyCycleAllBanks} would give it. The table is kept beside the channel
 * state rather than replaced by it for speed, not for a different result (the command-level path
 * issues every command to the channel state and gives the same): every command of the op
 * (all-bank commands, rank refreshes) delays the same commands in every bank of the rank by the
 * same amount, so the maximum over the banks follows from the maximum before, and a bank-by-bank
 * update would only repeat it 32 times. The op's last command of each kind goes to the channel
 * state at its end (the later of two equal commands dominates every constraint), for the STOREs
 * and LOADs that use it.
 */
final class RankTiming implements RefreshSchedule.Target {

    /** The commands a matrix op issues to every bank. */
    private static final CommandType[] ALL_BANK = {CommandType.ACTIVATE, CommandType.READ, CommandType.PRECHARGE, CommandType.REFRESH};
    /** Entries of a {@link #save} snapshot besides the table: the last activate and precharge. */
    private static final int LAST_ACT = 0, LAST_PRE = 1, TIMES = 2;

    private final ChannelState cs;
    private final int ranks;
    /** Per rank and ALL_BANK command, the latest ready cycle over the rank's banks (while {@link #loaded}). */
    private final long[][] ready;
    /** holds[i][j]: same-bank delay from ALL_BANK[i] (all-bank) or rank delay (refresh) to ALL_BANK[j], or Timing.NONE. */
    private final int[][] holds;
    /** While a closed-form matrix op runs: the bank timing is in {@link #ready}, not yet in the channel state. */
    private boolean loaded;
    /** The last all-bank activate, MAC and precharge, and per rank the last refresh, not yet in the channel state (NEVER: none). */
    private long lastAct = PimChannel.NEVER, lastMac = PimChannel.NEVER, lastPre = PimChannel.NEVER;
    private final long[] lastRefresh;
    /** Rank (or bank) refreshes issued so far. */
    private long refreshes;

    RankTiming(ChannelState cs, Timing t, int ranks) {
        this.cs = cs;
        this.ranks = ranks;
        ready = new long[ranks][ALL_BANK.length];
        lastRefresh = new long[ranks];
        Arrays.fill(lastRefresh, PimChannel.NEVER);
        holds = new int[ALL_BANK.length][ALL_BANK.length];
        for (int i = 0; i < ALL_BANK.length; i++) {
            for (int j = 0; j < ALL_BANK.length; j++) {
                holds[i][j] = ALL_BANK[i] == CommandType.REFRESH ? t.sameRankHold(ALL_BANK[i], ALL_BANK[j])
                        : t.sameBankHold(ALL_BANK[i], ALL_BANK[j]);
            }
        }
    }

    /** The closed form of a matrix op begins: the table takes over from the channel state. */
    void load() {
        for (int r = 0; r < ranks; r++) {
            for (int k = 0; k < ALL_BANK.length; k++) ready[r][k] = cs.readyCycleAllBanks(ALL_BANK[k], r);
        }
        loaded = true;
    }

    /** Issues the op's last command of each kind to the channel state, which takes over again. */
    void flush() {
        loaded = false;
        for (int r = 0; r < ranks; r++) {
            if (lastRefresh[r] != PimChannel.NEVER) cs.issue(CommandType.REFRESH, r, 0, 0, -1, lastRefresh[r]);
            lastRefresh[r] = PimChannel.NEVER;
        }
        if (lastAct == PimChannel.NEVER) return;
        issue(CommandType.ACTIVATE, lastAct);
        issue(CommandType.READ, lastMac);
        issue(CommandType.PRECHARGE, lastPre);
        lastAct = PimChannel.NEVER;
        lastPre = PimChannel.NEVER;
    }

    /** The first cycle {@code type} may issue to every bank of every rank. */
    long ready(CommandType type) {
        long t = 0;
        if (loaded) {
            int k = slot(type);
            for (long[] rank : ready) t = Math.max(t, rank[k]);
        } else {
            for (int r = 0; r < ranks; r++) t = Math.max(t, cs.readyCycleAllBanks(type, r));
        }
        return t;
    }

    /** Issues {@code type} to every bank of every rank at {@code cycle}. */
    void issue(CommandType type, long cycle) {
        if (!loaded) {
            for (int r = 0; r < ranks; r++) cs.issueAllBanks(type, r, 0, cycle);
            return;
        }
        int k = slot(type);
        for (long[] rank : ready) hold(rank, k, cycle);
        switch (type) {
            case ACTIVATE -> lastAct = cycle;
            case READ -> lastMac = cycle;
            case PRECHARGE -> lastPre = cycle;
            default -> { }
        }
    }

    /** The last all-bank activate of the closed form, or NEVER. */
    long lastActivate() {
        return lastAct;
    }

    long refreshes() {
        return refreshes;
    }

    /** Counts refreshes that fell due and were passed over in closed form ({@link RefreshSchedule#skipTurns}). */
    void countSkipped(long refreshes) {
        this.refreshes += refreshes;
    }

    /** The rank-to-rank delay of one refresh to the next (Timing.NONE: none). */
    int refreshToRefresh() {
        return holds[slot(CommandType.REFRESH)][slot(CommandType.REFRESH)];
    }

    // ---------------------------------------------------------------- refreshes

    @Override
    public void rank(int rank, long due) {
        if (loaded) {
            long t = Math.max(due, ready[rank][slot(CommandType.REFRESH)]);
            hold(ready[rank], slot(CommandType.REFRESH), t);
            lastRefresh[rank] = t;
        } else {
            cs.issue(CommandType.REFRESH, rank, 0, 0, -1, Math.max(due, cs.readyCycleAllBanks(CommandType.REFRESH, rank)));
        }
        refreshes++;
    }

    @Override
    public void bank(int rank, int bankgroup, int bank, long due) {
        // one bank's refresh holds its banks differently: the closed form hands over to the channel state
        boolean wasLoaded = loaded;
        if (wasLoaded) flush();
        long t = Math.max(due, cs.readyCycle(CommandType.REFRESH_BANK, rank, bankgroup, bank));
        cs.issue(CommandType.REFRESH_BANK, rank, bankgroup, bank, -1, t);
        if (wasLoaded) load();
        refreshes++;
    }

    // ---------------------------------------------------------------- repeated units of the closed form

    /** The size of a {@link #save} snapshot. */
    int snapshotSize() {
        return TIMES + ranks * ALL_BANK.length;
    }

    /** Saves the closed form's timing (table, last activate and precharge) into {@code into}. */
    void save(long[] into) {
        into[LAST_ACT] = lastAct;
        into[LAST_PRE] = lastPre;
        for (int r = 0; r < ranks; r++) System.arraycopy(ready[r], 0, into, TIMES + r * ALL_BANK.length, ALL_BANK.length);
    }

    /** Whether every time of the closed form's timing is exactly {@code period} later than in {@code saved}. */
    boolean isShiftOf(long[] saved, long period) {
        if (lastAct - saved[LAST_ACT] != period || lastPre - saved[LAST_PRE] != period) return false;
        for (int r = 0; r < ranks; r++) {
            for (int k = 0; k < ALL_BANK.length; k++) {
                if (ready[r][k] - saved[TIMES + r * ALL_BANK.length + k] != period) return false;
            }
        }
        return true;
    }

    /** Moves every time of the closed form's timing {@code cycles} later. */
    void shift(long cycles) {
        lastAct += cycles;
        lastMac += cycles;
        lastPre += cycles;
        for (long[] rank : ready) {
            for (int k = 0; k < rank.length; k++) rank[k] += cycles;
        }
    }

    private void hold(long[] rank, int issued, long cycle) {
        int[] h = holds[issued];
        for (int j = 0; j < h.length; j++) {
            if (h[j] != Timing.NONE) rank[j] = Math.max(rank[j], cycle + h[j]);
        }
    }

    private static int slot(CommandType type) {
        return switch (type) {
            case ACTIVATE -> 0;
            case READ -> 1;
            case PRECHARGE -> 2;
            case REFRESH -> 3;
            default -> throw new IllegalStateException(type + " is not an all-bank PIM command");
        };
    }
}
