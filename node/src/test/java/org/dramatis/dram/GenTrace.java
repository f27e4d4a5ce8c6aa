package org.dramatis.dram;

import java.util.Locale;

/**
 * A port of /work/shared/tools/gen_trace.py (the generator of the DRAMsim3 golden traces):
 * {@code stream} reads consecutive 64-byte lines, {@code random} reads random 64-byte-aligned
 * addresses below 4 GiB, {@code mixed} alternates 64 sequential and 64 random lines with a third
 * of the requests writes; request i is due at cycle int(i / perCycle).
 */
final class GenTrace {
    private GenTrace() {}

    /** Arguments as gen_trace.py takes them: {@code KIND N SEED PER_CYCLE}. */
    static Trace generate(String args) {
        String[] a = args.trim().split("\\s+");
        return generate(a[0], Integer.parseInt(a[1]), Long.parseLong(a[2]), Double.parseDouble(a[3]));
    }

    static Trace generate(String kind, int n, long seed, double perCycle) {
        PythonRandom rng = new PythonRandom(seed);
        long line = 64;
        long[] addr = new long[n];
        boolean[] write = new boolean[n];
        long[] cycle = new long[n];
        for (int i = 0; i < n; i++) {
            switch (kind) {
                case "stream" -> addr[i] = i * line;
                case "random" -> addr[i] = rng.randrange(1L << 32) & ~(line - 1);
                case "mixed" -> {
                    addr[i] = (i / 64) % 2 == 0 ? i * line : (rng.randrange(1L << 32) & ~(line - 1));
                    write[i] = rng.random() < 1.0 / 3;
                }
                default -> throw new IllegalArgumentException("unknown trace kind " + kind);
            }
            cycle[i] = (long) (i / perCycle);
        }
        return Trace.of(addr, write, cycle);
    }

    /** The trace as gen_trace.py prints it. */
    static String text(Trace t) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < t.size(); i++) {
            sb.append(String.format(Locale.ROOT, "0x%08X %s %d%n", t.addr(i), t.isWrite(i) ? "WRITE" : "READ",
                    t.cycle(i)));
        }
        return sb.toString();
    }
}
