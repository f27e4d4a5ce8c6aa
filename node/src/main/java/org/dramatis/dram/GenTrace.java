package org.dramatis.dram;

import java.util.Locale;

/**
 * Synthetic memory traces, as the generator of the DRAMsim3 golden traces in the validation
 * suite ({@code gen_trace.py}) writes them, byte for byte (it draws from Python's Mersenne
 * Twister, {@link PythonRandom}): {@code stream} reads consecutive 64-byte lines, {@code random}
 * reads random 64-byte-aligned addresses below 4 GiB, {@code mixed} alternates 64 sequential and
 * 64 random lines with a third of the requests writes; request i is due at cycle
 * {@code int(i / perCycle)}.
 */
public final class GenTrace {

    /** The kinds of trace. */
    public enum Kind { stream, random, mixed }

    private GenTrace() {}

    /** Arguments as gen_trace.py takes them: {@code KIND N SEED PER_CYCLE}. */
    public static Trace generate(String args) {
        String[] a = args.trim().split("\\s+");
        return generate(Kind.valueOf(a[0]), Integer.parseInt(a[1]), Long.parseLong(a[2]), Double.parseDouble(a[3]));
    }

    public static Trace generate(Kind kind, int n, long seed, double perCycle) {
        if (n < 0) throw new IllegalArgumentException("requests must be >= 0, got " + n);
        if (seed < 0) throw new IllegalArgumentException("seed must be >= 0, got " + seed);
        if (!(perCycle > 0) || Double.isInfinite(perCycle)) {
            throw new IllegalArgumentException("rate must be > 0 requests per cycle and finite, got " + perCycle);
        }
        PythonRandom rng = new PythonRandom(seed);
        long line = 64;
        long[] addr = new long[n];
        boolean[] write = new boolean[n];
        long[] cycle = new long[n];
        for (int i = 0; i < n; i++) {
            switch (kind) {
                case stream -> addr[i] = i * line;
                case random -> addr[i] = rng.randrange(1L << 32) & ~(line - 1);
                case mixed -> {
                    addr[i] = (i / 64) % 2 == 0 ? i * line : (rng.randrange(1L << 32) & ~(line - 1));
                    write[i] = rng.random() < 1.0 / 3;
                }
            }
            cycle[i] = (long) (i / perCycle);
        }
        return Trace.of(addr, write, cycle);
    }

    /**
     * The trace as text: DRAMsim3's {@code ADDR READ|WRITE CYCLE} (as gen_trace.py prints it), or
     * Ramulator 2's load/store trace {@code LD|ST ADDR}, which has no times.
     */
    public static String text(Trace t, Trace.Format format) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < t.size(); i++) {
            if (format == Trace.Format.dramsim3) {
                sb.append(String.format(Locale.ROOT, "0x%08X %s %d\n", t.addr(i), t.isWrite(i) ? "WRITE" : "READ", t.cycle(i)));
            } else {
                sb.append(String.format(Locale.ROOT, "%s 0x%X\n", t.isWrite(i) ? "ST" : "LD", t.addr(i)));
            }
        }
        return sb.toString();
    }
}
