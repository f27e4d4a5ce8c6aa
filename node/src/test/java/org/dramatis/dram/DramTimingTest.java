package org.dramatis.dram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Hand-derived timing expectations for single commands and small request patterns. */
class DramTimingTest {

    private static Trace reads(long[] addr, long[] cycle) {
        return Trace.of(addr, new boolean[addr.length], cycle);
    }

    @Test
    void readToClosedBankTakesRcdPlusClPlusHalfBurst() {
        DramConfig c = DramTestConfigs.load("HBM_4Gb_x128");
        // command level: activate at 0, read at tRCDRD, data done CL + BL/2 after the read
        ChannelState s = new ChannelState(c, new Timing(c));
        assertEquals(CommandType.ACTIVATE, s.required(CommandType.READ, 0, 0, 0, 5));
        s.issue(CommandType.ACTIVATE, 0, 0, 0, 5, 0);
        assertEquals(c.tRCDRD, s.readyCycle(CommandType.READ, 0, 0, 0));
        assertEquals(7 + 7 + 4 / 2, c.tRCDRD + c.readDelay);  // tRCD + CL + BL/2 from the ini
        // end to end: the request enters the controller at cycle 1, moves to its command queue in
        // that cycle (DRAMsim3's transaction stage), and the activate issues at cycle 2
        TraceReplay.Result r = TraceReplay.run(c, reads(new long[] {0x1000}, new long[] {0}), 200);
        assertEquals(1, r.reads());
        assertEquals(1 + c.tRCDRD + c.CL + c.burstLength / 2, r.avgReadLatencyCycles(), 1e-9);
        assertEquals(1, r.actCommands());
    }

    @Test
    void fifthActivateInWindowWaitsForTfaw() {
        DramConfig c = DramTestConfigs.load("HBM_4Gb_x128");  // tRRD_S 4, tRRD_L 5, tFAW 20
        ChannelState s = new ChannelState(c, new Timing(c));
        long t = 0;
        for (int bg = 0; bg < 4; bg++) {
            t = s.readyCycle(CommandType.ACTIVATE, 0, bg, 0);
            assertEquals(bg * c.tRRD_S, t, "activate " + (bg + 1) + " is spaced by tRRD_S");
            s.issue(CommandType.ACTIVATE, 0, bg, 0, 1, t);
        }
        // four activates in the window: the fifth waits for the first + tFAW, not just tRRD
        long byRrd = Math.max(t + c.tRRD_S, c.tRRD_L);
        assertTrue(c.tFAW > byRrd, "config exercises tFAW");
        assertEquals(c.tFAW, s.readyCycle(CommandType.ACTIVATE, 0, 0, 1));
    }

    @Test
    void refreshEveryTrefiBlocksActivatesForTrfc() {
        DramConfig c = DramTestConfigs.load("HBM2_8Gb_x128");  // tREFI 3900, tRFC 260, one rank
        long cycles = 10L * c.tREFI;
        TraceReplay.Result idle = TraceReplay.run(c, reads(new long[0], new long[0]), cycles);
        assertEquals(9L * c.channels, idle.refreshCommands(), "one refresh per channel at every tREFI after 0");
        // a read entering at the refresh's cycle: the refresh goes first, the activate waits tRFC
        TraceReplay.Result r = TraceReplay.run(c, reads(new long[] {0x40}, new long[] {c.tREFI - 1}), cycles);
        assertEquals(1, r.reads());
        assertEquals(c.tRFC + c.tRCDRD + c.CL + c.burstLength / 2, r.avgReadLatencyCycles(), 1e-9);
    }

    @Test
    void rowHitStreamReachesChannelPeak() {
        DramConfig c = DramTestConfigs.load("HBM_4Gb_x128");
        // one channel: walk the 32 columns of a row in each of the 4 bank groups (bank 0),
        // alternating bank groups so that tCCD_S, not tCCD_L, spaces the reads; a new row every 128
        int n = 40_000;
        long[] addr = new long[n];
        long[] cycle = new long[n];
        for (int i = 0; i < n; i++) {
            long col = (i / 4) % 32;
            long bg = i % 4;
            long row = i / 128;
            addr[i] = ((row << c.roPos) | (bg << c.bgPos) | (col << c.coPos)) << c.shiftBits;
            cycle[i] = i;  // one per cycle: twice what one channel can take
        }
        long cycles = n;
        TraceReplay.Result r = TraceReplay.run(c, reads(addr, cycle), cycles);
        double peakGbps = c.peakBytesPerCycle() / c.tCkNs;
        // refresh takes tRFC of every tREFI; row switches hide behind the other bank groups
        double refreshCeiling = peakGbps * (1 - (double) c.tRFC / c.tREFI);
        System.out.printf("row-hit stream: %.3f GB/s, peak %.3f, refresh ceiling %.3f, row hits %.3f%n",
                r.bandwidthGbps(), peakGbps, refreshCeiling, r.readRowHitRate());
        assertTrue(r.bandwidthGbps() <= peakGbps, "never above peak");
        assertTrue(r.bandwidthGbps() >= 0.97 * refreshCeiling, "within 3% of the refresh-limited peak");
        assertTrue(r.readRowHitRate() > 0.95);
    }
}
