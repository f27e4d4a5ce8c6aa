package org.dramatis.dram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Ramulator 2 YAML configs: presets resolve to Ramulator 2's own numbers (src/dram/impl/DDR4.cpp,
 * HBM2.cpp), explicit values override them as Ramulator 2 lets them, bad input is one line naming
 * file, line and key, and a replay on the YAML equals one on the hand-written equivalent .ini.
 */
class Ramulator2ConfigTest {

    /** The memory system of Ramulator 2's example_config.yaml, with an open-page row policy. */
    private static final String DDR4 = """
            MemorySystem:
              impl: GenericDRAM
              clock_ratio: 3
              DRAM:
                impl: DDR4
                org:
                  preset: DDR4_8Gb_x8
                  channel: 1
                  rank: 2
                timing:
                  preset: DDR4_2400R
              Controller:
                impl: Generic
                Scheduler:
                  impl: FRFCFS
                RefreshManager:
                  impl: AllBank
                RowPolicy:
                  impl: OpenRowPolicy
                plugins:
              AddrMapper:
                impl: RoBaRaCoCh
            """;

    private static DramConfig yaml(String text) {
        return new DramConfig(Ramulator2Config.parse("r.yaml", text));
    }

    private static String error(String text) {
        return assertThrows(IniFile.BadConfig.class, () -> yaml(text)).getMessage();
    }

    @Test
    void ddr4PresetsGiveRamulator2sTables() {
        DramConfig c = yaml(DDR4);
        assertEquals("DDR4", c.protocol);
        // DDR4_2400R: nCL nRCD nRP 16, nRAS 39, nCWL 12, nWR 18, nRTP 9, nCCDS 4, nCCDL 6, nWTRS 3, nWTRL 9, tCK 833 ps
        assertEquals(16, c.CL);
        assertEquals(16, c.tRCD);
        assertEquals(16, c.tRP);
        assertEquals(39, c.tRAS);
        assertEquals(55, c.tRC, "nRC 55 = nRAS + nRP");
        assertEquals(12, c.CWL);
        assertEquals(18, c.tWR);
        assertEquals(9, c.tRTP);
        assertEquals(4, c.tCCD_S);
        assertEquals(6, c.tCCD_L);
        assertEquals(3, c.tWTR_S);
        assertEquals(9, c.tWTR_L);
        assertEquals(0.833, c.tCkNs);
        assertEquals(833, c.tCkPs());
        // the JEDEC tables of DDR4.cpp for x8 at 2400: nRRDS 4, nRRDL 6, nFAW 26; 8 Gb: tRFC 360 ns, tREFI 7800 ns
        assertEquals(4, c.tRRD_S);
        assertEquals(6, c.tRRD_L);
        assertEquals(26, c.tFAW);
        assertEquals(433, c.tRFC, "(360000 ps x 1000 / 833 + 974) / 1000");
        assertEquals(9364, c.tREFI);
        assertEquals(4, c.burstCycles, "nBL 4");
        assertEquals(2, c.tRTRS, "nCS 2");
        // DDR4_8Gb_x8: 4 bank groups x 4 banks, 2^16 rows, 2^10 columns of 8 bits; 8 chips on 64 bits; 2 ranks
        assertEquals(4, c.bankgroups);
        assertEquals(4, c.banksPerGroup);
        assertEquals(16, c.banks);
        assertEquals(65536, c.rows);
        assertEquals(1024, c.columns);
        assertEquals(8, c.deviceWidth);
        assertEquals(1, c.channels);
        assertEquals(2, c.ranks);
        assertEquals(16384, c.channelSizeMb, "2 ranks x 8 chips x 8 Gb");
        assertEquals(64, c.requestBytes, "prefetch 8 x 64 bits, Ramulator 2's transaction");
        assertEquals("robabgracoch", c.addressMapping);
        assertEquals(DramConfig.RowBufferPolicy.OPEN_PAGE, c.rowBufferPolicy);
        assertEquals(DramConfig.RefreshPolicy.RANK_LEVEL_SIMULTANEOUS, c.refreshPolicy);
        assertEquals("r.yaml", c.source);
    }

