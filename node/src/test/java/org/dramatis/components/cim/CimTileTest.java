package org.dramatis.components.cim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.dramatis.components.logic.Controller;
import org.dramatis.components.logic.Program;
import org.dramatis.components.ops.Compute;
import org.dramatis.components.ops.Driver;
import org.dramatis.components.ops.OpClass;
import org.dramatis.components.ops.UnitParams;
import org.dramatis.engine.Graph;
import org.dramatis.engine.LinkSpec;
import org.dramatis.engine.RunOptions;
import org.dramatis.engine.SimResult;
import org.dramatis.engine.Simulation;
import org.junit.jupiter.api.Test;

class CimTileTest {

    static final CimTile.Params ISAAC = CimTile.Params.isaac();

    /**
     * out[4 x 32] = in[4 x 256] * W[256 x 32], 16-bit. A weight spans 16 / 2 = 8 columns, so a
     * crossbar row holds 128 / 8 = 16 weights: ceil(256/128) = 2 row blocks x ceil(32/16) = 2
     * column blocks = 4 of the 8 crossbars. In 4*256*2 = 2048 B, out 4*32*2 = 256 B, W 16384 B.
     */
    static Compute op(long id, String key) {
        return new Compute(id, OpClass.GEMM, 4, 32, 256, 256 * 32 * 2, 2048, 256, key);
    }

    // 16 input slices of max(100 ns read, min(128, 256 used cols) * 781 ps = 99.968 ns) = 100 ns, for 4 vectors
    static final long COMPUTE = 4 * 16 * 100_000;        // 6.4 us
    // min(256, 128) = 128 rows written one after another at 1 us, crossbars in parallel
    static final long PROGRAM = 128 * 1_000_000L;         // 128 us

    @Test
    void geometryAndPeaks() {
        CimTile t = new CimTile(ISAAC);
        assertEquals(4, t.crossbars(op(1, "w")));
        assertEquals(COMPUTE, t.computePs(op(1, "w")));
        assertEquals(PROGRAM, t.programPs(op(1, "w")));
        // 8 crossbars * 128 * 128 cells * 2 bits = 32 KiB of weights
        assertEquals(32_768, ISAAC.capacityBytes());
        // 8 * 128 rows * 16 weights = 16384 MACs per input vector of 16 * 100 ns = 10.24 GMAC/s
        assertEquals(10.24e9, ISAAC.peakMacsPerSecond(), 1e-3);
    }

    @Test
    void programmingIsChargedWhenAndOnlyWhenWeightsAreNotResident() {
        // the tile holds two 4-crossbar weight sets; L0, L0, L1, L2 (evicts L0), L0 (evicts L1), L2
        Driver d = new Driver(List.of(op(1, "L0"), op(2, "L0"), op(3, "L1"), op(4, "L2"), op(5, "L0"), op(6, "L2")));
        SimResult r = Driver.run(d, new CimTile(ISAAC));
        long miss = PROGRAM + COMPUTE;
        long t = 1_000;                                  // all six arrive at 1 ns and queue
        long[] expectedFinish = new long[6];
        long[] serviceTimes = {miss, COMPUTE, miss, miss, miss, COMPUTE};
        for (int i = 0; i < 6; i++) {
            t += serviceTimes[i];
            expectedFinish[i] = t;
        }
        long[] finish = d.answers.stream().mapToLong(a -> a.done().finishPs()).toArray();
        assertArrayEquals(expectedFinish, finish);
        JsonNode tile = r.simulated().get("components").get("unit");
        assertEquals(4, tile.get("programs").asLong());
        assertEquals(2, tile.get("resident_hits").asLong());
        assertEquals(2, tile.get("evictions").asLong());
        // programming: 4 times k * colBlocks = 256 * 2 = 512 rows * 4096 pJ = 2,097,152 pJ
        assertEquals(4 * 2_097_152.0, tile.get("energy_pj").get("program").asDouble(), 1e-6);
        // per op: 4 vectors * 16 slices = 64 slices;
        //   array 64 * 256 rows * 256 cols = 4,194,304 cell reads * 30/16384 pJ = 7680 pJ
        //   DAC   64 * 256 rows * 2 col blocks = 32768 * 0.390625 pJ = 12800 pJ
        //   ADC   64 * 256 cols * 2 row blocks = 32768 * 1.5625 pJ = 51200 pJ; shift-add 32768 * 0.01953125 = 640 pJ
        //   buffers 2 * (2048 + 256) B * 1.25 pJ = 5760 pJ
        assertEquals(6 * 7680.0, tile.get("energy_pj").get("array").asDouble(), 1e-6);
        assertEquals(6 * 12800.0, tile.get("energy_pj").get("dac").asDouble(), 1e-6);
        assertEquals(6 * 51200.0, tile.get("energy_pj").get("adc").asDouble(), 1e-6);
        assertEquals(6 * 640.0, tile.get("energy_pj").get("shift_add").asDouble(), 1e-6);
        assertEquals(6 * 5760.0, tile.get("energy_pj").get("buffer").asDouble(), 1e-6);
        assertEquals(6 * 78_080.0 + 4 * 2_097_152.0, r.simulated().get("energy_pj").asDouble(), 1e-6);
    }

