package org.dramatis.components.cim;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dramatis.components.ops.Clock;
import org.dramatis.components.ops.Compute;
import org.dramatis.components.ops.Fetch;
import org.dramatis.components.ops.OpUnit;
import org.dramatis.components.ops.UnitParams;
import org.dramatis.components.ops.WeightData;
import org.dramatis.engine.AtLeast;
import org.dramatis.engine.Bounds;
import org.dramatis.engine.Context;
import org.dramatis.engine.Stats;

/**
 * An analog compute-in-memory tile: {@code arrays} resistive crossbars of {@code rows x cols}
 * cells (one ISAAC "in-situ multiply-accumulate" unit with the default parameters). It runs
 * matrix ops {@code out[m x n] = in[m x k] * W[k x n]} whose weights it holds.
 *
 * <p><b>Mapping.</b> A weight of b bits (the op's precision, {@code weightBytes * 8 / (k * n)}, at
 * most {@code weightBits}: INT8 weights on a 16-bit tile take half the columns) is bit-sliced over
 * {@code s = ceil(b / bitsPerCell)} adjacent columns, so one crossbar holds
 * {@code rows x floor(cols / s)} weights and W needs {@code ceil(k / rows) * ceil(n / floor(cols / s))}
 * crossbars, all computing in parallel. A weight matrix that needs more crossbars than the tile has
 * must be split by the mapper.
 *
 * <p><b>Timing.</b> Inputs enter bit-serially through DACs: {@code ceil(inputBits / dacBits)}
 * input slices per input vector. Per slice every crossbar is read at once, {@code rowsPerRead}
 * rows at a time (a crossbar whose used rows exceed it is read in {@code ceil(rows / rowsPerRead)}
 * turns, each digitised and added apart, as NeuroSim's partial parallel read), and its column
 * currents are sampled; each of the crossbar's {@code ceil(cols / columnsPerAdc)} ADCs converts
 * the used columns it owns in sequence, so a read takes
 * {@code max(arrayReadPs, min(columnsPerAdc, usedCols) * conversionPs)}, with
 * {@code usedCols = min(cols, n * s)} and the conversion time carried from the reference
 * resolution to {@code adcBits} by {@link SarAdc}. Slices and input vectors are pipelined back to
 * back: {@code compute = m * slices * reads * readTime}. Weights that are not resident are first written
 * row by row, crossbars in parallel: {@code program = min(k, rows) * programRowPs}, after their
 * data has arrived (see below).
 *
 * <p><b>Energy</b> (counts per op): array {@code m * slices * k * n * s} cell reads; DAC
 * {@code m * slices * k * colBlocks} conversions (every crossbar has its own row DACs);
 * ADC and shift-and-add {@code m * slices * n * s * reads} conversions, summed over the row
 * blocks (each row block's and each read's partial sums are digitised separately and added
 * digitally), at the energy {@link SarAdc} gives for {@code adcBits}; buffers: input and output bytes
 * are each written once and read once; programming {@code k * colBlocks} rows.
 *
 * <p><b>Residency.</b> Weights are identified by {@link Compute#weightKey()}. The tile keeps a
 * resident set (capacity: {@code arrays} crossbars) in least-recently-used order; an op whose
 * key is resident runs at once, otherwise least-recently-used entries are evicted until the op's
 * crossbars are free, and the weights are programmed (charged then and only then). When the
 * output port {@code fetch} is wired, the tile first sends a {@link Fetch} there and waits for the
 * {@link WeightData} (its {@code weightBytes} cross that link); otherwise the weights are taken
 * to be already in the tile's buffer.
 *
 * <p>One op is served at a time; the input vector ({@code inBytes / m}) and output vector
 * ({@code outBytes / m}) of an op must fit the input and output buffers.
 */
public final class CimTile extends OpUnit {

