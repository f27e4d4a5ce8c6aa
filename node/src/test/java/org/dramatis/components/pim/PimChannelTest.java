package org.dramatis.components.pim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dramatis.components.ComponentKinds;
import org.dramatis.components.ops.Compute;
import org.dramatis.components.ops.Driver;
import org.dramatis.components.ops.OpClass;
import org.dramatis.dram.DramConfig;
import org.dramatis.engine.SimResult;
import org.dramatis.engine.Stats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hand-computed PIM command sequences on one AttAcc HBM3-PIM pseudo-channel (HBM3_PIM_AttAcc.ini:
 * 2 ranks x 16 banks, 1 KiB rows = 32 bursts of 32 B, tCK 769 ps). Same-bank timing (DRAMsim3
 * tables): tRP 19, tRC 64, tRAS 45, RD-to-PRE 8, tRCD 19, RD-to-RD 4; MAC gap max(6, 4) = 6.
 * Data bus: one burst per 2 cycles; write data in 6 + 2 = 8 cycles after the command, read data
 * out 19 + 2 = 21 cycles after; read-to-write turnaround 18, write-to-read 16.
 * A full row: ACT at A, MACs A+19 .. A+205, PRE at A+213, next ACT at A+232.
 */
class PimChannelTest {

    private static final long TCK = 769;

    private static Compute gemv(long id, long m, long k, long n) {
        return new Compute(id, m == 1 ? OpClass.GEMV : OpClass.GEMM, m, n, k, 2 * k * n, 2 * m * k, 2 * m * n, null);
    }

    @Test
    void staticPowerIsTheChannelsPrechargeStandby() {
        // AiM: CENT's power model gives 183.15 mW of precharge standby per channel (one x16 device, one rank)
        assertEquals(0.18315, PimChannel.Params.gddr6AimCent().staticPowerW(), 1e-5);
        // HBM3-PIM pseudo-channel: 2 ranks x VDD 1.2 V x IDD2N 40 mA (DRAMsim3 HBM2) x 1 device
        assertEquals(2 * 1.2 * 40e-3, PimChannel.Params.hbm3PimAttAcc().staticPowerW(), 1e-9);
    }

    @Test
    void smallGemvTimeAndEnergyByHand() {
        // k = 128, n = 256: 64 KiB of weights = 64 MAC commands (32 banks x 32 B each) = 2 rows.
        // Arrives at 1 ns -> cycle 2. Buffer: 8 bursts at 2..16, data in at 24.
        // Row 0: ACT 2, MACs 24..210 (gated by the buffer), PRE 218. Row 1: ACT 237, MACs 256..442, PRE 450.
        // Read-out 512 B = 16 bursts from 442 + 21 = 463 to 493, last data out at 514.
        Driver d = new Driver(List.of(gemv(1, 1, 128, 256), gemv(2, 1, 128, 256)));
        SimResult r = Driver.run(d, new PimChannel(PimChannel.Params.hbm3PimAttAcc()));
        assertEquals(514 * TCK, d.answers.get(0).done().finishPs());
        // The second waits for the first (FIFO), starts at cycle 514 (ACT ready at 469, bus at 511)
        // and has the same shape: buffer data in 22 cycles after the start, so it ends 512 later.
        assertEquals(514 * TCK, d.answers.get(1).done().startPs());
        assertEquals(1026 * TCK, d.answers.get(1).done().finishPs());
        // Energy per op: ACT/PRE 2 rows x 32 banks x 8192 bit x 0.11; column reads 64 x 32 x 256 bit x 0.44;
        // buffer 8 x 256 bit x (1.23 + 0.5); read-out 16 x 256 bit x (1.01 + 1.23 + 0.5); MACs 64 x 32 x 16 x 0.32.
        double perOp = 64 * 8192 * 0.11 + 64 * 32 * 256 * 0.44 + 2048 * 1.73 + 4096 * 2.74 + 64 * 32 * 16 * 0.32;
        assertEquals(2 * perOp, r.simulated().get("energy_pj").asDouble(), 1e-6);
        assertEquals(4, r.simulated().get("components").get("unit").get("all_bank_activates").asLong());
    }

