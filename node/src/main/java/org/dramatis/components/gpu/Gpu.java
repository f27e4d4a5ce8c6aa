package org.dramatis.components.gpu;

import org.dramatis.components.ops.Compute;
import org.dramatis.components.ops.OpUnit;
import org.dramatis.engine.AtLeast;
import org.dramatis.engine.ComponentParams;
import org.dramatis.engine.Context;
import org.dramatis.engine.Positive;
import org.dramatis.engine.Range;
import org.dramatis.engine.Stats;

/**
 * A GPU as a per-kernel roofline: every op is one kernel, kernels run one after another (one
 * stream), and a kernel takes
 * {@code max(flops / (peakFlops * computeCap), bytes / (bytesPerSecond * bandwidthCap)) + launchOverheadPs},
 * where flops = 2 m n k for a matrix op and the element-wise operation count otherwise, and
 * bytes = weightBytes + inBytes + outBytes (every operand crosses HBM once). Energy:
 * {@code pjPerFlop} per FLOP and {@code pjPerByte} per HBM byte.
 */
public final class Gpu extends OpUnit {

    /**
     * @param peakFlops        peak FP16 tensor FLOP/s
     * @param computeCap       achievable fraction of peakFlops
     * @param bytesPerSecond   HBM bandwidth
     * @param bandwidthCap     achievable fraction of bytesPerSecond
     * @param launchOverheadPs per-kernel launch overhead
     * @param memoryBytes      HBM capacity
     * @param pjPerFlop        energy per FLOP on the SMs
     * @param pjPerByte        energy per byte of HBM traffic
     * @param idlePowerW       power the board draws doing nothing (static)
     */
    public record Params(@Positive double peakFlops, @Range(min = 0, max = 1, minExclusive = true) double computeCap,
                         @Positive double bytesPerSecond,
                         @Range(min = 0, max = 1, minExclusive = true) double bandwidthCap,
                         @AtLeast(0) long launchOverheadPs, @AtLeast(0) long memoryBytes, @AtLeast(0) double pjPerFlop,
                         @AtLeast(0) double pjPerByte, @AtLeast(0) double idlePowerW) implements ComponentParams {

        /**
         * A100-80GB idle power 60 W: 58.99-62.13 W measured on a DGX over 4 runs
         * (chuyishang/inference-energy, results_paste.md); used for H100 too (assumption: no H100
         * idle measurement found).
         */
        public static final double IDLE_POWER_W = 60;

        /**
         * HBM energy 3.9 pJ/bit = 31.2 pJ/byte: HBM2 access energy reported by O'Connor et al.
         * ("Fine-Grained DRAM", MICRO 2017); used for both presets (assumption: no public HBM3
         * figure for these boards).
         */
        public static final double HBM_PJ_PER_BYTE = 3.9 * 8;
        /**
         * Kernel launch overhead 4 us (assumption: measured CUDA launch-to-start latencies are
         * 2-5 us on recent GPUs without CUDA graphs).
         */
        public static final long LAUNCH_OVERHEAD_PS = 4_000_000;

        /**
         * A100 with HBM3 as configured in the AttAcc simulator: 312 TFLOP/s FP16, 3352 GB/s,
         * 80 GiB, caps 0.8 (compute) and 0.85 (bandwidth). pJ/FLOP: the 400 W board power minus
         * the idle power and the HBM power at full bandwidth (3352e9 B/s * 31.2 pJ/B = 104.6 W),
         * over 312 TFLOP/s = 0.755 pJ/FLOP (assumption: an upper bound that charges all the
         * remaining power to FLOPs, so that a fully busy board draws its 400 W).
         */
        public static Params a100Hbm3() {
            double hbmWatts = 3352e9 * HBM_PJ_PER_BYTE * 1e-12;
            return new Params(312e12, 0.8, 3352e9, 0.85, LAUNCH_OVERHEAD_PS, 80L << 30,
                    (400 - IDLE_POWER_W - hbmWatts) / 312e12 * 1e12, HBM_PJ_PER_BYTE, IDLE_POWER_W);
        }

        /**
         * H100 as in the AttAcc simulator: 989.4 TFLOP/s FP16, 3352 GB/s, 80 GiB. The AttAcc
         * caps of the A100 (0.8, 0.85) are reused (assumption: none are given for H100).
         * pJ/FLOP from the 700 W SXM board power as for {@link #a100Hbm3()}:
         * (700 - 60 - 104.6) / 989.4e12 = 0.541 pJ/FLOP.
         */
        public static Params h100() {
            double hbmWatts = 3352e9 * HBM_PJ_PER_BYTE * 1e-12;
            return new Params(989.4e12, 0.8, 3352e9, 0.85, LAUNCH_OVERHEAD_PS, 80L << 30,
                    (700 - IDLE_POWER_W - hbmWatts) / 989.4e12 * 1e12, HBM_PJ_PER_BYTE, IDLE_POWER_W);
        }

        /** The board's idle power is its static power. */
        @Override
        public double staticPowerW() {
            return idlePowerW;
        }

        @Override
        public long capacityBytes() {
            return memoryBytes;
        }

        @Override
        public double peakMacsPerSecond() {
            return peakFlops / 2;
        }

        @Override
        public double peakInternalBytesPerSecond() {
            return bytesPerSecond;
        }
    }

    private final Params p;
    private long flops;
    private long bytes;
    private long computeBound;
    private long memoryBound;

    public Gpu(Params p) {
        p.validate();
        this.p = p;
    }

    @Override
    public String kind() {
        return "gpu";
    }

    public static long flops(Compute op) {
        return op.cls().isMatrix() ? 2 * op.macs() : op.vectorOps();
    }

    /** Kernel time of {@code op} in ps: the roofline bound plus the launch overhead. */
    public long kernelPs(Compute op) {
        double computePs = flops(op) * 1e12 / (p.peakFlops() * p.computeCap());
        double memoryPs = trafficBytes(op) * 1e12 / (p.bytesPerSecond() * p.bandwidthCap());
        return (long) Math.ceil(Math.max(computePs, memoryPs)) + p.launchOverheadPs();
    }

    private static long trafficBytes(Compute op) {
        return op.weightBytes() + op.inBytes() + op.outBytes();
    }

    @Override
    protected void begin(Context ctx, Compute op) {
        long f = flops(op);
        long b = trafficBytes(op);
        flops += f;
        bytes += b;
        if (f / (p.peakFlops() * p.computeCap()) >= b / (p.bytesPerSecond() * p.bandwidthCap())) computeBound++;
        else memoryBound++;
        completeAfter(ctx, kernelPs(op));
    }

    @Override
    protected void reportModel(Stats stats) {
        stats.count("flops", flops).count("hbm_bytes", bytes).count("compute_bound_kernels", computeBound)
                .count("memory_bound_kernels", memoryBound)
                .energy("compute", flops * p.pjPerFlop())
                .energy("hbm", bytes * p.pjPerByte());
    }
}