    /**
     * Defaults are ISAAC (Shafiee et al., ISCA 2016) unless marked; the HALO CiM parameters are
     * not public (docs/hardware.md section 2), so these are documented assumptions.
     *
     * @param arrays             crossbars in the tile. Default 8 (ISAAC: 8 crossbars per IMA)
     * @param rows               crossbar rows. Default 128 (ISAAC)
     * @param cols               crossbar columns. Default 128 (ISAAC)
     * @param bitsPerCell        bits stored per cell. Default 2 (ISAAC)
     * @param weightBits         the widest weight the tile stores. Default 16 (ISAAC: 16-bit fixed point,
     *                           8 columns per weight); narrower weights take fewer columns
     * @param inputBits          input precision. Default 16 (ISAAC)
     * @param dacBits            input bits applied per slice. Default 1 (ISAAC: 1-bit DACs, 16 slices)
     * @param adcBits            ADC resolution. Default 8 (ISAAC). Conversion time and energy follow
     *                           it from the reference resolution ({@link SarAdc})
     * @param adcReferenceBits   the resolution {@code adcConversionPs} and {@code pjPerAdcConversion}
     *                           are given at. Default 8 (ISAAC's ADC)
     * @param rowsPerRead        crossbar rows activated together in one read. Default 128 (ISAAC:
     *                           every row at once); fewer keep the column sum within a
     *                           low-resolution ADC's range at the cost of more reads
     * @param columnsPerAdc      columns sharing one ADC. Default 128 (ISAAC: one ADC per crossbar)
     * @param adcConversionPs    time per conversion at the reference resolution. Default 781 ps
     *                           (ISAAC: 1.28 GS/s)
     * @param arrayReadPs        crossbar read (settle and sample) per slice. Default 100 ns (ISAAC's
     *                           crossbar read cycle; equal to 128 conversions at 1.28 GS/s)
     * @param pjPerCellRead      array energy per cell per input slice. Default 0.00183 pJ (ISAAC:
     *                           a 128 x 128 crossbar draws 0.3 mW, i.e. 30 pJ per 100 ns read of
     *                           16384 cells; that is 0.234 pJ per 16-bit x 16-bit MAC)
     * @param pjPerAdcConversion at the reference resolution. Default 1.5625 pJ (ISAAC: 8 ADCs draw
     *                           16 mW at 1.28 GS/s each)
     * @param pjPerDacConversion Default 0.39 pJ (ISAAC: 1024 1-bit DACs draw 4 mW, one conversion
     *                           per 100 ns each)
     * @param pjPerShiftAdd      per ADC sample shifted and added. Default 0.0195 pJ (ISAAC: 4
     *                           shift-and-add units draw 0.2 mW for 8 ADCs at 1.28 GS/s)
     * @param programRowPs       write time of one crossbar row. Default 1 us (assumption: 2-bit
     *                           multi-level RRAM needs iterative write-and-verify; about 8 rounds
     *                           of a 100 ns pulse plus a 25 ns verify read)
     * @param pjPerProgramRow    write energy of one full row. Default 4096 pJ (assumption: 128
     *                           cells x 8 pulses x 4 pJ, a 2 V, 100 ns pulse on a 100 kOhm cell;
     *                           100 kOhm is NeuroSim's default on-resistance)
     * @param inputBufferBytes   Default 2048 (ISAAC: 2 KB input register per IMA)
     * @param outputBufferBytes  Default 256 (ISAAC: 256 B output register per IMA)
     * @param bufferPjPerByte    Default 1.25 pJ (assumption: Horowitz ISSCC 2014, 10 pJ per 64-bit
     *                           read of an 8 KB SRAM at 45 nm)
     * @param staticPowerW       power drawn while the tile is on, whether or not it computes: its
     *                           eDRAM buffer and bus. ISAAC: 20.7 + 7 mW per 12-IMA tile
     *                           (hwcomponents-library isaac.py, from ISAAC's table), so 2.3 mW for
     *                           the one-IMA default (ADC, DAC and array energy are per conversion)
     */
    public record Params(@AtLeast(1) int arrays, @AtLeast(1) int rows, @AtLeast(1) int cols, @AtLeast(1) int bitsPerCell,
                         @AtLeast(1) int weightBits, @AtLeast(1) int inputBits, @AtLeast(1) int dacBits,
                         @AtLeast(1) int adcBits, @AtLeast(1) int adcReferenceBits, @AtLeast(1) int rowsPerRead,
                         @AtLeast(1) int columnsPerAdc, @AtLeast(1) long adcConversionPs, @AtLeast(0) long arrayReadPs,
                         @AtLeast(0) double pjPerCellRead, @AtLeast(0) double pjPerAdcConversion,
                         @AtLeast(0) double pjPerDacConversion, @AtLeast(0) double pjPerShiftAdd,
                         @AtLeast(0) long programRowPs, @AtLeast(0) double pjPerProgramRow,
                         @AtLeast(1) long inputBufferBytes, @AtLeast(1) long outputBufferBytes,
                         @AtLeast(0) double bufferPjPerByte, @AtLeast(0) double staticPowerW) implements UnitParams {

        public static Params isaac() {
            return new Params(8, 128, 128, 2, 16, 16, 1, 8, 8, 128, 128, 781, 100_000, 30.0 / 16384, 16.0 / 8 / 1.28,
                    4e-3 * 100e-9 / 1024 * 1e12, 0.2 / 8 / 1.28, 1_000_000, 128 * 8 * 4.0, 2048, 256, 1.25,
                    (20.7e-3 + 7e-3) / 12);
        }

        /** Columns one weight of the widest precision occupies. */
        public int columnsPerWeight() {
            return columnsPerWeight(weightBits);
        }

        /** Columns one weight of {@code bits} occupies (at most {@code weightBits}). */
        public int columnsPerWeight(int bits) {
            return (Math.min(bits, weightBits) + bitsPerCell - 1) / bitsPerCell;
        }

        /** Weights of the widest precision per crossbar row. */
        public int weightsPerRow() {
            return cols / columnsPerWeight();
        }

        /** Input slices per input vector. */
        public int inputSlices() {
            return (inputBits + dacBits - 1) / dacBits;
        }

        /** Time per conversion at {@code adcBits}. */
        public long conversionPs() {
            return Math.round(adcConversionPs * SarAdc.timeRatio(adcBits, adcReferenceBits));
        }

        /** Energy per conversion at {@code adcBits}. */
        public double pjPerConversion() {
            return pjPerAdcConversion * SarAdc.energyRatio(adcBits, adcReferenceBits);
        }

        /** Reads of a crossbar with {@code usedRows} rows in use, {@code rowsPerRead} at a time. */
        public long readsPerSlice(long usedRows) {
            return Clock.ceilDiv(Math.min(usedRows, rows), rowsPerRead);
        }

        /** Slice time when {@code usedRows} rows and {@code usedCols} columns of a crossbar are read out. */
        public long slicePs(long usedRows, long usedCols) {
            return readsPerSlice(usedRows) * Math.max(arrayReadPs, Math.min(columnsPerAdc, usedCols) * conversionPs());
        }

        /**
         * k cut into pieces that fit the input buffer and the crossbar rows, n into pieces that fit
         * the output buffer and the crossbars left.
         */
        @Override
        public MatmulBlock matmulBlock(long k, long n, int weightBits, int activationBytes) {
            long kc = Math.min(k, Math.min(Math.max(1, inputBufferBytes / activationBytes), (long) rows * arrays));
            long colBlocks = Math.max(1, arrays / ((kc + rows - 1) / rows));
            long weightsPerCrossbarRow = Math.max(1, cols / columnsPerWeight(weightBits));
            long nc = Math.min(n, Math.min(Math.max(1, outputBufferBytes / activationBytes), colBlocks * weightsPerCrossbarRow));
            return new MatmulBlock(kc, nc);
        }

        /** Weight storage of the arrays. */
        @Override
        public long capacityBytes() {
            return (long) arrays * rows * cols * bitsPerCell / 8;
        }

        /** Every crossbar full: arrays * rows * weightsPerRow MACs per input vector. */
        @Override
        public double peakMacsPerSecond() {
            return (double) arrays * rows * weightsPerRow() / (inputSlices() * slicePs(rows, cols) * 1e-12);
        }

        /** Stored weight bytes applied per second (every weight once per input vector). */
        @Override
        public double peakInternalBytesPerSecond() {
            return capacityBytes() / (inputSlices() * slicePs(rows, cols) * 1e-12);
        }

        @Override
        public void validate() {
            Bounds.check(this);
            if (columnsPerWeight() > cols) {
                throw new IllegalArgumentException("weight_bits " + weightBits + " at bits_per_cell " + bitsPerCell
                        + " needs " + columnsPerWeight() + " columns, the crossbar has " + cols);
            }
        }
    }

