package org.dramatis.engine;

/**
 * A seeded random stream for components: SplitMix64, drawing exactly the numbers that
 * {@code java.util.SplittableRandom(seed)} draws (tested), but with its state in plain fields so
 * that a checkpoint (Kryo) can copy it. The JDK class keeps its state in {@code java.base}
 * private fields, which Kryo cannot reach on Java 17 without {@code --add-opens}.
 */
public final class SeededRandom {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private long seed;

    public SeededRandom(long seed) {
        this.seed = seed;
    }

    public long nextLong() {
        return mix64(seed += GOLDEN_GAMMA);
    }

    public int nextInt() {
        return mix32(seed += GOLDEN_GAMMA);
    }

    /** Uniform in [0, bound), the JDK's rejection method. */
    public int nextInt(int bound) {
        if (bound <= 0) throw new IllegalArgumentException("bound must be positive, got " + bound);
        int r = nextInt();
        int m = bound - 1;
        if ((bound & m) == 0) return r & m;
        for (int u = r >>> 1; u + m - (r = u % bound) < 0; u = nextInt() >>> 1) {
            // reject over-represented candidates
        }
        return r;
    }

    /** Uniform in [0, bound), the JDK's rejection method. */
    public long nextLong(long bound) {
        if (bound <= 0) throw new IllegalArgumentException("bound must be positive, got " + bound);
        long r = nextLong();
        long m = bound - 1;
        if ((bound & m) == 0L) return r & m;
        for (long u = r >>> 1; u + m - (r = u % bound) < 0L; u = nextLong() >>> 1) {
            // reject over-represented candidates
        }
        return r;
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static int mix32(long z) {
        z = (z ^ (z >>> 33)) * 0x62a9d9ed799705f5L;
        return (int) (((z ^ (z >>> 28)) * 0xcb24d0a5c88c35b3L) >>> 32);
    }
}
