package org.dramatis.components.hb;

import java.util.Map;
import org.dramatis.components.ops.Clock;
import org.dramatis.components.ops.Compute;
import org.dramatis.components.ops.OpClass;
import org.dramatis.components.ops.OpUnit;
import org.dramatis.engine.AtLeast;
import org.dramatis.engine.ComponentParams;
import org.dramatis.engine.Context;
import org.dramatis.engine.Positive;
import org.dramatis.engine.Stats;

/**
 * A hybrid-bonded DRAM unit (H2-LLM style): {@code banksPerUnit} DRAM banks bonded face to face
 * onto a compute unit of {@code fpus x simdWidth} lanes directly beneath them, each bank
 * delivering {@code bankBytesPerSecond} over the bond.
 *
 * <p>Timing, one op at a time (lanes = fpus x simdWidth, one FMA or one element-wise operation
 * per lane per cycle):
 * <ul>
 * <li>matrix ops (projections, attention GEMVs over the local KV cache): roofline
 *     {@code max(ceil(m n k / lanes) cycles, bank bytes / (banksPerUnit x bankBytesPerSecond))};
 *     the weights stream from the banks through the weight buffer, overlapped with compute
 *     (double buffering). Input vectors are held in the input buffer: a group of
 *     {@code floor(inputBufferBytes / vector bytes)} vectors shares one pass over the weights, so
 *     bank bytes = weightBytes x ceil(m / group) (one pass per vector when a vector is larger
 *     than the buffer and is streamed in chunks);</li>
 * <li>element-wise ops on the SIMD lanes: {@code ceil(elements x ops per element / lanes)} cycles;
 *     their operands travel with the request;</li>
 * <li>STORE ({@code inBytes}, a KV-cache append) and LOAD ({@code outBytes}) at bank bandwidth.</li>
 * </ul>
 * Energy: bank bits moved x ({@code pjPerBitBankAccess + pjPerBitHybridBond}); floating-point
 * operations x {@code pjPerFlop} (a MAC = 2); bytes through the unit's buffers (inputs, outputs,
 * weights) x {@code bufferPjPerByte}.
 */
public final class HbUnit extends OpUnit {

    /**
     * H2-LLM artifact figures unless marked (docs/hardware.md section 2, "HB-DRAM (H2-LLM)").
     *
     * @param banksPerUnit        DRAM banks above one compute unit. H2-LLM: one unit per bank (1)
     * @param bankBytes           capacity of one bank. H2-LLM: 256 MB
     * @param fpus                floating-point units. H2-LLM: 8
     * @param simdWidth           SIMD lanes per FPU. H2-LLM: 16-wide
     * @param frequencyHz         unit clock. H2-LLM: 600 MHz
     * @param bankBytesPerSecond  bank-to-unit bandwidth per bank. H2-LLM: 25.6 GB/s
     * @param inputBufferBytes    H2-LLM: 32 KB
     * @param weightBufferBytes   H2-LLM: 32 KB (the weight stream's double buffer; not a limit here)
     * @param outputBufferBytes   H2-LLM: 64 KB (results drain to the NoC with the answer; not a limit here)
     * @param pjPerBitBankAccess  array access per bit read or written. Assumption: AttAcc's cell
     *                            energies, activate/precharge 0.11 + column 0.44 = 0.55 pJ/bit; the
     *                            hybrid bond replaces the bank-group mux, global IO and TSV path
     * @param pjPerBitHybridBond  vertical transfer per bit. Assumption 0.05 pJ/bit: fine-pitch
     *                            hybrid bonding (< 10 um pitch, Foveros Direct / SoIC class) is
     *                            reported below ~0.05 pJ/bit, an order below microbump TSV paths
     *                            (AttAcc: 0.5 pJ/bit); the same figure as Links.hybridBond
     * @param pjPerFlop           per FP16 operation. Assumption 0.16 pJ: AttAcc's 0.32 pJ per
     *                            FP16 MAC (2 operations) for a PIM ALU, the unit being logic of
     *                            the same class
     * @param bufferPjPerByte     SRAM buffer access per byte. Assumption 1.25 pJ (Horowitz ISSCC
     *                            2014: 10 pJ per 64-bit read of an 8 KB SRAM at 45 nm), as the
     *                            other kinds' buffers
     * @param staticPowerW        background of the banks and leakage of the buffers. Assumption
     *                            21.7 mW: a bank's share of an HBM2 channel's precharge standby,
     *                            VDD x IDD2N = 1.2 V x 40 mA over 16 banks = 3 mW (DRAMsim3
     *                            HBM2_8Gb_x128), plus 128 KB of buffers at 149.8 mW per MB (CACTI 7,
     *                            22 nm, high-performance devices)
     */
    public record Params(@AtLeast(1) int banksPerUnit, @AtLeast(1) long bankBytes, @AtLeast(1) int fpus,
                         @AtLeast(1) int simdWidth, @Positive double frequencyHz, @Positive double bankBytesPerSecond,
                         @AtLeast(1) long inputBufferBytes, @AtLeast(1) long weightBufferBytes,
                         @AtLeast(1) long outputBufferBytes, @AtLeast(0) double pjPerBitBankAccess,
                         @AtLeast(0) double pjPerBitHybridBond, @AtLeast(0) double pjPerFlop,
                         @AtLeast(0) double bufferPjPerByte, @AtLeast(0) double staticPowerW) implements ComponentParams {

        /** H2-LLM's unit: one 256 MB bank above 8 x 16 FP16 lanes at 600 MHz. */
        public static Params defaults() {
            return new Params(1, 256L << 20, 8, 16, 600e6, 25.6e9, 32 << 10, 32 << 10, 64 << 10,
                    0.55, 0.05, 0.16, 1.25, 0.0217);
        }

        public int lanes() {
            return fpus * simdWidth;
        }

        @Override
        public long capacityBytes() {
            return banksPerUnit * bankBytes;
        }

        @Override
        public double peakMacsPerSecond() {
            return lanes() * frequencyHz;
        }

        @Override
        public double peakInternalBytesPerSecond() {
            return banksPerUnit * bankBytesPerSecond;
        }

        @Override
        public Map<String, Long> contains() {
            return Map.of("bank", (long) banksPerUnit, "pim_unit", 1L);
        }
    }