    @Test
    void theLinearMappersDecodeAsRamulator2s() {
        DramConfig c = yaml(DDR4);
        // RoBaRaCoCh from bit 6 up: channel (0 bits), column (7), rank (1), bank group (2), bank (2), row (16)
        assertEquals(6, c.shiftBits);
        assertEquals(0, c.coPos);
        assertEquals(7, c.raPos);
        assertEquals(8, c.bgPos);
        assertEquals(10, c.baPos);
        assertEquals(12, c.roPos);
        DramConfig t = yaml(DDR4.replace("RoBaRaCoCh", "ChRaBaRoCo"));
        assertEquals("chrabgbaroco", t.addressMapping);
        assertEquals(0, t.coPos);
        assertEquals(7, t.roPos);
        assertEquals(23, t.baPos);
        assertEquals(25, t.bgPos);
        assertEquals(27, t.raPos);
    }

    @Test
    void explicitValuesOverrideThePresets() {
        DramConfig c = yaml(DDR4.replace("      preset: DDR4_2400R\n", "      preset: DDR4_2400R\n      nRCD: 20\n"
                + "      tRP: 15\n      nFAW: 30\n").replace("      rank: 2\n", "      rank: 4\n      channel_width: 32\n")
                .replace("OpenRowPolicy", "ClosedRowPolicy\n      cap: 4"));
        assertEquals(20, c.tRCD, "nRCD in cycles");
        assertEquals(18, c.tRP, "tRP 15 ns, JEDEC-rounded at 833 ps: (15000 x 1000 / 833 + 974) / 1000");
        assertEquals(30, c.tFAW, "the user's value wins over the JEDEC table");
        assertEquals(16, c.CL, "untouched: the preset's");
        assertEquals(4, c.ranks);
        assertEquals(32, c.busWidth);
        assertEquals(4 * 4 * 8192 / 8, c.channelSizeMb, "4 ranks of 4 x8 chips of 8 Gb");
        assertEquals(DramConfig.RowBufferPolicy.CLOSE_PAGE, c.rowBufferPolicy);
        // no preset at all: the rate and every timing the tables do not give
        DramConfig bare = yaml("""
                MemorySystem:
                  DRAM:
                    impl: DDR4
                    org: {density: 4096, dq: 16, channel: 2, rank: 1, bankgroup: 2, bank: 4, row: 32768, column: 1024}
                    timing: {rate: 3200, nBL: 4, nCL: 22, nRCD: 22, nRP: 22, nRAS: 52, nRC: 74, nWR: 24, nRTP: 12,
                             nCWL: 16, nCCDS: 4, nCCDL: 8, nWTRS: 4, nWTRL: 12, nCS: 2}
                """);
        assertEquals(2, bare.channels);
        assertEquals(0.625, bare.tCkNs);
        assertEquals(9, bare.tRRD_S, "x16 at 3200");
        assertEquals(48, bare.tFAW, "x16 at 3200");
        assertEquals(416, bare.tRFC, "4 Gb: 260 ns at 625 ps");
        assertEquals(12480, bare.tREFI);
        assertEquals(2048, bare.channelSizeMb, "4 x16 chips of 4 Gb");
        assertEquals("robabgracoch", bare.addressMapping, "no AddrMapper: RoBaRaCoCh");
    }

