package org.dramatis.dram;

import java.util.ArrayList;
import java.util.List;

/**
 * The timing state of one channel (DRAMsim3 channel_state.cc): every bank's state machine, the
 * earliest cycle at which each bank may take each command type, the rolling activate windows
 * (tFAW, and t32AW for GDDR), the refreshes waiting to issue, and per rank the cycles with at
 * least one open bank (for background energy).
 *
 * <p>Earliest-issue cycles are kept where a command sets them rather than in every bank it
 * constrains (DRAMsim3 writes each command's delays into every affected bank's table): per bank
 * for its own commands and its rank's refreshes, per bank group for the other banks of the group,
 * per rank for its other bank groups, and per channel for the other ranks. A bank's ready cycle
 * is the latest of the four. The three shared levels serve "every bank but the one (group, rank)
 * that issued": each keeps, per command type, the latest cycle, which bank (group, rank) set it,
 * and the latest cycle set by any other, so a query gives exactly the per-bank table's value.
 *
 * <p>This is also the command-timing API for other components (near-bank PIM units): ask
 * {@link #required} which command a bank needs next, {@link #readyCycle} when it may issue,
 * and {@link #issue} it; every bank, bank-group, rank and channel constraint follows.
 */
public final class ChannelState {

    /**
     * The classes of a channel's timing state (this class, its banks, timing tables, configuration
     * and queued commands) and of its refresh schedule, for Kryo: DRAM and PIM channels hold one each.
     */
    public static List<Class<?>> wireTypes() {
        return List.of(ChannelState.class, BankState.class, BankState[].class, Timing.class, DramConfig.class,
                DramConfig.RowBufferPolicy.class, DramConfig.RefreshPolicy.class, Command.class, Command[].class,
                Command[][].class, CommandType.class, Level.class, RefreshSchedule.class);
    }

    private final DramConfig c;
    private final Timing timing;
    private final BankState[] banks;
    /** Per bank and command type (index bank x COUNT + type): its own commands' and its rank's refreshes' constraints. */
    private final long[] bankReady;
    /** Per bank group (rank x bankgroups + group) and type: constraints from a bank on the group's other banks. */
    private final Level groups;
    /** Per rank and type: constraints from a bank group on the rank's other bank groups. */
    private final Level ranks;
    /** Per type: constraints from a rank on the other ranks (null with one rank). */
    private final Level channel;
    /** Per bank: its group's index (rank x bankgroups + group), its rank, and its group within the rank. */
    private final int[] groupOf, rankOf, groupInRank;
    private final long[][] fawWindow;
    private final int[] fawSize;
    private final long[][] aw32Window;
    private final int[] aw32Size;
    private final int[] openBanks;
    private final long[] activeSince;
    private final long[] activeCycles;
    private final List<Command> refreshQueue = new ArrayList<>();

    public ChannelState(DramConfig c, Timing timing) {
        this.c = c;
        this.timing = timing;
        banks = new BankState[c.banksPerChannel()];
        for (int i = 0; i < banks.length; i++) banks[i] = new BankState();
        bankReady = new long[banks.length * CommandType.COUNT];
        groups = new Level(c.ranks * c.bankgroups);
        ranks = new Level(c.ranks);
        channel = c.ranks > 1 ? new Level(1) : null;
        groupOf = new int[banks.length];
        rankOf = new int[banks.length];
        groupInRank = new int[banks.length];
        for (int i = 0; i < banks.length; i++) {
            groupOf[i] = i / c.banksPerGroup;
            rankOf[i] = i / c.banks;
            groupInRank[i] = groupOf[i] % c.bankgroups;
        }
        // DRAMsim3 drops at most one expired entry per activate, so a window can hold a few more than 4 (32)
        fawWindow = new long[c.ranks][8];
        fawSize = new int[c.ranks];
        aw32Window = new long[c.ranks][c.isGddr() ? 40 : 0];
        aw32Size = new int[c.ranks];
        openBanks = new int[c.ranks];
        activeSince = new long[c.ranks];
        activeCycles = new long[c.ranks];
    }

    public DramConfig config() {
        return c;
    }

    int bankIndex(int rank, int bankgroup, int bank) {
        return rank * c.banks + bankgroup * c.banksPerGroup + bank;
    }

    BankState bank(int rank, int bankgroup, int bank) {
        return banks[bankIndex(rank, bankgroup, bank)];
    }

    BankState bank(int bankIndex) {
        return banks[bankIndex];
    }

    public int openRow(int rank, int bankgroup, int bank) {
        return bank(rank, bankgroup, bank).openRow;
    }

    public int rowHitCount(int rank, int bankgroup, int bank) {
        return bank(rank, bankgroup, bank).rowHits;
    }

