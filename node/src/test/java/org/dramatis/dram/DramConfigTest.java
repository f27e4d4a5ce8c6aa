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

    @ParameterizedTest
    @ValueSource(strings = {"[power]|VDD = -1.2|VDD must be above 0", "[power]|IDD2N = 1e30|IDD2N must be between 0 and 10000 mA",
        "[timing]|tRP = -4|tRP must be >= 0 cycles", "[system]|channel_size = 0|channel_size must be > 0",
        "[system]|bus_width = 0|bus_width must be > 0", "[timing]|tCK = 1e-9|tCK must be between 0.01 and 1000 ns",
        "[timing]|tCK = 1e30|tCK must be between 0.01 and 1000 ns"})
    void implausibleValuesAreRefusedByName(String c) {
        String[] f = c.split("\\|");
        var e = assertThrows(IniFile.BadConfig.class, () -> new DramConfig(IniFile.parse("v.ini", List.of(f[0], f[1]))));
        assertEquals("v.ini:2: " + f[2], e.getMessage().substring(0, Math.min(e.getMessage().length(), ("v.ini:2: " + f[2]).length())));
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
        assertEquals("t.trace:2: operation must be READ or WRITE (or P_MEM_RD, P_FETCH, P_MEM_WR, BOFF), got 'LOAD'",
                e.getMessage());
        var mixed = assertThrows(Trace.BadTrace.class, () -> Trace.parse("t.trace",
                new StringReader("LD 0x40\n0x80 READ 1\n")));
        assertEquals("t.trace:2: expected 'LD|ST ADDRESS' (Ramulator 2), got '0x80 READ 1'", mixed.getMessage());
    }

    @Test
    void tracesInEitherSimulatorsSpelling() throws Exception {
        // DRAMsim3: any case of READ/WRITE and DRAMsim2's names, as DRAMsim3 reads them
        Trace d = Trace.parse("d", new StringReader("0x40 read 3\n80 P_MEM_WR 5\n0xC0 P_FETCH 6\n0x100 BOFF 7\n0x140 Write 9\n"));
        assertEquals(5, d.size());
        assertEquals(0x80, d.addr(1));
        boolean[] writes = {false, true, false, true, true};
        for (int i = 0; i < 5; i++) assertEquals(writes[i], d.isWrite(i), "request " + i);
        assertEquals(9, d.cycle(4));
        // Ramulator 2 load/store: hexadecimal with 0x or decimal, request i due at cycle i
        Trace r = Trace.parse("r", new StringReader("LD 0x40\nST 128\n\nLD 0XC0\n"));
        assertEquals(3, r.size());
        assertEquals(128, r.addr(1));
        assertEquals(0xC0, r.addr(2));
        assertEquals(true, r.isWrite(1));
        assertEquals(2, r.cycle(2));
        // what gen-trace writes in either format reads back as the same requests
        Trace g = GenTrace.generate(GenTrace.Kind.mixed, 300, 5, 0.5);
        for (Trace.Format f : Trace.Format.values()) {
            Trace back = Trace.parse("g", new StringReader(GenTrace.text(g, f)));
            for (int i = 0; i < g.size(); i++) {
                assertEquals(g.addr(i), back.addr(i));
                assertEquals(g.isWrite(i), back.isWrite(i));
                assertEquals(f == Trace.Format.dramsim3 ? g.cycle(i) : i, back.cycle(i));
            }
        }
    }
}
