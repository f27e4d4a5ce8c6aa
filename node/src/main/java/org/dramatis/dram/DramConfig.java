package org.dramatis.dram;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One DRAM configuration as DRAMsim3 understands it (configuration.cc): structure, timing in
 * clock cycles of {@code tCK} ns, IDD/VDD currents, system (channels, queues, policies, address
 * mapping). Every default below is DRAMsim3's own default for a missing key, so a DRAMsim3
 * {@code .ini} file means the same thing here. Derived values (burst cycles, ranks, column
 * count, energy increments) are computed the way DRAMsim3 computes them.
 */
public final class DramConfig {

    /** Row-buffer policy. */
    public enum RowBufferPolicy { OPEN_PAGE, CLOSE_PAGE }

    /** How refresh commands are spread (DRAMsim3 refresh.cc). */
    public enum RefreshPolicy { RANK_LEVEL_SIMULTANEOUS, RANK_LEVEL_STAGGERED, BANK_LEVEL_STAGGERED }

    private static final Set<String> PROTOCOLS =
            Set.of("DDR3", "DDR4", "GDDR5", "GDDR5X", "GDDR6", "LPDDR", "LPDDR3", "LPDDR4", "HBM", "HBM2");

    public final String source;
    public final String protocol;
    // structure
    public final int bankgroups;
    public final int banksPerGroup;
    public final int banks;
    public final int rows;
    /** Physical columns (device-width units), after DRAMsim3's GDDR x BL and HBM x 2 scaling. */
    public final int columns;
    public final int deviceWidth;
    public final int burstLength;
    /** Cycles the data bus is busy per burst (BL/2, BL/4 for GDDR5, BL/8 for GDDR5X, BL/16 for GDDR6). */
    public final int burstCycles;
    // system
    public final int channels;
    public final int busWidth;
    public final int ranks;
    public final int devicesPerRank;
    public final long channelSizeMb;
    public final String addressMapping;
    public final boolean perBankQueues;
    public final RowBufferPolicy rowBufferPolicy;
    public final int cmdQueueSize;
    public final int transQueueSize;
    public final boolean unifiedQueue;
    public final RefreshPolicy refreshPolicy;
    /** HBM issues one row and one column command in the same cycle. */
    public final boolean hbmDualCommand;
    // timing, cycles
    public final double tCkNs;
    public final int AL, CL, CWL, tCCD_L, tCCD_S, tRTRS, tRTP, tWTR_L, tWTR_S, tWR, tRP, tRRD_L, tRRD_S,
            tRAS, tRCD, tRFC, tRC, tRFCb, tREFI, tREFIb, tFAW, tPPD, t32AW, tRCDRD, tRCDWR;
    public final int readLatency, writeLatency, readDelay, writeDelay;
    // energy increments, DRAMsim3 units (V x mA x cycles); see DramEnergy
    public final double actEnergyInc, readEnergyInc, writeEnergyInc, refEnergyInc, refbEnergyInc,
            actStandbyEnergyInc, preStandbyEnergyInc;
    // address mapping
    public final int requestBytes;
    public final int shiftBits;
    public final int chPos, raPos, bgPos, baPos, roPos, coPos;
    public final int chMask, raMask, bgMask, baMask, roMask, coMask;

    /** A DRAMsim3 {@code .ini} file, or a Ramulator 2 config ({@code .yaml} / {@code .yml}, see {@link Ramulator2Config}). */
    public static DramConfig load(Path file) {
        return new DramConfig(Ramulator2Config.isYaml(file.toString()) ? Ramulator2Config.read(file) : IniFile.read(file));
    }

    /** Class-path folder of the configs shipped in topologies/dram. */
    public static final String SHIPPED = "dramatis/topologies/dram/";

    /**
     * A configuration by file path (an existing {@code .ini} file, or a Ramulator 2 {@code .yaml}) or
     * by the name of a shipped one ({@code HBM3_PIM_AttAcc} = class-path resource
     * {@value #SHIPPED}{@code HBM3_PIM_AttAcc.ini}, or {@code NAME.yaml} when there is no such .ini).
     */
    public static DramConfig named(String nameOrPath) {
        Path file = Path.of(nameOrPath);
        if (Files.isRegularFile(file)) return load(file);
        // shipped configs never change: parse each once (every PIM channel of a topology names one)
        return SHIPPED_CACHE.computeIfAbsent(nameOrPath, DramConfig::shipped);
    }

