package org.dramatis.dram;

/**
 * When a channel's refreshes fall due and what each refreshes, by the config's refresh policy
 * (DRAMsim3's refresh.cc): every {@code tREFI} all ranks at once, every {@code tREFI / ranks}
 * the next rank in turn, or every {@code tREFIb} the next bank in turn (bank group first, then
 * bank, then rank). The first refresh falls due one interval after cycle 0. A DRAM channel
 * queues each due refresh for its controller; a PIM channel issues it between its rows.
 */
public final class RefreshSchedule {

    /** Takes the refresh that fell due at {@code due}: one call per rank or bank it refreshes. */
    public interface Target {
        void rank(int rank, long due);

        void bank(int rank, int bankgroup, int bank, long due);
    }

    private final DramConfig.RefreshPolicy policy;
    private final int ranks, bankgroups, banksPerGroup;
    private final long interval;
    private long due;
    private int nextRank, nextBankgroup, nextBank;

    public RefreshSchedule(DramConfig c) {
        policy = c.refreshPolicy;
        ranks = c.ranks;
        bankgroups = c.bankgroups;
        banksPerGroup = c.banksPerGroup;
        interval = switch (policy) {
            case RANK_LEVEL_SIMULTANEOUS -> c.tREFI;
            case BANK_LEVEL_STAGGERED -> c.tREFIb;
            case RANK_LEVEL_STAGGERED -> c.tREFI / c.ranks;
        };
        due = interval;
    }

    /** Cycles between two refreshes falling due. */
    public long interval() {
        return interval;
    }

    /** The cycle the next refresh falls due. */
    public long due() {
        return due;
    }

    /** Whether each refresh holds one bank (else whole ranks). */
    public boolean perBank() {
        return policy == DramConfig.RefreshPolicy.BANK_LEVEL_STAGGERED;
    }

    /** Refreshes in one turn of the rotation, after which every rank (bank) has been refreshed once. */
    public int turn() {
        return switch (policy) {
            case RANK_LEVEL_SIMULTANEOUS -> 1;
            case RANK_LEVEL_STAGGERED -> ranks;
            case BANK_LEVEL_STAGGERED -> ranks * bankgroups * banksPerGroup;
        };
    }

    /** Hands the refresh due at {@link #due} to {@code target}, then moves on to the next one. */
    public void take(Target target) {
        switch (policy) {
            case RANK_LEVEL_SIMULTANEOUS -> {
                // every rank (DRAMsim3 stops after the first rank; see docs/dram.md)
                for (int r = 0; r < ranks; r++) target.rank(r, due);
            }
            case RANK_LEVEL_STAGGERED -> {
                target.rank(nextRank, due);
                nextRank = (nextRank + 1) % ranks;
            }
            case BANK_LEVEL_STAGGERED -> {
                target.bank(nextRank, nextBankgroup, nextBank, due);
                nextBankgroup = (nextBankgroup + 1) % bankgroups;
                if (nextBankgroup == 0) {
                    nextBank = (nextBank + 1) % banksPerGroup;
                    if (nextBank == 0) nextRank = (nextRank + 1) % ranks;
                }
            }
        }
        due += interval;
    }

    /**
     * Passes over {@code turns} whole turns of the rotation without taking them (for a caller that
     * knows what they would do), leaving the next target as it was. Returns the rank (bank)
     * refreshes passed over.
     */
    public long skipTurns(long turns) {
        long refreshes = turns * turn();
        due += refreshes * interval;
        return policy == DramConfig.RefreshPolicy.RANK_LEVEL_SIMULTANEOUS ? refreshes * ranks : refreshes;
    }

    /** The schedule as numbers (next due cycle, then the next rank, bank group and bank), for tests. */
    public long[] state() {
        return new long[] {due, nextRank, nextBankgroup, nextBank};
    }
}
