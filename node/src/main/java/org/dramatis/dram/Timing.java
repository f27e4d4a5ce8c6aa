package org.dramatis.dram;

/**
 * Command-to-command timing of one configuration, as DRAMsim3's timing.cc tabulates it: for each
 * issued command, the earliest cycle (issue + delay) at which each later command may issue to the
 * same bank, another bank of the same bank group, another bank group of the rank, another rank,
 * and (rank commands) every bank of the rank. tFAW and t32AW are rolling windows kept in
 * {@link ChannelState}.
 */
public final class Timing {

    /** No constraint between two commands (see {@link #sameBankHold}). */
    public static final int NONE = Integer.MIN_VALUE;

    /** Scope of a constraint relative to the bank that took the command. */
    enum Scope { SAME_BANK, OTHER_BANKS_SAME_BANKGROUP, OTHER_BANKGROUPS_SAME_RANK, OTHER_RANKS, SAME_RANK }

    /** For [scope][issued command]: the later commands it delays ({@code targets}) and by how much. */
    final int[][][] targets = new int[Scope.values().length][CommandType.COUNT][];
    final int[][][] delays = new int[Scope.values().length][CommandType.COUNT][];

    public Timing(DramConfig c) {
        int burst = c.burstCycles;
        int readToReadL = Math.max(burst, c.tCCD_L);
        int readToReadS = Math.max(burst, c.tCCD_S);
        int readToReadO = burst + c.tRTRS;
        int readToWrite = c.readLatency + burst - c.writeLatency + c.tRTRS;
        int readToWriteO = c.readDelay + burst + c.tRTRS - c.writeDelay;
        int readToPrecharge = c.AL + c.tRTP;
        int readpToAct = c.AL + burst + c.tRTP + c.tRP;
        int writeToReadL = c.writeDelay + c.tWTR_L;
        int writeToReadS = c.writeDelay + c.tWTR_S;
        int writeToReadO = c.writeDelay + burst + c.tRTRS - c.readDelay;
        int writeToWriteL = Math.max(burst, c.tCCD_L);
        int writeToWriteS = Math.max(burst, c.tCCD_S);
        int writeToWriteO = burst;
        int writeToPrecharge = c.writeLatency + burst + c.tWR;
        int prechargeToActivate = c.tRP;
        int prechargeToPrecharge = c.tPPD;
        int readToActivate = readToPrecharge + prechargeToActivate;
        int writeToActivate = writeToPrecharge + prechargeToActivate;
        int activateToActivate = c.tRC;
        int activateToActivateL = c.tRRD_L;
        int activateToActivateS = c.tRRD_S;
        int activateToPrecharge = c.tRAS;
        int activateToRead;
        int activateToWrite;
        if (c.isGddr() || c.isHbm()) {
            activateToRead = c.tRCDRD;
            activateToWrite = c.tRCDWR;
        } else {
            activateToRead = c.tRCD - c.AL;
            activateToWrite = c.tRCD - c.AL;
        }
        int activateToRefresh = c.tRC;  // a refresh needs the bank precharged, hence tRC
        int refreshToActivate = c.tRFC;
        if (c.bankgroups == 1) {
            // bank groups disabled: the _S values apply everywhere
            readToReadL = readToReadS;
            writeToReadL = writeToReadS;
            writeToWriteL = writeToWriteS;
            activateToActivateL = activateToActivateS;
        }

        CommandType RD = CommandType.READ, RDA = CommandType.READ_PRECHARGE, WR = CommandType.WRITE,
                WRA = CommandType.WRITE_PRECHARGE, ACT = CommandType.ACTIVATE, PRE = CommandType.PRECHARGE,
                REFB = CommandType.REFRESH_BANK, REF = CommandType.REFRESH;
        Scope same = Scope.SAME_BANK, bg = Scope.OTHER_BANKS_SAME_BANKGROUP, rank = Scope.OTHER_BANKGROUPS_SAME_RANK,
                other = Scope.OTHER_RANKS, all = Scope.SAME_RANK;

        for (CommandType rd : new CommandType[] {RD, RDA}) {
            set(bg, rd, RD, readToReadL, WR, readToWrite, RDA, readToReadL, WRA, readToWrite);
            set(rank, rd, RD, readToReadS, WR, readToWrite, RDA, readToReadS, WRA, readToWrite);
            set(other, rd, RD, readToReadO, WR, readToWriteO, RDA, readToReadO, WRA, readToWriteO);
        }
        set(same, RD, RD, readToReadL, WR, readToWrite, RDA, readToReadL, WRA, readToWrite, PRE, readToPrecharge);
        set(same, RDA, ACT, readpToAct, REF, readToActivate, REFB, readToActivate);
        for (CommandType wr : new CommandType[] {WR, WRA}) {
            set(bg, wr, RD, writeToReadL, WR, writeToWriteL, RDA, writeToReadL, WRA, writeToWriteL);
            set(rank, wr, RD, writeToReadS, WR, writeToWriteS, RDA, writeToReadS, WRA, writeToWriteS);
            set(other, wr, RD, writeToReadO, WR, writeToWriteO, RDA, writeToReadO, WRA, writeToWriteO);
        }
        set(same, WR, RD, writeToReadL, WR, writeToWriteL, RDA, writeToReadL, WRA, writeToWriteL, PRE,
                writeToPrecharge);
        set(same, WRA, ACT, writeToActivate, REF, writeToActivate, REFB, writeToActivate);
        set(same, ACT, ACT, activateToActivate, RD, activateToRead, WR, activateToWrite, RDA, activateToRead, WRA,
                activateToWrite, PRE, activateToPrecharge);
        set(bg, ACT, ACT, activateToActivateL, REFB, activateToRefresh);
        set(rank, ACT, ACT, activateToActivateS, REFB, activateToRefresh);
        set(same, PRE, ACT, prechargeToActivate, REF, prechargeToActivate, REFB, prechargeToActivate);
        if (c.isGddr() || c.protocol.equals("LPDDR4")) {
            set(bg, PRE, PRE, prechargeToPrecharge);
            set(rank, PRE, PRE, prechargeToPrecharge);
        }
        // Per-bank refresh (JEDEC, deliberately not DRAMsim3's tables, which never block the refreshed
        // bank itself and hold every other bank for tRFC): the refreshed bank is busy for tRFCb, and
        // the other banks see it like an activate (tRRD) for their next activate or refresh-bank.
        set(same, REFB, ACT, c.tRFCb, REF, c.tRFCb, REFB, c.tRFCb);
        set(bg, REFB, ACT, activateToActivateL, REFB, activateToActivateL);
        set(rank, REFB, ACT, activateToActivateS, REFB, activateToActivateS);
        set(all, REF, ACT, refreshToActivate, REF, refreshToActivate);
        for (Scope s : Scope.values()) {
            for (int t = 0; t < CommandType.COUNT; t++) {
                if (targets[s.ordinal()][t] == null) {
                    targets[s.ordinal()][t] = new int[0];
                    delays[s.ordinal()][t] = new int[0];
                }
            }
        }
    }