    @Test
    void hbm2PseudoChannelsRunAsChannels() {
        DramConfig c = DramConfig.named("HBM2_8Gb_2Gbps");
        assertEquals("HBM2", c.protocol);
        assertEquals(16, c.channels, "8 channels x 2 pseudo channels");
        assertEquals(1, c.ranks);
        assertEquals(16, c.banks);
        assertEquals(32768, c.rows);
        assertEquals(512, c.channelSizeMb, "a pseudo channel: 4 x 4 banks x 2^15 rows x 1 KB");
        assertEquals(64, c.busWidth);
        // HBM2_2Gbps: nBL 4, nCL 7, nRCDRD 7, nRCDWR 7, nRP 7, nRAS 17, nCWL 2, nRTPL 3, nRRDS 2, nRRDL 3, nFAW 15
        assertEquals(1.0, c.tCkNs);
        assertEquals(4, c.burstCycles);
        assertEquals(7, c.CL);
        assertEquals(7, c.tRCDRD);
        assertEquals(7, c.tRCDWR);
        assertEquals(7, c.tRP);
        assertEquals(17, c.tRAS);
        assertEquals(2, c.CWL);
        assertEquals(3, c.tRTP);
        assertEquals(2, c.tRRD_S);
        assertEquals(3, c.tRRD_L);
        assertEquals(15, c.tFAW);
        assertEquals(350, c.tRFC, "8 Gb: 350 ns");
        assertEquals(3900, c.tREFI);
        assertEquals(160, c.tRFCb, "nRFCSB");
        assertFalse(c.hbmDualCommand, "Ramulator 2 issues one command per cycle");
        assertEquals("chrabgbaroco", c.addressMapping);
        String hbm2 = """
                MemorySystem:
                  DRAM: {impl: HBM2, org: {preset: HBM2_8Gb, channel: 1}, timing: {preset: HBM2_2Gbps}}
                  Controller: {RefreshManager: {impl: PerBank}}
                  AddrMapper: {impl: RoBaRaCoCh}
                """;
        DramConfig one = yaml(hbm2);
        assertEquals("robabgchraco", one.addressMapping, "the pseudo channel right above the column, as Ramulator 2's");
        assertEquals(DramConfig.RefreshPolicy.BANK_LEVEL_STAGGERED, one.refreshPolicy);
        assertEquals(3900 / 16, one.tREFIb, "PerBank: each bank once per nREFI");
        assertTrue(error(hbm2.replace("channel: 1", "channel: 2")).startsWith(
                "r.yaml:4: MemorySystem.AddrMapper.impl RoBaRaCoCh puts the channel below the column"));
        TraceReplay.Result r = TraceReplay.run(c, GenTrace.generate("mixed 2000 5 0.5"), 20_000);
        assertEquals(2000, r.reads() + r.writes());
        assertTrue(r.refreshCommands() > 0);
    }

    /** Ramulator 2's DDR4_2400R x DDR4_8Gb_x8, one channel of two ranks, written out as DRAMsim3 keys by hand. */
    private static final List<String> DDR4_INI = List.of(
            "[dram_structure]", "protocol = DDR4", "bankgroups = 4", "banks_per_group = 4", "rows = 65536",
            "columns = 1024", "device_width = 8", "BL = 8",
            "[system]", "channels = 1", "bus_width = 64", "channel_size = 16384", "address_mapping = robabgracoch",
            "row_buf_policy = OPEN_PAGE", "refresh_policy = RANK_LEVEL_SIMULTANEOUS",
            "[timing]", "tCK = 0.833", "AL = 0", "CL = 16", "CWL = 12", "tRCD = 16", "tRP = 16", "tRAS = 39",
            "tWR = 18", "tRTP = 9", "tCCD_S = 4", "tCCD_L = 6", "tRRD_S = 4", "tRRD_L = 6", "tWTR_S = 3",
            "tWTR_L = 9", "tFAW = 26", "tRFC = 433", "tREFI = 9364", "tRTRS = 2");

