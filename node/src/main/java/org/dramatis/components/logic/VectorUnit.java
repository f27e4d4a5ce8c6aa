package org.dramatis.components.logic;

import org.dramatis.components.ops.Clock;
import org.dramatis.components.ops.Compute;
import org.dramatis.components.ops.OpUnit;
import org.dramatis.engine.AtLeast;
import org.dramatis.engine.ComponentParams;
import org.dramatis.engine.Context;
import org.dramatis.engine.Positive;
import org.dramatis.engine.Stats;

/**
 * A SIMD vector unit on a logic die for the element-wise work of a transformer layer (softmax,
 * norms, RoPE, residual adds, gating, top-k sampling). An op of class {@code c} on {@code E}
 * elements takes {@code ceil(E * ops_per_element(c) / lanes)} cycles (the per-element counts are
 * documented on {@link org.dramatis.components.ops.OpClass}) and costs {@code pjPerOp} per
 * operation plus {@code bufferPjPerByte} per byte read from or written to its buffer.
 */
public final class VectorUnit extends OpUnit {

    /**
     * @param lanes           operations per cycle. Default 16: one 256-bit datapath of FP16
     *                        (assumption, matching the 256-bit command width of the GDDR6-AiM
     *                        units in CENT)
     * @param frequencyHz     clock. Default 2 GHz (CENT: per-channel vector units at 2 GHz)
     * @param pjPerOp         energy per arithmetic operation. Default 1.0 pJ (assumption: an FP16
     *                        add is 0.4 pJ and an FP16 multiply 1.1 pJ at 45 nm, Horowitz ISSCC
     *                        2014; exp/divide lanes cost more, so about 1 pJ on average)
     * @param bufferPjPerByte energy per byte read or written in the unit's operand buffer. Default
     *                        1.25 pJ (Horowitz ISSCC 2014: a 64-bit read of an 8 KB SRAM costs
     *                        10 pJ at 45 nm)
     * @param staticPowerW    leakage of the datapath and its buffer. Default 10 mW (assumption: a
     *                        16-lane FP16 datapath with a small operand buffer; no published
     *                        leakage figure for such a unit was found, so sweep it)
     */
    public record Params(@AtLeast(1) int lanes, @Positive double frequencyHz, @AtLeast(0) double pjPerOp,
                         @AtLeast(0) double bufferPjPerByte, @AtLeast(0) double staticPowerW)
            implements ComponentParams {

        public static Params defaults() {
            return new Params(16, 2e9, 1.0, 1.25, 0.01);
        }
    }

    private final Params p;
    private long vectorOps;
    private long bufferBytes;

    public VectorUnit(Params p) {
        p.validate();
        this.p = p;
    }

    @Override
    public String kind() {
        return "vector_unit";
    }

    /** Cycles of an element-wise op on {@code lanes} lanes. */
    public static long cycles(Compute op, int lanes) {
        if (op.cls().isMatrix()) throw new IllegalArgumentException("op " + op.opId() + ": " + op.cls() + " is not an element-wise op");
        return Clock.ceilDiv(op.vectorOps(), lanes);
    }

    @Override
    protected void begin(Context ctx, Compute op) {
        long cycles = cycles(op, p.lanes());
        vectorOps += op.vectorOps();
        bufferBytes += op.inBytes() + op.outBytes();
        completeAfter(ctx, Clock.ps(cycles, p.frequencyHz()));
    }

    @Override
    protected void reportModel(Stats stats) {
        stats.count("vector_ops", vectorOps)
                .energy("vector", vectorOps * p.pjPerOp())
                .energy("buffer", bufferBytes * p.bufferPjPerByte());
    }
}