    /** The command the bank must take next on the way to {@code want} for {@code row}. */
    public CommandType required(CommandType want, int rank, int bankgroup, int bank, int row) {
        return bank(rank, bankgroup, bank).required(want, row);
    }

    /** Earliest cycle at which {@code type} may issue to the bank, activate windows included. */
    public long readyCycle(CommandType type, int rank, int bankgroup, int bank) {
        long t = ready(bankIndex(rank, bankgroup, bank), type.ordinal());
        if (type == CommandType.ACTIVATE) t = Math.max(t, activateWindowReady(rank));
        return t;
    }

    /** Earliest cycle at which command type {@code type} may issue to bank {@code bank}, activate windows aside. */
    long ready(int bank, int type) {
        long t = bankReady[bank * CommandType.COUNT + type];
        t = Math.max(t, groups.readyFor(groupOf[bank], type, bank));
        t = Math.max(t, ranks.readyFor(rankOf[bank], type, groupInRank[bank]));
        if (channel != null) t = Math.max(t, channel.readyFor(0, type, rankOf[bank]));
        return t;
    }

    /** Earliest cycle at which the rank's activate windows allow another activate. */
    long activateWindowReady(int rank) {
        long t = fawSize[rank] >= 4 ? fawWindow[rank][0] : 0;
        if (c.isGddr() && aw32Size[rank] >= 32) t = Math.max(t, aw32Window[rank][0]);
        return t;
    }

    /**
     * Issues a command at {@code cycle}: updates the bank's state, then the timing of every bank
     * it constrains. For {@link CommandType#REFRESH} the bank group and bank are ignored.
     */
    public void issue(CommandType type, int rank, int bankgroup, int bank, int row, long cycle) {
        if (type.isRankCommand()) {
            int base = rank * c.banks;
            for (int i = 0; i < c.banks; i++) banks[base + i].apply(type, row);
            removeRefresh(type, rank, -1, -1);
            for (int i = base; i < base + c.banks; i++) holdBank(Timing.Scope.SAME_RANK, type, cycle, i);
            return;
        }
        int idx = bankIndex(rank, bankgroup, bank);
        BankState b = banks[idx];
        boolean wasOpen = b.open;
        b.apply(type, row);
        if (b.open != wasOpen) rankOpenChanged(rank, b.open ? 1 : -1, cycle);
        if (type == CommandType.REFRESH_BANK) removeRefresh(type, rank, bankgroup, bank);
        if (type == CommandType.ACTIVATE) recordActivate(rank, cycle);
        int t = type.ordinal();
        holdBank(Timing.Scope.SAME_BANK, type, cycle, idx);
        groups.hold(timing, Timing.Scope.OTHER_BANKS_SAME_BANKGROUP, t, cycle, groupOf[idx], idx);
        ranks.hold(timing, Timing.Scope.OTHER_BANKGROUPS_SAME_RANK, t, cycle, rank, bankgroup);
        if (channel != null) channel.hold(timing, Timing.Scope.OTHER_RANKS, t, cycle, 0, rank);
    }

    /**
     * Earliest cycle at which every bank of the rank may take {@code type} as one all-bank command
     * (see {@link #issueAllBanks}): the latest of the banks' own ready cycles.
     */
    public long readyCycleAllBanks(CommandType type, int rank) {
        long t = 0;
        int base = rank * c.banks;
        for (int i = base; i < base + c.banks; i++) t = Math.max(t, ready(i, type.ordinal()));
        return t;
    }

    /**
     * Issues {@code type} to every bank of the rank in the same cycle, as near-bank PIM's all-bank
     * commands do (all-bank activate, MAC = an all-bank column read, all-bank precharge). Each bank
     * takes the command's same-bank constraints only: the inter-bank ones (tRRD, tCCD between
     * banks, rank-to-rank turnaround) order commands to different banks and do not apply to banks
     * acting in lockstep on one broadcast command whose data stays inside the banks, and the
     * activate windows (tFAW, t32AW) do not count all-bank activates (a PIM design budgets their
     * power with its own command interval, e.g. AttAcc's MAC interval under the power limit).
     */
    public void issueAllBanks(CommandType type, int rank, int row, long cycle) {
        if (type.isRankCommand()) throw new IllegalArgumentException(type + " is already a rank command");
        int base = rank * c.banks;
        for (int i = base; i < base + c.banks; i++) {
            BankState b = banks[i];
            boolean wasOpen = b.open;
            b.apply(type, row);
            if (b.open != wasOpen) rankOpenChanged(rank, b.open ? 1 : -1, cycle);
            holdBank(Timing.Scope.SAME_BANK, type, cycle, i);
        }
    }