    @ParameterizedTest
    @CsvSource({"mixed 3000 11 0.25, 40000", "random 3000 7 1, 30000", "stream 3000 3 1, 20000"})
    void aReplayOnTheYamlEqualsOneOnTheEquivalentIni(String trace, long cycles) {
        Trace t = GenTrace.generate(trace);
        TraceReplay.Result y = TraceReplay.run(yaml(DDR4), t, cycles);
        TraceReplay.Result i = TraceReplay.run(new DramConfig(IniFile.parse("ddr4.ini", DDR4_INI)), t, cycles);
        assertEquals(withoutWall(i), withoutWall(y));
        assertTrue(y.reads() + y.writes() > 0);
    }

    private static TraceReplay.Result withoutWall(TraceReplay.Result r) {
        return new TraceReplay.Result(r.cycles(), r.reads(), r.writes(), r.bandwidthGbps(), r.avgReadLatencyCycles(),
                r.actCommands(), r.readCommands(), r.writeCommands(), r.readRowHits(), r.refreshCommands(), r.energyPj(),
                r.energyDramsim3Units(), r.requestsIssued(), r.events(), 0);
    }

    @Test
    void byNameOrPath(@TempDir Path dir) throws Exception {
        DramConfig shipped = DramConfig.named("DDR4_8Gb_x8_2400R");
        assertEquals(16, shipped.tRCD);
        assertEquals(2, shipped.ranks);
        Path f = dir.resolve("mine.yml");
        Files.writeString(f, DDR4);
        DramConfig mine = DramConfig.named(f.toString());
        assertEquals(f.toString(), mine.source);
        assertEquals(shipped.tREFI, mine.tREFI);
        assertTrue(DramConfig.shippedNames().contains("HBM2_8Gb_2Gbps"));
        var missing = assertThrows(IniFile.BadConfig.class, () -> DramConfig.load(dir.resolve("none.yaml")));
        assertTrue(missing.getMessage().endsWith("none.yaml: no such file"), missing.getMessage());
    }

