package org.dramatis.components.ops;

/** Cycle counts to picoseconds. */
public final class Clock {
    private Clock() {}

    /** Time of {@code cycles} at {@code hz}, rounded up to whole picoseconds. */
    public static long ps(long cycles, double hz) {
        return (long) Math.ceil(cycles * 1e12 / hz);
    }

    /** ceil(a / b) for positive b. */
    public static long ceilDiv(long a, long b) {
        return Math.floorDiv(a + b - 1, b);
    }
}