    private final Params p;
    /**
     * Resident weight keys and the crossbars each holds, least recently used first: a hit moves its
     * key to the end. Kept in insertion order (not access order) so that a checkpoint restores it.
     */
    private final LinkedHashMap<String, Integer> resident = new LinkedHashMap<>();
    private int freeArrays;
    private long pendingPs = -1;
    private long macs;
    private long cellReads;
    private long dacConversions;
    private long adcConversions;
    private long bufferBytes;
    private long programmedRows;
    private long programs;
    private long hits;
    private long evictions;
    private long adcBitsNeeded;

    public CimTile(Params p) {
        p.validate();
        this.p = p;
        this.freeArrays = p.arrays();
    }

    @Override
    public String kind() {
        return "cim_tile";
    }

    /** Crossbars W[k x n] occupies. */
    public long crossbars(Compute op) {
        return rowBlocks(op) * colBlocks(op);
    }

    private long rowBlocks(Compute op) {
        return Clock.ceilDiv(op.k(), p.rows());
    }

    private long colBlocks(Compute op) {
        return Clock.ceilDiv(op.n(), p.cols() / columnsPerWeight(op));
    }

    /** Columns one of the op's weights occupies, at its precision (weight bytes over k x n, rounded). */
    private int columnsPerWeight(Compute op) {
        return p.columnsPerWeight((int) Math.max(1, Math.round(op.weightBytes() * 8.0 / ((double) op.k() * op.n()))));
    }

    /** Time to apply m input vectors to resident weights. */
    public long computePs(Compute op) {
        long usedCols = Math.min(p.cols(), op.n() * columnsPerWeight(op));
        return op.m() * p.inputSlices() * p.slicePs(op.k(), usedCols);
    }

