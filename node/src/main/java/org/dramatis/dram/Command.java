package org.dramatis.dram;

/**
 * A command for one bank (or, for {@link CommandType#REFRESH}, one rank): its type and decoded
 * address. Read/write commands carry the request's byte address.
 */
public final class Command {
    public final CommandType type;
    public final int rank;
    public final int bankgroup;
    public final int bank;
    public final int row;
    public final int column;
    public final long addr;
    /** Index of the bank within its channel (rank-major), or -1 for a rank command. */
    final int bankIndex;

    public Command(CommandType type, int rank, int bankgroup, int bank, int row, int column, long addr,
                   int bankIndex) {
        this.type = type;
        this.rank = rank;
        this.bankgroup = bankgroup;
        this.bank = bank;
        this.row = row;
        this.column = column;
        this.addr = addr;
        this.bankIndex = bankIndex;
    }

    /** The read/write command a request becomes under the configuration's address mapping and page policy. */
    public static Command forRequest(DramConfig c, long addr, boolean write) {
        long a = addr >>> c.shiftBits;
        CommandType type = c.rowBufferPolicy == DramConfig.RowBufferPolicy.OPEN_PAGE
                ? (write ? CommandType.WRITE : CommandType.READ)
                : (write ? CommandType.WRITE_PRECHARGE : CommandType.READ_PRECHARGE);
        int rank = (int) (a >>> c.raPos) & c.raMask;
        int bankgroup = (int) (a >>> c.bgPos) & c.bgMask;
        int bank = (int) (a >>> c.baPos) & c.baMask;
        return new Command(type, rank, bankgroup, bank, (int) (a >>> c.roPos) & c.roMask,
                (int) (a >>> c.coPos) & c.coMask, addr, rank * c.banks + bankgroup * c.banksPerGroup + bank);
    }

    @Override
    public String toString() {
        return type + "(rank " + rank + ", bg " + bankgroup + ", bank " + bank + ", row " + row + ", col " + column
                + ", 0x" + Long.toHexString(addr) + ")";
    }
}
