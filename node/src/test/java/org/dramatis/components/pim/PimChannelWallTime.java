package org.dramatis.components.pim;

import org.dramatis.components.ops.Compute;
import org.dramatis.components.ops.OpClass;

/**
 * Wall time of one large GEMM on one PIM channel (a measurement, not a test: run with
 * {@code java -cp ... org.dramatis.components.pim.PimChannelWallTime [m k n [hbm|gddr] [repetitions]]}).
 * Defaults: m = 4096, k = n = 4096 on one HBM3-PIM pseudo-channel.
 */
public final class PimChannelWallTime {

    private PimChannelWallTime() {
    }

    public static void main(String[] args) {
        long m = args.length > 0 ? Long.parseLong(args[0]) : 4096;
        long k = args.length > 1 ? Long.parseLong(args[1]) : 4096;
        long n = args.length > 2 ? Long.parseLong(args[2]) : 4096;
        PimChannel.Params p = args.length > 3 && args[3].startsWith("g")
                ? PimChannel.Params.gddr6AimCent() : PimChannel.Params.hbm3PimAttAcc();
        Compute op = new Compute(1, m == 1 ? OpClass.GEMV : OpClass.GEMM, m, n, k, 2 * k * n, 2 * m * k, 2 * m * n, null);
        int reps = args.length > 4 ? Integer.parseInt(args[4]) : 5;
        long best = Long.MAX_VALUE;
        for (int rep = 0; rep < reps; rep++) {
            PimChannel pim = new PimChannel(p);
            long t0 = System.nanoTime();
            long ps = pim.serve(op, 0);
            long ns = System.nanoTime() - t0;
            best = Math.min(best, ns);
            System.out.printf("%s m=%d k=%d n=%d: simulated %d ps, wall %.3f ms%n", p.dramConfig(), m, k, n, ps, ns / 1e6);
        }
        System.out.printf("best of %d: %.3f ms%n", reps, best / 1e6);
    }
}