    /** Delays bank {@code bank}'s later commands by the constraints of {@code type} issued at {@code cycle} in {@code scope}. */
    private void holdBank(Timing.Scope scope, CommandType type, long cycle, int bank) {
        int[] targets = timing.targets[scope.ordinal()][type.ordinal()];
        int[] delays = timing.delays[scope.ordinal()][type.ordinal()];
        int base = bank * CommandType.COUNT;
        for (int k = 0; k < targets.length; k++) {
            int i = base + targets[k];
            long v = cycle + delays[k];
            if (v > bankReady[i]) bankReady[i] = v;
        }
    }

    /**
     * Ready cycles shared by the members (banks, bank groups or ranks) of some units (bank groups,
     * ranks, the channel), for constraints a member's command puts on the unit's other members:
     * per unit and command type, the latest such cycle, the member that set it, and the latest
     * set by any other member. A member's ready cycle is then the latest set by the others.
     */
    static final class Level {
        final long[] latest;
        final int[] latestBy;
        final long[] latestByOthers;

        Level(int units) {
            latest = new long[units * CommandType.COUNT];
            latestBy = new int[units * CommandType.COUNT];
            latestByOthers = new long[units * CommandType.COUNT];
            java.util.Arrays.fill(latestBy, -1);
        }

        /** The latest cycle that members other than {@code member} of {@code unit} set for {@code type}. */
        long readyFor(int unit, int type, int member) {
            int i = unit * CommandType.COUNT + type;
            return latestBy[i] == member ? latestByOthers[i] : latest[i];
        }

        /** {@code member} of {@code unit} took command {@code type} at {@code cycle}: hold the others. */
        void hold(Timing timing, Timing.Scope scope, int type, long cycle, int unit, int member) {
            int[] targets = timing.targets[scope.ordinal()][type];
            int[] delays = timing.delays[scope.ordinal()][type];
            int base = unit * CommandType.COUNT;
            for (int k = 0; k < targets.length; k++) {
                int i = base + targets[k];
                long v = cycle + delays[k];
                if (latestBy[i] == member) {
                    if (v > latest[i]) latest[i] = v;
                } else if (v > latest[i]) {
                    latestByOthers[i] = latest[i];
                    latest[i] = v;
                    latestBy[i] = member;
                } else if (v > latestByOthers[i]) {
                    latestByOthers[i] = v;
                }
            }
        }

        /** Moves every cycle of the types in {@code held} later by {@code shift}. */
        void shift(int held, long shift) {
            for (int i = 0; i < latest.length; i++) {
                if ((held >> (i % CommandType.COUNT) & 1) != 0) {
                    latest[i] += shift;
                    latestByOthers[i] += shift;
                }
            }
        }
    }

    private void recordActivate(int rank, long cycle) {
        fawSize[rank] = push(fawWindow[rank], fawSize[rank], cycle, cycle + c.tFAW);
        if (c.isGddr()) aw32Size[rank] = push(aw32Window[rank], aw32Size[rank], cycle, cycle + c.t32AW);
    }

    /** DRAMsim3's window update: drop the oldest entry if it has expired, then append. */
    private static int push(long[] w, int size, long now, long expiry) {
        if (size > 0 && now >= w[0]) {
            System.arraycopy(w, 1, w, 0, size - 1);
            size--;
        }
        w[size] = expiry;
        return size + 1;
    }

    private void rankOpenChanged(int rank, int delta, long cycle) {
        int before = openBanks[rank];
        openBanks[rank] += delta;
        if (before == 0) activeSince[rank] = cycle;
        else if (openBanks[rank] == 0) activeCycles[rank] += cycle - activeSince[rank];
    }

    /** Cycles in [0, endCycle) during which the rank had at least one open bank. */
    public long rankActiveCycles(int rank, long endCycle) {
        long a = activeCycles[rank];
        if (openBanks[rank] > 0 && endCycle > activeSince[rank]) a += endCycle - activeSince[rank];
        return a;
    }

    // ---- periodic schedules: a caller that repeats a command sequence may advance it in time ----

    /**
     * The command types whose ready cycles the given commands move (in any bank, any scope): a
     * sequence of those commands leaves every other ready cycle as it was.
     */
    public int heldBy(CommandType... issued) {
        int mask = 0;
        for (CommandType type : issued) {
            for (int[][] scope : timing.targets) {
                for (int target : scope[type.ordinal()]) mask |= 1 << target;
            }
        }
        return mask;
    }

    /** The size of a {@link #saveTimes} snapshot. */
    public int timesSize() {
        return banks.length * CommandType.COUNT + c.ranks * (1 + fawWindow[0].length + 1 + aw32Window[0].length + ACTIVE_TIMES);
    }

