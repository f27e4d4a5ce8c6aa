package org.dramatis.dram;

/**
 * One bank's state machine (DRAMsim3 bankstate.cc): closed or open with a row, and the number of
 * column commands since the activate. Its timing is in {@link ChannelState}.
 */
final class BankState {
    boolean open;
    int openRow = -1;
    int rowHits;

    /** The command this bank must take next on the way to {@code want} for {@code row}. */
    CommandType required(CommandType want, int row) {
        if (want.isReadWrite()) {
            if (!open) return CommandType.ACTIVATE;
            return openRow == row ? want : CommandType.PRECHARGE;
        }
        if (want.isRefresh()) return open ? CommandType.PRECHARGE : want;
        throw new IllegalArgumentException("a bank is not asked for " + want + " directly");
    }

    void apply(CommandType type, int row) {
        switch (type) {
            case READ, WRITE -> {
                check(open, type);
                rowHits++;
            }
            case READ_PRECHARGE, WRITE_PRECHARGE, PRECHARGE -> {
                check(open, type);
                open = false;
                openRow = -1;
                rowHits = 0;
            }
            case ACTIVATE -> {
                check(!open, type);
                open = true;
                openRow = row;
            }
            case REFRESH, REFRESH_BANK -> check(!open, type);
        }
    }

    private void check(boolean ok, CommandType type) {
        if (!ok) throw new IllegalStateException(type + " issued to a bank that is " + (open ? "open" : "closed"));
    }
}