    @Test
    void anUnknownPresetListsTheKnownOnes() {
        assertEquals("r.yaml:11: MemorySystem.DRAM.timing.preset 'DDR4_2400X' is not a DDR4 timing preset (known: "
                + "DDR4_1600J, DDR4_1600K, DDR4_1600L, DDR4_1866L, DDR4_1866M, DDR4_1866N, DDR4_2133N, DDR4_2133P, "
                + "DDR4_2133R, DDR4_2400P, DDR4_2400R, DDR4_2400U, DDR4_2400T, DDR4_2666T, DDR4_2666U, DDR4_2666V, "
                + "DDR4_2666W, DDR4_2933V, DDR4_2933W, DDR4_2933Y, DDR4_2933AA, DDR4_3200W, DDR4_3200AA, DDR4_3200AC)",
                error(DDR4.replace("DDR4_2400R", "DDR4_2400X")));
        assertEquals("r.yaml:7: MemorySystem.DRAM.org.preset 'DDR4_8Gb_x9' is not a DDR4 organization preset (known: "
                + "DDR4_2Gb_x4, DDR4_2Gb_x8, DDR4_2Gb_x16, DDR4_4Gb_x4, DDR4_4Gb_x8, DDR4_4Gb_x16, DDR4_8Gb_x4, "
                + "DDR4_8Gb_x8, DDR4_8Gb_x16, DDR4_16Gb_x4, DDR4_16Gb_x8, DDR4_16Gb_x16)",
                error(DDR4.replace("DDR4_8Gb_x8", "DDR4_8Gb_x9")));
        assertEquals("r.yaml:5: MemorySystem.DRAM.impl 'DDR5' is not a supported DRAM standard (supported: DDR4, HBM, HBM2)",
                error(DDR4.replace("impl: DDR4", "impl: DDR5")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "      preset: DDR4_2400R|      preset: DDR4_2400R\\n      nRP: -3|r.yaml:12: MemorySystem.DRAM.timing.nRP must be >= 0 cycles, got -3",
        "      preset: DDR4_2400R|      preset: DDR4_2400R\\n      nRCD: 13.5|r.yaml:12: MemorySystem.DRAM.timing.nRCD must be a whole number of cycles, got '13.5'",
        "      preset: DDR4_2400R|      preset: DDR4_2400R\\n      tRCD: fast|r.yaml:12: MemorySystem.DRAM.timing.tRCD must be a time in ns, got 'fast'",
        "      preset: DDR4_2400R|      preset: DDR4_2400R\\n      rate: 3200|r.yaml:12: MemorySystem.DRAM.timing.rate cannot change the rate of a speed preset (Ramulator 2 refuses it too)",
        "      rank: 2|      rank: 3|r.yaml:9: MemorySystem.DRAM.org.rank must be a power of two, got 3",
        "      rank: 2|      rank: 2\\n      row: 32768|r.yaml:7: MemorySystem.DRAM.org.preset says 8192 Mb, but the organization gives 4096 Mb (Ramulator 2 refuses this too)",
        "      rank: 2|      ranks: 2|r.yaml:9: MemorySystem.DRAM.org.ranks is not a DDR4 organization key (preset, dq, density, channel_width, channel, rank, bankgroup, bank, row, column)",
        "      rank: 2|      rank: 2\\n      channel_width: 12|r.yaml:10: MemorySystem.DRAM.org.channel_width must be a multiple of device_width",
        "    impl: RoBaRaCoCh|    impl: MOP4CLXOR|r.yaml:22: MemorySystem.AddrMapper.impl 'MOP4CLXOR' is not a supported address mapper (ChRaBaRoCo, RoBaRaCoCh)",
        "      impl: AllBank|      impl: PerBank|r.yaml:17: MemorySystem.Controller.RefreshManager.impl PerBank needs per-bank refresh, which Ramulator 2's DDR4 does not have",
        "      impl: OpenRowPolicy|      impl: Hmm|r.yaml:19: MemorySystem.Controller.RowPolicy.impl 'Hmm' is not a supported row policy (OpenRowPolicy, ClosedRowPolicy)",
        "  DRAM:|  DRAM: [1, 2]\\n  Foo:|r.yaml:4: MemorySystem.DRAM must be a mapping (key: value lines)",
        "    org:|    org: {preset: DDR4_8Gb_x8, preset: DDR4_8Gb_x4}\\n    xorg:|r.yaml:6: MemorySystem.DRAM.org.preset is set twice"})
    void badInputIsOneLineNamingFileLineAndKey(String from, String to, String message) {
        String text = DDR4.replace(from, to.replace("\\n", "\n"));
        assertEquals(message, error(text));
    }

    @Test
    void missingSectionsAreNamed() {
        assertTrue(error("Frontend: {impl: SimpleO3}\n").startsWith("r.yaml:1: MemorySystem is missing"));
        assertEquals("r.yaml:1: MemorySystem.DRAM.timing does not give nCL (neither the preset nor Ramulator 2's "
                + "JEDEC tables do; set nCL in cycles or tCL in ns)",
                error("MemorySystem: {DRAM: {impl: DDR4, org: {preset: DDR4_8Gb_x8, channel: 1, rank: 1}, "
                        + "timing: {rate: 2400, nBL: 4}}}"));
        assertEquals("r.yaml: the file is empty", error(""));
        String malformed = error(DDR4.replace("    org:", "    org: {preset: DDR4_8Gb_x8\n    xorg:"));
        assertTrue(malformed.startsWith("r.yaml:7: malformed YAML: ") && !malformed.contains("\n"), malformed);
    }

    @Test
    void jedecRoundingAsRamulator2() {
        assertEquals(350, Ramulator2Config.jedecRounding(350, 1000));
        assertEquals(433, Ramulator2Config.jedecRounding(360, 833));
        assertEquals(14, Ramulator2Config.jedecRounding(13.75, 1000), "0.974 of a cycle rounds up");
        assertEquals(13, Ramulator2Config.jedecRounding(13.02, 1000));
    }
}
