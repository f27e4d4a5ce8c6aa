package org.dramatis.components.pim;

import org.dramatis.components.ops.Compute;
import org.dramatis.components.ops.OpClass;
import org.dramatis.engine.Stats;

/**
 * Wall time of one large STORE (a KV-cache append) or LOAD on one PIM channel (a measurement, not a
 * test: run with {@code java -cp ... org.dramatis.components.pim.PimChannelStoreWallTime
 * [bytes [hbm|gddr] [store|load] [repetitions]]}). Defaults: a 16 MiB STORE on one HBM3-PIM pseudo-channel.
 */
public final class PimChannelStoreWallTime {

    private PimChannelStoreWallTime() {
    }

    public static void main(String[] args) {
        long bytes = args.length > 0 ? Long.parseLong(args[0]) : 16L << 20;
        PimChannel.Params p = args.length > 1 && args[1].startsWith("g")
                ? PimChannel.Params.gddr6AimCent() : PimChannel.Params.hbm3PimAttAcc();
        boolean load = args.length > 2 && args[2].startsWith("l");
        int reps = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        Compute op = load ? new Compute(1, OpClass.LOAD, 1, bytes / 2, 0, 0, 0, bytes, null)
                : new Compute(1, OpClass.STORE, 1, bytes / 2, 0, 0, bytes, 0, null);
        long best = Long.MAX_VALUE;
        for (int rep = 0; rep < reps; rep++) {
            PimChannel pim = new PimChannel(p);
            long t0 = System.nanoTime();
            long ps = pim.serve(op, 0);
            long ns = System.nanoTime() - t0;
            best = Math.min(best, ns);
            Stats stats = new Stats(ps);
            pim.report(stats);
            System.out.printf("%s %s %d B: simulated %d ps, %d rounds (bank activates / banks), %d refreshes, wall %.3f ms%n",
                    p.dramConfig(), op.cls(), bytes, ps, (Long) stats.values().get("bank_activates") / p.contains().get("bank"),
                    stats.values().get("refreshes"), ns / 1e6);
        }
        System.out.printf("best of %d: %.3f ms%n", reps, best / 1e6);
    }
}
