package org.dramatis.dram;

/**
 * Python's {@code random.Random(seed)} for a non-negative int seed: the Mersenne Twister MT19937
 * seeded by {@code init_by_array}, {@code getrandbits}, {@code randrange(0, n)} (rejection
 * sampling on {@code n.bit_length()} bits) and {@code random()} (53-bit float), as CPython's
 * _randommodule.c and random.py compute them. Used to regenerate gen_trace.py's traces exactly.
 */
final class PythonRandom {
    private static final int N = 624;
    private static final int M = 397;
    private final int[] mt = new int[N];
    private int mti;

    PythonRandom(long seed) {
        if (seed < 0) throw new IllegalArgumentException("negative seeds are not ported");
        int words = Math.max(1, (64 - Long.numberOfLeadingZeros(seed) + 31) / 32);
        int[] key = new int[words];
        for (int i = 0; i < words; i++) key[i] = (int) (seed >>> (32 * i));
        initByArray(key);
    }

    private void initGenrand(int s) {
        mt[0] = s;
        for (mti = 1; mti < N; mti++) {
            mt[mti] = 1812433253 * (mt[mti - 1] ^ (mt[mti - 1] >>> 30)) + mti;
        }
    }

    private void initByArray(int[] key) {
        initGenrand(19650218);
        int i = 1;
        int j = 0;
        for (int k = Math.max(N, key.length); k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1664525)) + key[j] + j;
            i++;
            j++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if (j >= key.length) j = 0;
        }
        for (int k = N - 1; k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1566083941)) - i;
            i++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x80000000;
    }

    /** Next 32 random bits, as an unsigned value in a long. */
    long nextUint32() {
        int y;
        if (mti >= N) {
            int kk;
            for (kk = 0; kk < N - M; kk++) {
                y = (mt[kk] & 0x80000000) | (mt[kk + 1] & 0x7fffffff);
                mt[kk] = mt[kk + M] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
            }
            for (; kk < N - 1; kk++) {
                y = (mt[kk] & 0x80000000) | (mt[kk + 1] & 0x7fffffff);
                mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
            }
            y = (mt[N - 1] & 0x80000000) | (mt[0] & 0x7fffffff);
            mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
            mti = 0;
        }
        y = mt[mti++];
        y ^= (y >>> 11);
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= (y >>> 18);
        return y & 0xffffffffL;
    }

    /** {@code getrandbits(k)} for 1 <= k <= 63: 32-bit words from least significant up. */
    long getrandbits(int k) {
        if (k <= 32) return nextUint32() >>> (32 - k);
        long low = nextUint32();
        long high = nextUint32() >>> (64 - k);
        return low | (high << 32);
    }

    /** {@code randrange(0, n)}. */
    long randrange(long n) {
        int k = 64 - Long.numberOfLeadingZeros(n);
        long r = getrandbits(k);
        while (r >= n) r = getrandbits(k);
        return r;
    }

    /** {@code random()}: a double in [0, 1) with 53 random bits. */
    double random() {
        long a = nextUint32() >>> 5;
        long b = nextUint32() >>> 6;
        return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
    }
}
