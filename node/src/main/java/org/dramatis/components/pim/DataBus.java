package org.dramatis.components.pim;

import org.dramatis.dram.CommandType;
import org.dramatis.dram.Timing;

/**
 * A PIM channel's shared data bus: the cycles from which its next write and read bursts may
 * cross it. Global-buffer loads, result read-outs and normal reads and writes all use it.
 */
final class DataBus {

    private final long readToRead, writeToWrite, readToWrite, writeToRead;
    private long readReady, writeReady;

    DataBus(Timing t) {
        readToRead = t.otherBankGroupDelay(CommandType.READ, CommandType.READ);
        writeToWrite = t.otherBankGroupDelay(CommandType.WRITE, CommandType.WRITE);
        readToWrite = t.otherBankGroupDelay(CommandType.READ, CommandType.WRITE);
        writeToRead = t.otherBankGroupDelay(CommandType.WRITE, CommandType.READ);
    }

    /** The first cycle a write (read) burst may take the bus. */
    long ready(boolean write) {
        return write ? writeReady : readReady;
    }

    /** Cycles between two write (read) bursts on the bus. */
    long spacing(boolean write) {
        return write ? writeToWrite : readToRead;
    }

    /** A write (read) burst takes the bus at {@code t}. */
    void burst(boolean write, long t) {
        if (write) {
            writeReady = t + writeToWrite;
            readReady = Math.max(readReady, t + writeToRead);
        } else {
            readReady = t + readToRead;
            writeReady = Math.max(writeReady, t + readToWrite);
        }
    }

    /**
     * {@code bursts >= 1} write (read) bursts, the first at {@code first} (no earlier than the bus
     * allows), each at the next bus slot; returns the last one's cycle. {@code oneByOne}: each
     * burst in turn (for validation); else in closed form, back to back at the bus spacing.
     */
    long train(boolean write, long first, long bursts, boolean oneByOne) {
        if (!oneByOne) {
            long last = first + (bursts - 1) * spacing(write);
            burst(write, last);
            return last;
        }
        long t = first;
        for (long b = 0; b < bursts; b++) {
            t = Math.max(t, ready(write));
            burst(write, t);
        }
        return t;
    }

    /** Moves both ready cycles {@code cycles} later (a run of repeated units advanced at once). */
    void shift(long cycles) {
        readReady += cycles;
        writeReady += cycles;
    }
}
