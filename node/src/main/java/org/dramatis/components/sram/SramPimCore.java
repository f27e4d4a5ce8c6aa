package org.dramatis.components.sram;

import org.dramatis.components.logic.VectorUnit;
import org.dramatis.components.ops.Clock;
import org.dramatis.components.ops.Compute;
import org.dramatis.components.ops.OpClass;
import org.dramatis.components.ops.OpUnit;
import org.dramatis.components.ops.UnitParams;
import org.dramatis.engine.AtLeast;
import org.dramatis.engine.Context;
import org.dramatis.engine.Positive;
import org.dramatis.engine.Stats;

/**
 * One core of an HPIM-style SRAM-PIM subsystem (docs/hardware.md section 1.3): a systolic array for GEMM,
 * digital SRAM compute macros for GEMV, a vector unit for element-wise ops and a scalar unit
 * for top-k, sharing a local SRAM. The core serves one op at a time.
 *
 * <p>Timing (cycles at {@code frequencyHz}):
 * <ul>
 *   <li>GEMM on the {@code R x C} output-stationary systolic array:
 *       {@code ceil(m/R) * ceil(n/C) * (k + R + C - 2)}. Each output tile of R x C is computed in
 *       place while the k-long operand streams enter skewed; the far-corner PE gets its first
 *       operand pair after R + C - 2 cycles and its last k - 1 cycles later. The output drain of a
 *       tile is assumed to overlap the next tile (double-buffered accumulators), which is where
 *       this differs from SCALE-Sim's 2R + C + k - 2 per tile.</li>
 *   <li>GEMV on the macros ({@code G} groups x {@code M} multipliers, one MAC each per cycle):
 *       {@code ceil(m * n * k / (G * M))}.</li>
 *   <li>element-wise ops on the vector unit: {@code ceil(ops / vectorLanes)};
 *       TOP_K on the scalar unit: {@code ops} (one per cycle).</li>
 * </ul>
 * Energy: {@code pjPerMac} per systolic MAC, {@code macroPjPerMac} per macro MAC,
 * {@code pjPerVectorOp} per vector or scalar operation, and {@code sramPjPerByte} per byte moved
 * through the local SRAM: a GEMM reads its input and weights and writes its output; a GEMV reads
 * its input and writes its output (the stationary operand is read inside the macros and is part
 * of the macro MAC energy); element-wise ops read their input and write their output.
 * The op's activations ({@code inBytes + outBytes}) must fit the local SRAM.
 */
public final class SramPimCore extends OpUnit {