    @Test
    void gemmRestreamsWeightsPerBufferGroupAndTakesRefreshes() {
        // m = 16 vectors of 256 B; the 2 KiB buffer holds 8: two passes over the 2 rows, 8 MACs per burst.
        // Pass 1: buffer 64 bursts 2..128, in at 136. Row 0: ACT 2, MACs 136..1666 (256 of them), PRE 1674.
        // Row 1: ACT 1693, MACs 1712..3242, PRE 3250. Read-out 4 KiB = 128 bursts 3263..3517.
        // Pass 2: buffer from 3535 (read-to-write) to 3661, in at 3669. Rank 0's refresh (due 2535) issues
        // at 3269 (after the precharge) and holds its ACT for tRFC = 456 (350 ns all-bank) to 3725;
        // row 0: MACs 3744..5274, PRE 5282. Rank 1's refresh (due 5070) at 5301, ACT at 5757;
        // MACs 5776..7306. Read-out 7327..7581, out at 7602.
        PimChannel pim = new PimChannel(PimChannel.Params.hbm3PimAttAcc());
        assertEquals(7602 * TCK, pim.serve(gemv(1, 16, 128, 256), 1000));
        Map<String, Double> e = pim.energyPj();
        assertEquals(4 * 32 * 8192 * 0.11, e.get("dram_activate"), 1e-6, "weights activated once per pass");
        assertEquals(2 * 64 * 8 * 32 * 16 * 0.32, e.get("pim_mac"), 1e-6);
    }

    @Test
    void gemv4096SquareOnOnePseudoChannel() {
        // 4096 x 4096 FP16 = 32 MiB = 32768 MAC commands = 1024 rows; the 8 KiB vector goes in 4 chunks
        // of 2 KiB, each followed by its 256 rows. Start at cycle 0: buffer 64 bursts 0..126, in at 134;
        // row 0: ACT 0, MACs 134..320, PRE 328; rows 1..1023 then repeat every 232 cycles from ACT 347.
        // Without refreshes and chunk loads the last row starts at 347 + 1022 x 232 = 237,451; its MACs
        // end 205 later, and the 8 KiB read-out (256 bursts) ends 21 + 510 + 21 after that: 238,208.
        // A refresh (due every 5070 / 2 ranks = 2535 cycles; 114 fall due before the last row) issues
        // tRP after a precharge, exactly when the next ACT would, and holds it for tRFC = 456 (350 ns).
        // A chunk load starts the cycle after the last MAC and its data is in 1 + 126 + 8 = 135 later,
        // 89 cycles after the next row's first MAC could have issued (8 + 19 + 19 = 46), unless a
        // refresh hides it.
        PimChannel pim = new PimChannel(PimChannel.Params.hbm3PimAttAcc());
        long ps = pim.serve(gemv(1, 1, 4096, 4096), 0);
        assertEquals(0, ps % TCK);
        long cycles = ps / TCK;
        Stats stats = new Stats(ps);
        pim.report(stats);
        assertEquals(114L, stats.values().get("refreshes"));
        long chunkDelays = (cycles - 238_208 - 114 * 456) / 89;
        assertEquals(238_208 + 114 * 456 + chunkDelays * 89, cycles, "refreshes and chunk loads explain the rest");
        assertEquals(true, chunkDelays >= 0 && chunkDelays <= 3, chunkDelays + " chunk loads exposed");
        // the rows stream at 192 of every 232 cycles, so at most 82.8% of the peak internal bandwidth,
        // less the share of the time the refreshes hold the banks (114 x 456 cycles)
        double bytesPerS = (4096.0 * 4096 * 2) / (ps * 1e-12);
        double peak = PimChannel.Params.hbm3PimAttAcc().peakInternalBytesPerSecond();
        double refreshShare = 114 * 456.0 / (238_208 + 114 * 456);
        assertEquals(true, bytesPerS < peak * 192 / 232 * (1 - refreshShare)
                && bytesPerS > peak * 192 / 232 * (1 - refreshShare) * 0.97, bytesPerS / peak + " of peak");
    }

    @Test
    void storeThroughTheNormalWritePath() {
        // 1 KiB = 32 bursts, one per bank (2 ranks x 16). Per rank the ACTs go 4 per tFAW (39) window:
        // 2,6,10,14 | 41,45,49,53 | 80,.. | 119,123,127,131 (tRRD_L 4 inside a bank group).
        // Writes (tRCDWR 19, tCCD_L 4 in a bank group, 2 across): rank 0 at 21,25,29,33, 60..72, 99..111,
        // 138..150; rank 1 follows on the shared bus: 152,156,160,164, 166..178, 180..192, 194..206.
        // Last data written at 206 + 8 = 214.
        PimChannel pim = new PimChannel(PimChannel.Params.hbm3PimAttAcc());
        Compute store = new Compute(1, OpClass.STORE, 1, 512, 0, 0, 1024, 0, null);
        assertEquals(214 * TCK, pim.serve(store, 1000));
        assertEquals(32 * 8192 * 0.11, pim.energyPj().get("dram_activate"), 1e-6);
    }