    /** Reads per column per slice summed over the row blocks: full blocks and the last, partial one. */
    private long readsOverRowBlocks(Compute op) {
        long full = op.k() / p.rows();
        long rest = op.k() % p.rows();
        return full * p.readsPerSlice(p.rows()) + (rest > 0 ? p.readsPerSlice(rest) : 0);
    }

    /** Time to write W into the arrays (crossbars in parallel, rows in sequence). */
    public long programPs(Compute op) {
        return Math.min(op.k(), p.rows()) * p.programRowPs();
    }

    @Override
    protected void begin(Context ctx, Compute op) {
        check(ctx, op);
        long slices = (long) op.m() * p.inputSlices();
        long cols = op.n() * columnsPerWeight(op);
        macs += op.macs();
        cellReads += slices * op.k() * cols;
        dacConversions += slices * op.k() * colBlocks(op);
        adcConversions += slices * cols * readsOverRowBlocks(op);
        bufferBytes += 2 * (op.inBytes() + op.outBytes());
        long activeRows = Math.min(op.k(), Math.min(p.rows(), p.rowsPerRead()));
        adcBitsNeeded = Math.max(adcBitsNeeded, (64 - Long.numberOfLeadingZeros(activeRows - 1)) + p.dacBits() + p.bitsPerCell());
        Integer held = resident.remove(op.weightKey());
        if (held != null) {
            resident.put(op.weightKey(), held);
            hits++;
            completeAfter(ctx, computePs(op));
            return;
        }
        makeRoom((int) crossbars(op));
        resident.put(op.weightKey(), (int) crossbars(op));
        freeArrays -= (int) crossbars(op);
        programs++;
        programmedRows += op.k() * colBlocks(op);
        long total = programPs(op) + computePs(op);
        if (ctx.hasOutPort("fetch")) {
            pendingPs = total;
            ctx.send(ctx.outPort("fetch"), new Fetch(op.opId(), op.weightKey(), op.weightBytes()), Fetch.REQUEST_BYTES);
        } else {
            completeAfter(ctx, total);
        }
    }

    private void check(Context ctx, Compute op) {
        String where = "cim_tile '" + ctx.name() + "': op " + op.opId();
        if (!op.cls().isMatrix()) throw new IllegalArgumentException(where + " is " + op.cls() + ", not a matrix op");
        if (op.weightKey() == null) throw new IllegalArgumentException(where + " has no weight key");
        if (crossbars(op) > p.arrays()) {
            throw new IllegalArgumentException(where + " needs " + crossbars(op) + " crossbars for " + op.k() + " x "
                    + op.n() + " weights, the tile has " + p.arrays() + "; split the op");
        }
        Integer held = resident.get(op.weightKey());
        if (held != null && held != crossbars(op)) {
            throw new IllegalArgumentException(where + ": weight key '" + op.weightKey() + "' is resident in " + held
                    + " crossbars but this op needs " + crossbars(op));
        }
        long inVector = Clock.ceilDiv(op.inBytes(), op.m());
        long outVector = Clock.ceilDiv(op.outBytes(), op.m());
        if (inVector > p.inputBufferBytes() || outVector > p.outputBufferBytes()) {
            throw new IllegalArgumentException(where + ": an input vector of " + inVector + " B and output vector of "
                    + outVector + " B must fit the buffers of " + p.inputBufferBytes() + " B and " + p.outputBufferBytes() + " B");
        }
    }

    private void makeRoom(int needed) {
        Iterator<Map.Entry<String, Integer>> lru = resident.entrySet().iterator();
        while (freeArrays < needed) {
            freeArrays += lru.next().getValue();
            lru.remove();
            evictions++;
        }
    }

    @Override
    protected void onOther(Context ctx, int inPort, Object payload) {
        Compute op = inService();
        if (payload instanceof WeightData w && op != null && pendingPs >= 0 && w.opId() == op.opId()) {
            completeAfter(ctx, pendingPs);
            pendingPs = -1;
        } else {
            super.onOther(ctx, inPort, payload);
        }
    }

    @Override
    protected void reportModel(Stats stats) {
        stats.count("macs", macs).count("programs", programs).count("resident_hits", hits).count("evictions", evictions)
                .count("programmed_rows", programmedRows).count("adc_conversions", adcConversions)
                .count("dac_conversions", dacConversions).count("adc_bits_needed", adcBitsNeeded)
                .energy("array", cellReads * p.pjPerCellRead())
                .energy("adc", adcConversions * p.pjPerConversion())
                .energy("dac", dacConversions * p.pjPerDacConversion())
                .energy("shift_add", adcConversions * p.pjPerShiftAdd())
                .energy("buffer", bufferBytes * p.bufferPjPerByte())
                .energy("program", programmedRows * p.pjPerProgramRow());
    }
}
