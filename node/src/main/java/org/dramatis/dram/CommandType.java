package org.dramatis.dram;

/** DRAM commands (self-refresh and power-down are not modelled; see docs/dram.md). */
public enum CommandType {
    READ, READ_PRECHARGE, WRITE, WRITE_PRECHARGE, ACTIVATE, PRECHARGE, REFRESH_BANK, REFRESH;

    static final CommandType[] VALUES = values();
    public static final int COUNT = VALUES.length;

    public boolean isRead() {
        return this == READ || this == READ_PRECHARGE;
    }

    public boolean isWrite() {
        return this == WRITE || this == WRITE_PRECHARGE;
    }

    public boolean isReadWrite() {
        return ordinal() <= WRITE_PRECHARGE.ordinal();
    }

    public boolean isRefresh() {
        return this == REFRESH || this == REFRESH_BANK;
    }

    /** A command addressed to a whole rank rather than one bank. */
    public boolean isRankCommand() {
        return this == REFRESH;
    }
}
