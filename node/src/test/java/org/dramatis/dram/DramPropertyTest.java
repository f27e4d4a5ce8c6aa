package org.dramatis.dram;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Properties that must hold for any gen_trace.py trace on any config, light or saturating. */
class DramPropertyTest {

    private static TraceReplay.Result run(DramConfig c, String kind, double perCycle, int n, long cycles) {
        return TraceReplay.run(c, GenTrace.generate(GenTrace.Kind.valueOf(kind), n, 3, perCycle), cycles);
    }

    @ParameterizedTest(name = "{0} at {1} per cycle")
    @CsvSource({"HBM_4Gb_x128, 8, 20000", "HBM_4Gb_x128, 0.05, 400000", "GDDR6_8Gb_x16, 8, 20000",
        "GDDR6_8Gb_x16, 0.05, 400000", "LPDDR4_8Gb_x16_2400, 8, 20000", "LPDDR4_8Gb_x16_2400, 0.05, 400000"})
    void properties(String config, double perCycle, long cycles) {
        DramConfig c = DramTestConfigs.load(config);
        int n = 20_000;
        TraceReplay.Result stream = run(c, "stream", perCycle, n, cycles);
        TraceReplay.Result random = run(c, "random", perCycle, n, cycles);
        TraceReplay.Result mixed = run(c, "mixed", perCycle, n, cycles);
        double peak = c.channels * c.peakBytesPerCycle() / c.tCkNs;
        for (TraceReplay.Result r : new TraceReplay.Result[] {stream, random, mixed}) {
            assertTrue(r.bandwidthGbps() <= peak, () -> config + ": " + r.bandwidthGbps() + " GB/s above peak " + peak);
            assertTrue(r.reads() > 0);
        }
        assertTrue(stream.readRowHitRate() > 0.9, () -> config + ": stream row-hit rate " + stream.readRowHitRate());
        // At light load latency reflects the access pattern (row misses cost tRP + tRCD). At
        // saturation it is queueing: on multi-channel HBM a stream piles 32 lines at a time onto
        // one channel while random spreads over all 8, so the stream waits longer; DRAMsim3 shows
        // the same (golden HBM_4Gb_x128: stream-sat 52.47 vs random-sat 37.14 cycles).
        if (perCycle < 1) {
            assertTrue(random.avgReadLatencyCycles() > stream.avgReadLatencyCycles(),
                    () -> config + ": random latency " + random.avgReadLatencyCycles() + " <= stream "
                            + stream.avgReadLatencyCycles());
        }
        // energy rises with activates: order the three runs by activates per request served
        TraceReplay.Result[] byActs = {stream, mixed, random};
        java.util.Arrays.sort(byActs, java.util.Comparator.comparingDouble(r -> perRequest(r.actCommands(), r)));
        for (int i = 1; i < byActs.length; i++) {
            double a = perRequest(byActs[i - 1].energyPj(), byActs[i - 1]);
            double b = perRequest(byActs[i].energyPj(), byActs[i]);
            assertTrue(b > a, config + ": energy per request does not rise with activates per request");
        }
    }

    private static double perRequest(double v, TraceReplay.Result r) {
        return v / (r.reads() + r.writes());
    }
}