    /**
     * Copies every time of the state into {@code into}: the ready cycles and activate windows
     * (the timing), then per rank the open banks, the start of its active span and its active
     * cycles (the last {@link #ACTIVE_TIMES} x ranks entries).
     */
    public void saveTimes(long[] into) {
        int i = 0;
        for (int b = 0; b < banks.length; b++) {
            for (int k = 0; k < CommandType.COUNT; k++) into[i++] = ready(b, k);
        }
        for (int r = 0; r < c.ranks; r++) {
            into[i++] = fawSize[r];
            System.arraycopy(fawWindow[r], 0, into, i, fawWindow[r].length);
            i += fawWindow[r].length;
            into[i++] = aw32Size[r];
            System.arraycopy(aw32Window[r], 0, into, i, aw32Window[r].length);
            i += aw32Window[r].length;
        }
        for (int r = 0; r < c.ranks; r++) {
            into[i++] = openBanks[r];
            into[i++] = activeSince[r];
            into[i++] = activeCycles[r];
        }
    }

    /** Entries per rank at the end of a {@link #saveTimes} snapshot: open banks, active since, active cycles. */
    public static final int ACTIVE_TIMES = 3;

    /**
     * Whether the state equals {@code saved} (from {@link #saveTimes}) moved {@code period} cycles
     * later: every ready cycle of a type in {@code held} (from {@link #heldBy}) and every activate
     * window entry later by the period, every other ready cycle, the window sizes and the open
     * banks unchanged, and each rank's active span started one period later. Commands that only
     * compare and add times then run on this state exactly as on the saved one, shifted by the
     * period.
     */
    public boolean isShiftOf(long[] saved, long period, int held) {
        int i = 0;
        for (int b = 0; b < banks.length; b++) {
            for (int k = 0; k < CommandType.COUNT; k++, i++) {
                if (ready(b, k) - saved[i] != ((held >> k & 1) != 0 ? period : 0)) return false;
            }
        }
        for (int r = 0; r < c.ranks; r++) {
            if (!windowShifted(saved, i, fawWindow[r], fawSize[r], period)) return false;
            i += 1 + fawWindow[r].length;
            if (!windowShifted(saved, i, aw32Window[r], aw32Size[r], period)) return false;
            i += 1 + aw32Window[r].length;
        }
        for (int r = 0; r < c.ranks; r++, i += ACTIVE_TIMES) {
            // active cycles grow by whatever the sequence keeps a bank open
            if (saved[i] != openBanks[r] || activeSince[r] - saved[i + 1] != period) return false;
        }
        return true;
    }

    private static boolean windowShifted(long[] saved, int at, long[] window, int size, long period) {
        if (saved[at] != size) return false;
        for (int k = 0; k < size; k++) {
            if (window[k] - saved[at + 1 + k] != period) return false;
        }
        return true;
    }

    /**
     * Advances the state by {@code n} more repetitions of a sequence that took it from
     * {@code saved} to its shift by {@code period} ({@link #isShiftOf} true): the state that
     * many repetitions leave, as issuing them would.
     */
    public void repeat(long[] saved, long period, int held, long n) {
        long shift = n * period;
        // every level moves, so every bank's ready cycle (their latest) moves by the shift
        for (int i = 0; i < bankReady.length; i++) {
            if ((held >> (i % CommandType.COUNT) & 1) != 0) bankReady[i] += shift;
        }
        groups.shift(held, shift);
        ranks.shift(held, shift);
        if (channel != null) channel.shift(held, shift);
        int i = timesSize() - ACTIVE_TIMES * c.ranks;
        for (int r = 0; r < c.ranks; r++, i += ACTIVE_TIMES) {
            for (int k = 0; k < fawSize[r]; k++) fawWindow[r][k] += shift;
            for (int k = 0; k < aw32Size[r]; k++) aw32Window[r][k] += shift;
            activeSince[r] += shift;
            activeCycles[r] += n * (activeCycles[r] - saved[i + 2]);
        }
    }

    // ---- refresh bookkeeping (DRAMsim3 keeps it here too) ----

    void rankNeedsRefresh(int rank) {
        refreshQueue.add(new Command(CommandType.REFRESH, rank, -1, -1, -1, -1, -1, -1));
    }

    void bankNeedsRefresh(int rank, int bankgroup, int bank) {
        refreshQueue.add(new Command(CommandType.REFRESH_BANK, rank, bankgroup, bank, -1, -1, -1,
                bankIndex(rank, bankgroup, bank)));
    }

    boolean isRefreshWaiting() {
        return !refreshQueue.isEmpty();
    }

    Command pendingRefresh() {
        return refreshQueue.get(0);
    }

    private void removeRefresh(CommandType type, int rank, int bankgroup, int bank) {
        for (int i = 0; i < refreshQueue.size(); i++) {
            Command r = refreshQueue.get(i);
            if (r.type == type && r.rank == rank && (type == CommandType.REFRESH
                    || (r.bankgroup == bankgroup && r.bank == bank))) {
                refreshQueue.remove(i);
                return;
            }
        }
    }
}