    /**
     * @param systolicRows        systolic array rows. Default 64 (HPIM: 64 x 64 per core)
     * @param systolicCols        systolic array columns. Default 64 (HPIM)
     * @param macroGroups         SRAM compute macro groups. Default 16 (HPIM: 16 macro groups)
     * @param multipliersPerGroup FP16 multipliers per group. Default 8 (HPIM: 8 per group)
     * @param vectorLanes         vector unit lanes. Default 64 (assumption: one lane per systolic
     *                            column, so a row of GEMM output can be post-processed per cycle)
     * @param frequencyHz         core clock. Default 1 GHz (assumption; HPIM's clock is not in
     *                            the public summary)
     * @param localSramBytes      activation memory. Default 384 KB (HPIM)
     * @param pjPerMac            FP16 MAC in the systolic array. Default 1.5 pJ (Horowitz ISSCC
     *                            2014, 45 nm: FP16 multiply 1.1 pJ + add 0.4 pJ)
     * @param macroPjPerMac       FP16 MAC in an SRAM compute macro, including reading the stored
     *                            operand in place. Default 1.5 pJ (assumption: the same
     *                            arithmetic as the array; the saving of a macro is that its
     *                            stationary operand never crosses the SRAM port)
     * @param pjPerVectorOp       vector/scalar operation. Default 1.0 pJ (as
     *                            {@link VectorUnit.Params#defaults()})
     * @param sramPjPerByte       local SRAM access. Default 1.25 pJ/byte (Horowitz ISSCC 2014:
     *                            10 pJ per 64-bit read of an 8 KB SRAM at 45 nm)
     * @param staticPowerW        leakage, dominated by the activation memory. Default 56.2 mW:
     *                            384 KB at 149.8 mW per MB, CACTI 7's leakage of a 1 MB SRAM at
     *                            22 nm with ITRS high-performance devices (run on the public
     *                            tool; low-standby-power devices leak about 300 times less)
     */
    public record Params(@AtLeast(1) int systolicRows, @AtLeast(1) int systolicCols, @AtLeast(1) int macroGroups,
                         @AtLeast(1) int multipliersPerGroup, @AtLeast(1) int vectorLanes, @Positive double frequencyHz,
                         @AtLeast(1) long localSramBytes, @AtLeast(0) double pjPerMac, @AtLeast(0) double macroPjPerMac,
                         @AtLeast(0) double pjPerVectorOp, @AtLeast(0) double sramPjPerByte,
                         @AtLeast(0) double staticPowerW) implements UnitParams {

        public static Params hpim() {
            return new Params(64, 64, 16, 8, 64, 1e9, 384 * 1024, 1.5, 1.5, 1.0, 1.25, 0.0562);
        }

        @Override
        public long capacityBytes() {
            return localSramBytes;
        }

        /** The KV cache and activations streamed in must fit the activation memory. */
        @Override
        public long localBufferBytes() {
            return localSramBytes;
        }

        /** The systolic array and the macros can both be busy only across ops; the larger is the peak. */
        @Override
        public double peakMacsPerSecond() {
            return Math.max((double) systolicRows * systolicCols, (double) macroGroups * multipliersPerGroup) * frequencyHz;
        }
    }

    private final Params p;
    private long systolicMacs;
    private long macroMacs;
    private long vectorOps;
    private long sramBytes;

    public SramPimCore(Params p) {
        p.validate();
        this.p = p;
    }

    @Override
    public String kind() {
        return "sram_pim_core";
    }

    /** Cycles of {@code op} on this core (see the class comment). */
    public long cycles(Compute op) {
        long r = p.systolicRows();
        long c = p.systolicCols();
        return switch (op.cls()) {
            case GEMM -> Clock.ceilDiv(op.m(), r) * Clock.ceilDiv(op.n(), c) * (op.k() + r + c - 2);
            case GEMV -> Clock.ceilDiv(op.macs(), (long) p.macroGroups() * p.multipliersPerGroup());
            case TOP_K -> op.vectorOps();
            default -> VectorUnit.cycles(op, p.vectorLanes());
        };
    }

    @Override
    protected void begin(Context ctx, Compute op) {
        long activations = op.inBytes() + op.outBytes();
        if (activations > p.localSramBytes()) {
            throw new IllegalArgumentException("sram_pim_core '" + ctx.name() + "': op " + op.opId() + " needs "
                    + activations + " bytes of activations, local SRAM holds " + p.localSramBytes());
        }
        sramBytes += activations;
        if (op.cls() == OpClass.GEMM) {
            systolicMacs += op.macs();
            sramBytes += op.weightBytes();
        } else if (op.cls() == OpClass.GEMV) {
            macroMacs += op.macs();
        } else {
            vectorOps += op.vectorOps();
        }
        completeAfter(ctx, Clock.ps(cycles(op), p.frequencyHz()));
    }

    @Override
    protected void reportModel(Stats stats) {
        stats.count("systolic_macs", systolicMacs).count("macro_macs", macroMacs).count("vector_ops", vectorOps)
                .count("sram_bytes", sramBytes)
                .energy("mac", systolicMacs * p.pjPerMac() + macroMacs * p.macroPjPerMac())
                .energy("vector", vectorOps * p.pjPerVectorOp())
                .energy("sram", sramBytes * p.sramPjPerByte());
    }
}