    private final Params p;
    private long flops, bankBytes, bufferBytes, computeBound, memoryBound;

    public HbUnit(Params p) {
        p.validate();
        this.p = p;
    }

    @Override
    public String kind() {
        return "hb_unit";
    }

    /** Bytes a matrix op reads from the banks: one pass over the weights per input-buffer group. */
    public long matrixBankBytes(Compute op) {
        long vector = Clock.ceilDiv(op.inBytes(), op.m());
        long group = vector == 0 ? op.m() : Math.max(1, Math.min(op.m(), p.inputBufferBytes() / vector));
        return Math.multiplyExact(op.weightBytes(), Clock.ceilDiv(op.m(), group));
    }

    private long bankPs(long bytes) {
        return (long) Math.ceil(bytes * 1e12 / (p.banksPerUnit() * p.bankBytesPerSecond()));
    }

    @Override
    protected void begin(Context ctx, Compute op) {
        long ps;
        switch (op.cls()) {
            case GEMV, GEMM -> {
                if (op.weightBytes() > p.capacityBytes()) {
                    throw new IllegalArgumentException("op " + op.opId() + ": weights of " + op.weightBytes()
                            + " B exceed the unit's " + p.capacityBytes() + " B; the mapper must split the op");
                }
                long bytes = matrixBankBytes(op);
                long computePs = Clock.ps(Clock.ceilDiv(op.macs(), p.lanes()), p.frequencyHz());
                long memoryPs = bankPs(bytes);
                if (computePs >= memoryPs) computeBound++;
                else memoryBound++;
                ps = Math.max(computePs, memoryPs);
                flops += 2 * op.macs();
                bankBytes += bytes;
                bufferBytes += op.inBytes() + op.outBytes() + bytes;
            }
            case STORE, LOAD -> {
                long bytes = op.cls() == OpClass.STORE ? op.inBytes() : op.outBytes();
                ps = bankPs(bytes);
                bankBytes += bytes;
            }
            default -> {
                ps = Clock.ps(Clock.ceilDiv(op.vectorOps(), p.lanes()), p.frequencyHz());
                flops += op.vectorOps();
                bufferBytes += op.inBytes() + op.outBytes();
            }
        }
        completeAfter(ctx, ps);
    }

    @Override
    protected void reportModel(Stats stats) {
        stats.count("flops", flops).count("bank_bytes", bankBytes).count("compute_bound_ops", computeBound)
                .count("memory_bound_ops", memoryBound)
                .energy("bank", bankBytes * 8.0 * (p.pjPerBitBankAccess() + p.pjPerBitHybridBond()))
                .energy("compute", flops * p.pjPerFlop())
                .energy("buffer", bufferBytes * p.bufferPjPerByte());
    }
}