    @Test
    void commandByCommandAndClosedFormAgreeExactly() {
        List<Compute> ops = new ArrayList<>();
        long id = 0;
        long[][] shapes = {{1, 4096, 4096}, {1, 128, 256}, {1, 4096, 11008}, {4, 4096, 1024}, {16, 128, 4096},
            {1, 100, 333}, {3, 1000, 700}, {1, 8192, 64}, {64, 128, 512}, {1, 1, 1}, {2, 2048, 2048}};
        for (long[] s : shapes) {
            ops.add(gemv(++id, s[0], s[1], s[2]));
            ops.add(new Compute(++id, OpClass.STORE, 1, 256, 0, 0, 512, 0, null));
        }
        ops.add(new Compute(++id, OpClass.LOAD, 1, 40_000, 0, 0, 0, 80_000, null));
        ops.add(gemv(++id, 1, 4096, 4096));
        assertSamePaths(PRESETS, ops, new long[] {0, 1_234_567, 2 * 1_234_567});
    }

    @Test
    void commandByCommandAndClosedFormAgreeExactlyOnLargeGemms() {
        // prefill GEMMs as a mapper slices them over channels (n = 32, 86 of 4096 and 11008 over 128
        // pseudo-channels), m up to 300 rows: chunked vectors (k = 4096: 8 KiB in 2 KiB chunks, a few
        // rows per chunk), buffer groups with a partial last group and a partial last row, bytes that
        // do not divide evenly over the rows, one full 4096 x 4096 slice
        List<Compute> ops = new ArrayList<>();
        long id = 0;
        long[][] shapes = {{300, 4096, 32}, {7, 4096, 4096}, {64, 4096, 86}, {300, 512, 86}, {1, 4096, 4096},
            {64, 128, 4096}, {300, 1000, 33}, {7, 11008, 32}, {64, 256, 64}, {300, 64, 8}};
        for (long[] s : shapes) {
            ops.add(gemv(++id, s[0], s[1], s[2]));
            ops.add(new Compute(++id, OpClass.STORE, 1, 256, 0, 0, 512, 0, null));
        }
        // 10 rows sharing 20,001 input bytes and 999 output bytes
        ops.add(new Compute(++id, OpClass.GEMM, 10, 500, 1000, 1_000_000, 20_001, 999, null));
        ops.add(gemv(++id, 300, 4096, 32));
        // back to back, a little idle (not a multiple of any period), idle across several refreshes
        assertSamePaths(PRESETS, ops, new long[] {0, 7_919, 0, 25_000_003});
    }

    @Test
    void commandByCommandAndClosedFormAgreeExactlyOnLargeStoresAndLoads() {
        // KV-cache appends and reads from 1 KiB to 16 MiB (a 32K-token prefill's K/V per head and
        // layer): whole rounds, partial last rounds, a burst count that does not divide over the
        // banks, a byte count that is not a whole burst; between GEMVs that leave banks, bus and
        // refresh in mid-flight; back to back and after idle gaps
        List<Compute> ops = new ArrayList<>();
        long id = 0;
        long[] stores = {1024, 16L << 20, 33 * 1024 + 31, 1L << 20, 100_000, 4L << 20};
        long[] loads = {1024, 3L << 20, 77_777, 16L << 20, 1L << 20, 65_536};
        for (int i = 0; i < stores.length; i++) {
            ops.add(new Compute(++id, OpClass.STORE, 1, stores[i] / 2, 0, 0, stores[i], 0, null));
            ops.add(new Compute(++id, OpClass.LOAD, 1, loads[i] / 2, 0, 0, 0, loads[i], null));
            ops.add(new Compute(++id, OpClass.STORE, 1, loads[i] / 2, 0, 0, loads[i], 0, null));
            ops.add(gemv(++id, 1, 4096, 64 * (i + 1)));
        }
        assertSamePaths(PRESETS, ops, new long[] {0, 7_919, 0, 25_000_003, 1});
    }