    /** Cycles after {@code issued} before {@code later} may issue to the same bank (0 when unconstrained). */
    public int sameBankDelay(CommandType issued, CommandType later) {
        return delay(Scope.SAME_BANK, issued, later);
    }

    /**
     * Cycles after {@code issued} before {@code later} may issue to a bank of another bank group of
     * the same rank: the data-bus spacing and turnaround between column commands.
     */
    public int otherBankGroupDelay(CommandType issued, CommandType later) {
        return delay(Scope.OTHER_BANKGROUPS_SAME_RANK, issued, later);
    }

    /**
     * As {@link #sameBankDelay}, but {@link #NONE} when {@code issued} does not hold {@code later}
     * at all (a listed delay of 0 still holds {@code later} until the issue cycle).
     */
    public int sameBankHold(CommandType issued, CommandType later) {
        return find(Scope.SAME_BANK, issued, later);
    }

    /** Cycles after a rank command ({@code REFRESH}) before {@code later} may issue to its banks, or {@link #NONE}. */
    public int sameRankHold(CommandType issued, CommandType later) {
        return find(Scope.SAME_RANK, issued, later);
    }

    private int delay(Scope scope, CommandType issued, CommandType later) {
        int d = find(scope, issued, later);
        return d == NONE ? 0 : d;
    }

    private int find(Scope scope, CommandType issued, CommandType later) {
        int[] t = targets[scope.ordinal()][issued.ordinal()];
        for (int i = 0; i < t.length; i++) {
            if (t[i] == later.ordinal()) return delays[scope.ordinal()][issued.ordinal()][i];
        }
        return NONE;
    }

    private void set(Scope scope, CommandType issued, Object... pairs) {
        int n = pairs.length / 2;
        int[] t = new int[n];
        int[] d = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = ((CommandType) pairs[2 * i]).ordinal();
            d[i] = (Integer) pairs[2 * i + 1];
        }
        targets[scope.ordinal()][issued.ordinal()] = t;
        delays[scope.ordinal()][issued.ordinal()] = d;
    }
}
