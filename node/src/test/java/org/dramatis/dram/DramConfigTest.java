package org.dramatis.dram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DramConfigTest {

    @ParameterizedTest
    @ValueSource(strings = {"HBM_4Gb_x128", "HBM2_8Gb_x128", "DDR4_8Gb_x8_3200", "LPDDR4_8Gb_x16_2400",
        "GDDR6_8Gb_x16", "HBM3_PIM_AttAcc", "GDDR6_AiM_CENT"})
    void shippedConfigsLoad(String name) {
        DramConfig c = DramTestConfigs.load(name);
        assertTrue(c.channels >= 1 && c.ranks >= 1 && c.requestBytes > 0);
    }

    @Test
    void derivedValuesFollowDramsim3() {
        DramConfig hbm = DramTestConfigs.load("HBM_4Gb_x128");
        assertEquals(74, hbm.tRFC, "an empty value means DRAMsim3's default");
        assertEquals(64, hbm.requestBytes);
        assertEquals(2, hbm.burstCycles);
        DramConfig lp = DramTestConfigs.load("LPDDR4_8Gb_x16_2400");
        assertEquals(2, lp.ranks, "8192 MB channel of 4096 MB ranks");
        assertEquals(128, lp.requestBytes);
        DramConfig g6 = DramTestConfigs.load("GDDR6_8Gb_x16");
        assertEquals(1, g6.bankgroups, "bankgroup_enable = false folds the groups");
        assertEquals(1, g6.burstCycles);
        assertEquals(256, g6.requestBytes);
        DramConfig attacc = DramTestConfigs.load("HBM3_PIM_AttAcc");
        // 32 pseudo-channels x 16 B per 0.769 ns cycle: the published 670.4 GB/s per stack within 1%
        double stackGbps = attacc.channels * attacc.peakBytesPerCycle() / attacc.tCkNs;
        assertEquals(670.4, stackGbps, 670.4 * 0.01);
        assertEquals(16L << 30, (long) attacc.channels * attacc.channelSizeMb << 20, "16 GiB per stack");
        assertEquals(2, attacc.ranks);
    }

    @Test
    void badLinesNameFileAndLine() {
        var e = assertThrows(IniFile.BadConfig.class, () -> new DramConfig(IniFile.parse("x.ini",
                List.of("[timing]", "tCK = 1", "CL = fast"))));
        assertEquals("x.ini:3: CL is not an integer: 'fast'", e.getMessage());
        e = assertThrows(IniFile.BadConfig.class, () -> IniFile.parse("y.ini", List.of("[system]", "channels 4")));
        assertEquals("y.ini:2: expected 'name = value', got 'channels 4'", e.getMessage());
        e = assertThrows(IniFile.BadConfig.class, () -> new DramConfig(IniFile.parse("z.ini",
                List.of("[system]", "address_mapping = rorabgbachxx"))));
        assertTrue(e.getMessage().startsWith("z.ini:2: address_mapping has an unknown"), e.getMessage());
    }

    @Test
    void badTraceLinesNameFileAndLine() {
        var e = assertThrows(Trace.BadTrace.class, () -> Trace.parse("t.trace",
                new StringReader("0x40 READ 0\n0x80 LOAD 1\n")));
        assertEquals("t.trace:2: operation must be READ or WRITE, got 'LOAD'", e.getMessage());
    }
}