    @Test
    void closedFormFollowsTheOtherRefreshPolicies(@TempDir Path dir) throws IOException {
        // the HBM3-PIM preset with every rank refreshed at once, with per-bank refreshes (which the
        // closed form hands over to the channel state), and with refreshes 100 times rarer (so that
        // many STORE/LOAD rounds fall between two refreshes and are advanced in one step)
        List<String> preset;
        try (InputStream in = PimChannelTest.class.getClassLoader().getResourceAsStream(DramConfig.SHIPPED + "HBM3_PIM_AttAcc.ini")) {
            preset = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        List<PimChannel.Params> params = new ArrayList<>();
        for (String variant : List.of("refresh_policy = RANK_LEVEL_SIMULTANEOUS", "refresh_policy = BANK_LEVEL_STAGGERED", "tREFI = 507000")) {
            String key = variant.substring(0, variant.indexOf(' '));
            Path ini = dir.resolve(variant.replaceAll("\\W", "_") + ".ini");
            Files.write(ini, preset.stream().map(l -> l.startsWith(key + " ") ? variant : l).toList());
            PimChannel.Params p = PimChannel.Params.hbm3PimAttAcc();
            params.add(new PimChannel.Params(ini.toString(), p.macLanesPerBank(), p.macIntervalCycles(), p.macRcdCycles(),
                    p.globalBufferBytes(), p.pjPerMac(), p.pjPerBitCellActPre(), p.pjPerBitCellRdWr(),
                    p.pjPerBitBankToBankGroupMux(), p.pjPerBitBankGroupMuxToGlobalIo(), p.pjPerBitTsv(), false));
        }
        List<Compute> ops = new ArrayList<>(List.of(gemv(1, 300, 4096, 32), new Compute(2, OpClass.STORE, 1, 256, 0, 0, 512, 0, null),
                gemv(3, 64, 256, 64), gemv(4, 1, 4096, 1024), gemv(5, 300, 64, 8),
                new Compute(6, OpClass.STORE, 1, 2L << 20, 0, 0, 4L << 20, 0, null),
                new Compute(7, OpClass.LOAD, 1, 500_000, 0, 0, 0, 1_000_001, null), gemv(8, 1, 4096, 64)));
        // appends of growing length back to back, so that ops end at every phase of the refresh interval
        for (int i = 0; i < 16; i++) {
            long bytes = (1L << 20) + i * 37 * 1024;
            ops.add(new Compute(9 + i, i % 3 == 2 ? OpClass.LOAD : OpClass.STORE, 1, bytes / 2, 0, 0, bytes, bytes, null));
        }
        assertSamePaths(params, ops, new long[] {0, 7_919, 25_000_003, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    }

    private static final List<PimChannel.Params> PRESETS = List.of(PimChannel.Params.hbm3PimAttAcc(), PimChannel.Params.gddr6AimCent());

    /** Serves {@code ops} on both paths, each arriving {@code gaps[i % gaps.length]} ps after the previous one ended. */
    private static void assertSamePaths(List<PimChannel.Params> configs, List<Compute> ops, long[] gaps) {
        for (PimChannel.Params params : configs) {
            PimChannel closed = new PimChannel(params);
            PimChannel commands = new PimChannel(params.withCommandLevel(true));
            long t = 0;
            for (int i = 0; i < ops.size(); i++) {
                Compute op = ops.get(i);
                long a = closed.serve(op, t);
                long b = commands.serve(op, t);
                assertEquals(b, a, params.dramConfig() + " op " + op);
                assertEquals(commands.energyPj(), closed.energyPj(), params.dramConfig() + " op " + op);
                assertEquals(reported(commands, b), reported(closed, a), params.dramConfig() + " op " + op);
                assertArrayEquals(commands.timingState(), closed.timingState(), params.dramConfig() + " state after op " + op);
                t = a + gaps[i % gaps.length];
            }
        }
    }

    private static Map<String, Object> reported(PimChannel pim, long endPs) {
        Stats stats = new Stats(endPs);
        pim.report(stats);
        return stats.values();
    }

    @Test
    void describedFiguresAndBadInput() {
        PimChannel.Params p = PimChannel.Params.hbm3PimAttAcc();
        assertEquals(512L << 20, p.capacityBytes());
        // 32 banks x 16 lanes per 6 x 0.769 ns
        assertEquals(32 * 16 / (6 * 0.769e-9), p.peakMacsPerSecond(), 1e3);
        assertEquals(32 * 32 / (6 * 0.769e-9), p.peakInternalBytesPerSecond(), 1e3);
        assertEquals(16 / 0.769e-9, p.peakExternalBytesPerSecond(), 1e3);
        assertEquals(Map.of("bank", 32L, "pim_unit", 32L), p.contains());
        PimChannel.Params aim = PimChannel.Params.gddr6AimCent();
        assertEquals(16 * 16 / (2 * 0.5e-9), aim.peakMacsPerSecond(), 1e3);  // 256 GMAC/s per channel
        assertEquals("pim_channel", ComponentKinds.get("pim_channel").create(p).kind());

        PimChannel pim = new PimChannel(p);
        assertThrows(IllegalArgumentException.class, () -> pim.serve(new Compute(1, OpClass.SOFTMAX, 1, 64, 0, 0, 128, 128, null), 0));
        assertThrows(IllegalArgumentException.class, () -> pim.serve(gemv(2, 1, 32768, 16384), 0), "1 GiB of weights in 512 MiB");
        PimChannel.Params missing = new PimChannel.Params("NO_SUCH_DRAM", 16, 6, 19, 2048, 0.32, 0.11, 0.44, 1.01, 1.23, 0.5, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PimChannel(missing));
        assertEquals(true, e.getMessage().contains("NO_SUCH_DRAM"), e.getMessage());
    }
}