    @Test
    void missingWeightsAreFetchedOverTheLinkFirst() {
        Graph g = new Graph();
        Program prog = new Program(List.of(
                Program.Task.direct("tile", op(1, "L0")),
                Program.Task.direct("tile", op(2, "L0"), 0)));
        Controller ctl = new Controller(Controller.Params.of(prog));
        g.add("ctl", ctl);
        g.add("tile", new CimTile(ISAAC));
        g.connectBoth("c", "ctl", "tile", "tile", "ctl", Driver.NS);
        g.connectBoth("w", "tile", "fetch", "ctl", "weights", new LinkSpec(10_000, 10e9, 0));
        SimResult r = Simulation.run(g, RunOptions.defaults());
        // op 1 reaches the tile at 1 ns; Fetch (16 B at 10 GB/s = 1.6 ns, + 10 ns) reaches the
        // controller at 12.6 ns; 16384 B of weights take 1638.4 ns + 10 ns: at the tile at 1661 ns;
        // then program + compute, Done back 1 ns later
        long done1 = 1_661_000 + PROGRAM + COMPUTE + 1_000;
        // op 2 is issued when op 1 is done; its weights are resident: no fetch, no programming
        long done2 = done1 + 1_000 + COMPUTE + 1_000;
        assertArrayEquals(new long[] {done1, done2}, ctl.doneAt());
        JsonNode c = r.simulated().get("components");
        assertEquals(1, c.get("ctl").get("weight_fetches").asLong());
        assertEquals(16_384, c.get("ctl").get("weight_fetch_bytes").asLong());
        assertEquals(1, c.get("tile").get("programs").asLong());
    }

    /** ISAAC with another ADC resolution, rows per read and crossbar read time. */
    static CimTile.Params isaacWith(int adcBits, int rowsPerRead, long arrayReadPs) {
        CimTile.Params i = ISAAC;
        return new CimTile.Params(i.arrays(), i.rows(), i.cols(), i.bitsPerCell(), i.weightBits(), i.inputBits(),
                i.dacBits(), adcBits, i.adcReferenceBits(), rowsPerRead, i.columnsPerAdc(), i.adcConversionPs(),
                arrayReadPs, i.pjPerCellRead(), i.pjPerAdcConversion(), i.pjPerDacConversion(), i.pjPerShiftAdd(),
                i.programRowPs(), i.pjPerProgramRow(), i.inputBufferBytes(), i.outputBufferBytes(),
                i.bufferPjPerByte(), i.staticPowerW());
    }

    static JsonNode runOnce(CimTile.Params p) {
        return Driver.run(new Driver(List.of(op(1, "w"))), new CimTile(p)).simulated().get("components").get("unit");
    }

    @Test
    void narrowerWeightsTakeFewerColumnsCrossbarsAndConversions() {
        // the op of op() at INT8 (8192 B of weights) and INT4 (4096 B): 4 and 2 columns a weight, so
        // a crossbar row holds 32 and 64 weights and W's 32 columns fit one column block: 2 crossbars.
        // Every crossbar reads 128 used columns either way (16-bit: 2 blocks of 16 x 8), so the time
        // is the same; the ADC converts 32 x 4 and 32 x 2 columns per slice instead of 32 x 8.
        Compute int8 = new Compute(1, OpClass.GEMM, 4, 32, 256, 256 * 32, 2048, 256, "w8");
        Compute int4 = new Compute(1, OpClass.GEMM, 4, 32, 256, 256 * 32 / 2, 2048, 256, "w4");
        CimTile t = new CimTile(ISAAC);
        assertEquals(2, t.crossbars(int8));
        assertEquals(2, t.crossbars(int4));
        assertEquals(COMPUTE, t.computePs(int8));
        long fp16 = runOnce(ISAAC).get("adc_conversions").asLong();
        JsonNode at8 = Driver.run(new Driver(List.of(int8)), new CimTile(ISAAC)).simulated().get("components").get("unit");
        JsonNode at4 = Driver.run(new Driver(List.of(int4)), new CimTile(ISAAC)).simulated().get("components").get("unit");
        assertEquals(fp16 / 2, at8.get("adc_conversions").asLong());
        assertEquals(fp16 / 4, at4.get("adc_conversions").asLong());
        assertEquals(at8.get("energy_pj").get("adc").asDouble() * 2, runOnce(ISAAC).get("energy_pj").get("adc").asDouble(), 1e-6);
        // a mapper's block of k = 256 rows: 2 row blocks, so 4 column blocks of 16 (FP16) or 32 (INT8)
        // weights a row; at INT8 and INT4 the 256 B output register (128 FP16 outputs) binds instead
        assertEquals(new UnitParams.MatmulBlock(256, 4 * 16), ISAAC.matmulBlock(256, 4096, 16, 2));
        assertEquals(new UnitParams.MatmulBlock(256, 128), ISAAC.matmulBlock(256, 4096, 8, 2));
        assertEquals(new UnitParams.MatmulBlock(256, 128), ISAAC.matmulBlock(256, 4096, 4, 2));
    }

