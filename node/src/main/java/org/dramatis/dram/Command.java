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

    public Command(CommandType type, int rank, int bankgroup, int bank, int row, int column, long addr) {
        this.type = type;
        this.rank = rank;
        this.bankgroup = bankgroup;
        this.bank = bank;
        this.row = row;
        this.column = column;
        this.addr = addr;
    }

    /** The read/write command a request becomes under the configuration's address mapping and page policy. */
    public static Command forRequest(DramConfig c, long addr, boolean write) {
        long a = addr >>> c.shiftBits;
        CommandType type = c.rowBufferPolicy == DramConfig.RowBufferPolicy.OPEN_PAGE
                ? (write ? CommandType.WRITE : CommandType.READ)
                : (write ? CommandType.WRITE_PRECHARGE : CommandType.READ_PRECHARGE);
        return new Command(type, (int) (a >>> c.raPos) & c.raMask, (int) (a >>> c.bgPos) & c.bgMask,
                (int) (a >>> c.baPos) & c.baMask, (int) (a >>> c.roPos) & c.roMask, (int) (a >>> c.coPos) & c.coMask,
                addr);
    }

    @Override
    public String toString() {
        return type + "(rank " + rank + ", bg " + bankgroup + ", bank " + bank + ", row " + row + ", col " + column
                + ", 0x" + Long.toHexString(addr) + ")";
    }
}