    private static final java.util.concurrent.ConcurrentHashMap<String, DramConfig> SHIPPED_CACHE =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** The names of the shipped configs (topologies/dram/dram.index). */
    public static List<String> shippedNames() {
        try (InputStream in = DramConfig.class.getClassLoader().getResourceAsStream(SHIPPED + "dram.index")) {
            if (in == null) return List.of();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static DramConfig shipped(String nameOrPath) {
        for (String ext : new String[] {".ini", ".yaml"}) {
            String resource = SHIPPED + nameOrPath + ext;
            try (InputStream in = DramConfig.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) continue;
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                return new DramConfig(ext.equals(".yaml") ? Ramulator2Config.parse(resource, text)
                        : IniFile.parse(resource, text.lines().toList()));
            } catch (IOException e) {
                throw new IniFile.BadConfig(resource + ": cannot read DRAM config: " + e.getMessage());
            }
        }
        throw new IniFile.BadConfig("DRAM config '" + nameOrPath + "': no such file, and not a shipped config ("
                + String.join(", ", shippedNames()) + ")");
    }

    public DramConfig(IniFile ini) {
        source = ini.source();
        // [system]
        long channelSize = positive(ini, "system", "channel_size", 1024);
        channels = positive(ini, "system", "channels", 1);
        busWidth = positive(ini, "system", "bus_width", 64);
        addressMapping = ini.getString("system", "address_mapping", "chrobabgraco");
        String queueStructure = ini.getString("system", "queue_structure", "PER_BANK");
        if (!queueStructure.equals("PER_BANK") && !queueStructure.equals("PER_RANK")) {
            throw ini.bad("system", "queue_structure", "must be PER_BANK or PER_RANK, got '" + queueStructure + "'");
        }
        perBankQueues = queueStructure.equals("PER_BANK");
        String rowPolicy = ini.getString("system", "row_buf_policy", "OPEN_PAGE");
        // DRAMsim3 treats anything but CLOSE_PAGE as open page; an unknown word here is a typo.
        if (!rowPolicy.equals("OPEN_PAGE") && !rowPolicy.equals("CLOSE_PAGE")) {
            throw ini.bad("system", "row_buf_policy", "must be OPEN_PAGE or CLOSE_PAGE, got '" + rowPolicy + "'");
        }
        rowBufferPolicy = RowBufferPolicy.valueOf(rowPolicy);
        cmdQueueSize = positive(ini, "system", "cmd_queue_size", 16);
        transQueueSize = positive(ini, "system", "trans_queue_size", 32);
        unifiedQueue = ini.getBoolean("system", "unified_queue", false);
        String refPolicy = ini.getString("system", "refresh_policy", "RANK_LEVEL_STAGGERED");
        try {
            refreshPolicy = RefreshPolicy.valueOf(refPolicy);
        } catch (IllegalArgumentException e) {
            throw ini.bad("system", "refresh_policy", "is not a known refresh policy: '" + refPolicy + "'");
        }
        if (ini.getBoolean("system", "enable_self_refresh", false)) {
            throw ini.bad("system", "enable_self_refresh", "is not supported by Dramatis (see docs/dram.md)");
        }

        // [dram_structure]
        protocol = ini.getString("dram_structure", "protocol", "DDR3").toUpperCase(Locale.ROOT);
        if (!PROTOCOLS.contains(protocol)) {
            throw ini.bad("dram_structure", "protocol", "is not a supported protocol: '" + protocol + "' (one of "
                    + new java.util.TreeSet<>(PROTOCOLS) + ")");
        }
        int bgs = positive(ini, "dram_structure", "bankgroups", 2);
        int bpg = positive(ini, "dram_structure", "banks_per_group", 2);
        if (!ini.getBoolean("dram_structure", "bankgroup_enable", true)) {
            bpg *= bgs;  // GDDR5/6 may run with bank groups disabled: one group of all banks
            bgs = 1;
        }
        bankgroups = bgs;
        banksPerGroup = bpg;
        banks = bgs * bpg;
        rows = positive(ini, "dram_structure", "rows", 1 << 16);
        int cols = positive(ini, "dram_structure", "columns", 1 << 10);
        deviceWidth = positive(ini, "dram_structure", "device_width", 8);
        int bl = ini.getInt("dram_structure", "BL", 8);
        if (bl < 0) throw ini.bad("dram_structure", "BL", "must be >= 0");
        hbmDualCommand = ini.getBoolean("dram_structure", "hbm_dual_cmd", true) && isHbm();
        if (protocol.equals("GDDR5")) {
            burstCycles = bl / 4;
        } else if (protocol.equals("GDDR5X")) {
            burstCycles = bl / 8;
        } else if (protocol.equals("GDDR6")) {
            burstCycles = bl / 16;
        } else {
            burstCycles = bl / 2;
        }
        burstLength = bl == 0 ? (isHbm() ? 4 : 8) : bl;
        if (isGddr()) {
            cols *= burstLength;
        } else if (isHbm()) {
            cols *= 2;
        }
        columns = cols;

        // size: ranks follow from channel_size (DRAMsim3 CalculateSize)
        if (busWidth % deviceWidth != 0) throw ini.bad("system", "bus_width", "must be a multiple of device_width");
        devicesPerRank = busWidth / deviceWidth;
        long pageBytes = (long) columns * deviceWidth / 8;
        long megsPerBank = pageBytes * (rows / 1024) / 1024;
        long megsPerRank = megsPerBank * banks * devicesPerRank;
        if (megsPerRank <= 0) throw ini.bad("dram_structure", "rows", "gives a rank of 0 MB");
        if (megsPerRank > channelSize) {
            ranks = 1;  // DRAMsim3 warns and uses one rank of the device's size
            channelSizeMb = megsPerRank;
        } else {
            ranks = (int) (channelSize / megsPerRank);
            channelSizeMb = ranks * megsPerRank;
        }

        // [timing]
        tCkNs = ini.getReal("timing", "tCK", 1.0);
        // 10 ps to 1 us: every DRAM clock there is, and cycle times that stay exact in whole ps
        if (!(tCkNs >= 0.01 && tCkNs <= 1000)) throw ini.bad("timing", "tCK", "must be between 0.01 and 1000 ns, got " + tCkNs);
        AL = nonNegative(ini, "timing", "AL", 0);
        CL = nonNegative(ini, "timing", "CL", 12);
        CWL = nonNegative(ini, "timing", "CWL", 12);
        tCCD_L = nonNegative(ini, "timing", "tCCD_L", 6);
        tCCD_S = nonNegative(ini, "timing", "tCCD_S", 4);
        tRTRS = nonNegative(ini, "timing", "tRTRS", 2);
        tRTP = nonNegative(ini, "timing", "tRTP", 5);
        tWTR_L = nonNegative(ini, "timing", "tWTR_L", 5);
        tWTR_S = nonNegative(ini, "timing", "tWTR_S", 5);
        tWR = nonNegative(ini, "timing", "tWR", 10);
        tRP = nonNegative(ini, "timing", "tRP", 10);
        tRRD_L = nonNegative(ini, "timing", "tRRD_L", 4);
        tRRD_S = nonNegative(ini, "timing", "tRRD_S", 4);
        tRAS = nonNegative(ini, "timing", "tRAS", 24);
        tRCD = nonNegative(ini, "timing", "tRCD", 10);
        tRFC = nonNegative(ini, "timing", "tRFC", 74);
        tRC = tRAS + tRP;
        tRFCb = nonNegative(ini, "timing", "tRFCb", 20);
        tREFI = positive(ini, "timing", "tREFI", 7800);
        tREFIb = positive(ini, "timing", "tREFIb", 1950);
        tFAW = nonNegative(ini, "timing", "tFAW", 50);
        tPPD = nonNegative(ini, "timing", "tPPD", 0);
        t32AW = nonNegative(ini, "timing", "t32AW", 330);
        tRCDRD = nonNegative(ini, "timing", "tRCDRD", 24);
        tRCDWR = nonNegative(ini, "timing", "tRCDWR", 20);
        readLatency = AL + CL;
        writeLatency = AL + CWL;
        readDelay = readLatency + burstCycles;
        writeDelay = writeLatency + burstCycles;
        if (refreshPolicy == RefreshPolicy.RANK_LEVEL_STAGGERED && tREFI / ranks == 0) {
            throw ini.bad("timing", "tREFI", "is smaller than the number of ranks");
        }

        // [power]
        double vdd = ini.getReal("power", "VDD", 1.2);
        if (!(vdd > 0 && vdd <= 5)) throw ini.bad("power", "VDD", "must be above 0 and at most 5 V, got " + vdd);
        double idd0 = current(ini, "IDD0", 48);
        double idd2n = current(ini, "IDD2N", 34);
        double idd3n = current(ini, "IDD3N", 43);
        double idd4w = current(ini, "IDD4W", 123);
        double idd4r = current(ini, "IDD4R", 135);
        double idd5ab = current(ini, "IDD5AB", 250);
        double idd5pb = current(ini, "IDD5PB", 5);
        // the keys Dramatis does not model (tXS, tRPRE, IDD3P, ... as DRAMsim3 reads them) must still be sane
        for (String k : ini.names("timing")) if (!k.equalsIgnoreCase("tCK")) nonNegative(ini, "timing", k, 0);
        for (String k : ini.names("power")) if (!k.equalsIgnoreCase("VDD")) current(ini, k, 0);
        double devices = devicesPerRank;
        actEnergyInc = vdd * (idd0 * tRC - (idd3n * tRAS + idd2n * tRP)) * devices;
        readEnergyInc = vdd * (idd4r - idd3n) * burstCycles * devices;
        writeEnergyInc = vdd * (idd4w - idd3n) * burstCycles * devices;
        refEnergyInc = vdd * (idd5ab - idd3n) * tRFC * devices;
        refbEnergyInc = vdd * (idd5pb - idd3n) * tRFCb * devices;
        actStandbyEnergyInc = vdd * idd3n * devices;
        preStandbyEnergyInc = vdd * idd2n * devices;

        // address mapping (DRAMsim3 SetAddressMapping): fields from the right end of the string
        requestBytes = busWidth / 8 * burstLength;
        shiftBits = log2(ini, "system", "bus_width", requestBytes);
        int colBits = log2(ini, "dram_structure", "columns", columns) - log2(ini, "dram_structure", "BL", burstLength);
        if (addressMapping.length() != 12) {
            throw ini.bad("system", "address_mapping", "must be 6 fields of 2 letters (ch ra bg ba ro co), got '"
                    + addressMapping + "'");
        }
        int[] pos = new int[6];
        int[] width = {log2(ini, "system", "channels", channels), log2(ini, "system", "channel_size", ranks),
            log2(ini, "dram_structure", "bankgroups", bankgroups),
            log2(ini, "dram_structure", "banks_per_group", banksPerGroup), log2(ini, "dram_structure", "rows", rows),
            colBits};
        boolean[] seen = new boolean[6];
        int p = 0;
        for (int i = 10; i >= 0; i -= 2) {
            String field = addressMapping.substring(i, i + 2);
            int f = "chrabgbaroco".indexOf(field);
            if (f < 0 || f % 2 != 0 || seen[f / 2]) {
                throw ini.bad("system", "address_mapping", "has an unknown or repeated field '" + field + "' in '"
                        + addressMapping + "'");
            }
            seen[f / 2] = true;
            pos[f / 2] = p;
            p += width[f / 2];
        }
        chPos = pos[0];
        raPos = pos[1];
        bgPos = pos[2];
        baPos = pos[3];
        roPos = pos[4];
        coPos = pos[5];
        chMask = (1 << width[0]) - 1;
        raMask = (1 << width[1]) - 1;
        bgMask = (1 << width[2]) - 1;
        baMask = (1 << width[3]) - 1;
        roMask = (1 << width[4]) - 1;
        coMask = (1 << width[5]) - 1;
    }

    private static int positive(IniFile ini, String section, String key, int def) {
        int v = ini.getInt(section, key, def);
        if (v <= 0) throw ini.bad(section, key, "must be > 0, got " + v);
        return v;
    }

    private static int nonNegative(IniFile ini, String section, String key, int def) {
        int v = ini.getInt(section, key, def);
        if (v < 0) throw ini.bad(section, key, "must be >= 0 cycles, got " + v);
        return v;
    }

    /** A supply current in mA: 0 to 10 A per device, far above any DRAM device's draw. */
    private static double current(IniFile ini, String key, double def) {
        double v = ini.getReal("power", key, def);
        if (!(v >= 0 && v <= 10_000)) throw ini.bad("power", key, "must be between 0 and 10000 mA, got " + v);
        return v;
    }

    private static int log2(IniFile ini, String section, String key, int v) {
        if (v <= 0 || Integer.bitCount(v) != 1) throw ini.bad(section, key, "must give a power of two, got " + v);
        return Integer.numberOfTrailingZeros(v);
    }

    public boolean isGddr() {
        return protocol.startsWith("GDDR");
    }

    public boolean isHbm() {
        return protocol.equals("HBM") || protocol.equals("HBM2");
    }

    /** Banks of every rank of the channel. */
    public int banksPerChannel() {
        return ranks * banks;
    }

    /** Column bursts in one row of a bank. */
    public int burstsPerRow() {
        return columns / burstLength;
    }

    /** Clock period in picoseconds (rounded to whole ps). */
    public long tCkPs() {
        return Math.round(tCkNs * 1000);
    }

    /** Bytes moved per cycle at the data bus's peak: one request per max(burst, tCCD_S) cycles. */
    public double peakBytesPerCycle() {
        return (double) requestBytes / Math.max(burstCycles, tCCD_S);
    }

    public int channelOf(long addr) {
        return (int) ((addr >>> shiftBits) >>> chPos) & chMask;
    }
}