    @Test
    void fewerAdcBitsCostLessPerConversionAndTakeLessTime() {
        // NeuroSim SAR: energy (0.721 b + 3.30)(b + 1), time b + 1 cycles; 4 bits against ISAAC's 8
        double energyRatio = (0.721 * 4 + 3.30) * 5 / ((0.721 * 8 + 3.30) * 9);
        JsonNode at8 = runOnce(ISAAC);
        JsonNode at4 = runOnce(isaacWith(4, 128, 100_000));
        assertEquals(51_200.0 * energyRatio, at4.get("energy_pj").get("adc").asDouble(), 1e-6);
        assertEquals(at8.get("adc_conversions").asLong(), at4.get("adc_conversions").asLong());
        // with ISAAC's 100 ns read the read binds: 128 conversions of round(781 * 5 / 9) = 434 ps take 55.6 ns
        assertEquals(COMPUTE, new CimTile(isaacWith(4, 128, 100_000)).computePs(op(1, "w")));
        // with a 10 ns read the ADC binds: 16 slices x 128 conversions x 434 ps, for 4 vectors
        assertEquals(4 * 16 * 128 * 434L, new CimTile(isaacWith(4, 128, 10_000)).computePs(op(1, "w")));
        assertEquals(4 * 16 * 128 * 781L, new CimTile(isaacWith(8, 128, 10_000)).computePs(op(1, "w")));
        // 10 bits cost more than 8
        assertEquals(51_200.0 * (0.721 * 10 + 3.30) * 11 / ((0.721 * 8 + 3.30) * 9),
                runOnce(isaacWith(10, 128, 100_000)).get("energy_pj").get("adc").asDouble(), 1e-6);
    }

    @Test
    void readingFewerRowsAtOnceTakesMoreReadsAndConversions() {
        // 8 rows per read: each 128-row block is read in 16 turns; k = 256 is two full blocks
        CimTile.Params p = isaacWith(4, 8, 100_000);
        assertEquals(16 * COMPUTE, new CimTile(p).computePs(op(1, "w")));
        JsonNode tile = runOnce(p);
        // 64 slices x 256 used columns x (2 blocks x 16 reads)
        assertEquals(64L * 256 * 32, tile.get("adc_conversions").asLong());
        // a lossless read of 8 rows of 1-bit inputs on 2-bit cells: log2(8) + 1 + 2 = 6 bits
        assertEquals(6, tile.get("adc_bits_needed").asLong());
        assertEquals(10, runOnce(ISAAC).get("adc_bits_needed").asLong());
        // a partial last block: k = 200 is a full block (16 reads) and 72 rows (9 reads)
        Compute odd = new Compute(2, OpClass.GEMM, 1, 16, 200, 200 * 16 * 2, 400, 32, "odd");
        JsonNode t = Driver.run(new Driver(List.of(odd)), new CimTile(p)).simulated().get("components").get("unit");
        assertEquals(16L * 128 * (16 + 9), t.get("adc_conversions").asLong());
        // the peak counts every row: 16 reads of each slice
        assertEquals(10.24e9 / 16, p.peakMacsPerSecond(), 1e-3);
    }

    @Test
    void sarScalingAgreesWithTheIsaacDerivedAdcRows() {
        // hwcomponents-library isaac.py rows (pJ per conversion): 6 b 1.20, 8 b 1.67, 10 b 2.38
        assertEquals(1.20 / 1.67, SarAdc.energyRatio(6, 8), 0.10 * 1.20 / 1.67);
        assertEquals(2.38 / 1.67, SarAdc.energyRatio(10, 8), 0.10 * 2.38 / 1.67);
        assertEquals(1.0, SarAdc.energyRatio(8, 8));
        assertEquals(5.0 / 9, SarAdc.timeRatio(4, 8));
    }

    @Test
    void weightsLargerThanTheTileMustBeSplit() {
        // 2048 x 32: 16 row blocks x 2 column blocks = 32 crossbars > 8
        Compute big = new Compute(1, OpClass.GEMM, 1, 32, 2048, 2048 * 32 * 2, 4096, 64, "big");
        assertThrows(IllegalArgumentException.class, () -> Driver.run(new Driver(List.of(big)), new CimTile(ISAAC)));
    }
}
