package org.dramatis.dram;

import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dramatis.common.TextFiles;
import org.dramatis.common.UserError;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A Ramulator 2 configuration (CMU-SAFARI/ramulator2) read as the DRAMsim3 keys {@link DramConfig}
 * takes, so that one code path checks both formats. The {@code MemorySystem} section counts:
 * {@code DRAM} ({@code impl}, {@code org} and {@code timing}, each a {@code preset} and/or explicit
 * values, resolved as Ramulator 2's {@code set_organization} / {@code set_timing_vals} do),
 * {@code Controller.RowPolicy}, {@code Controller.RefreshManager} and {@code AddrMapper}. Everything
 * else (Frontend, clock_ratio, Scheduler, plugins, watermarks) is ignored; docs/dram.md lists what
 * and why. Errors name the file, the line and the YAML key.
 *
 * <p>The presets and JEDEC tables below are copied from Ramulator 2's sources:
 * src/dram/impl/DDR4.cpp at commit 525d045f6760ae01094b676309bf7a046d444c04, src/dram/impl/HBM.cpp
 * at 6c0cd4260ceb6e6620b8dfa1d5bdda7e80984db9, src/dram/impl/HBM2.cpp at
 * 1fb94b802569ac964e06dfe721c495c3ff432058, JEDEC_rounding from src/base/utils.cpp, the address
 * mappers from src/addr_mapper/impl/linear_mappers.cpp and the refresh managers and row policies
 * from src/dram_controller/impl/.
 */
public final class Ramulator2Config {

    private Ramulator2Config() {}

    /** Whether a file name says Ramulator 2 YAML ({@code .yaml} or {@code .yml}). */
    public static boolean isYaml(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".yaml") || n.endsWith(".yml");
    }

    public static IniFile read(Path file) {
        String text;
        try {
            text = TextFiles.read(file);
        } catch (UserError e) {
            throw new IniFile.BadConfig(e.getMessage());
        }
        return parse(file.toString(), text);
    }

    /** The DRAM standards (Ramulator 2's {@code DRAM.impl}) this reader takes. */
    public static List<String> standards() {
        return List.copyOf(STANDARDS.keySet());
    }

    // ---------------------------------------------------------------------------------------------
    // Ramulator 2's standards: levels, presets, timing names, JEDEC tables

    /** An organization preset: chip (HBM: channel) density in Mb, DQ width, one count per level. */
    private record Org(int densityMb, int dq, int... counts) {}

    private static Org org(int densityMb, int dq, int... counts) {
        return new Org(densityMb, dq, counts);
    }

    private record Standard(String name, List<String> levels, int prefetch, int defaultChannelWidth,
                            List<String> timings, Map<String, Org> orgs, Map<String, int[]> speeds) {
        boolean hbm() {
            return name.startsWith("HBM");
        }

        int level(String l) {
            return levels.indexOf(l);
        }

        int timing(String t) {
            return timings.indexOf(t);
        }
    }

    private static final List<String> DDR4_TIMINGS = List.of("rate", "nBL", "nCL", "nRCD", "nRP", "nRAS", "nRC",
            "nWR", "nRTP", "nCWL", "nCCDS", "nCCDL", "nRRDS", "nRRDL", "nWTRS", "nWTRL", "nFAW", "nRFC", "nREFI", "nCS",
            "tCK_ps");

    private static final List<String> HBM_TIMINGS = List.of("rate", "nBL", "nCL", "nRCDRD", "nRCDWR", "nRP", "nRAS",
            "nRC", "nWR", "nRTPS", "nRTPL", "nCWL", "nCCDS", "nCCDL", "nRRDS", "nRRDL", "nWTRS", "nWTRL", "nRTW", "nFAW",
            "nRFC", "nRFCSB", "nREFI", "nREFISB", "nRREFD", "tCK_ps");

    /** Timing presets as Ramulator 2 writes them: one row per preset, the columns of the standard's timing list. */
    private static Map<String, int[]> speeds(String table) {
        Map<String, int[]> m = new LinkedHashMap<>();
        for (String line : table.strip().split("\n")) {
            String[] f = line.strip().split("\\s+");
            m.put(f[0], Arrays.stream(f, 1, f.length).mapToInt(Integer::parseInt).toArray());
        }
        return m;
    }

    private static final Standard DDR4 = new Standard("DDR4",
            List.of("channel", "rank", "bankgroup", "bank", "row", "column"), 8, 64, DDR4_TIMINGS,
            orgs(
                //   name            density   DQ   Ch Ra Bg Ba   Ro       Co
                "DDR4_2Gb_x4",   org(2 << 10,  4,  1, 1, 4, 4, 1 << 15, 1 << 10),
                "DDR4_2Gb_x8",   org(2 << 10,  8,  1, 1, 4, 4, 1 << 14, 1 << 10),
                "DDR4_2Gb_x16",  org(2 << 10,  16, 1, 1, 2, 4, 1 << 14, 1 << 10),
                "DDR4_4Gb_x4",   org(4 << 10,  4,  1, 1, 4, 4, 1 << 16, 1 << 10),
                "DDR4_4Gb_x8",   org(4 << 10,  8,  1, 1, 4, 4, 1 << 15, 1 << 10),
                "DDR4_4Gb_x16",  org(4 << 10,  16, 1, 1, 2, 4, 1 << 15, 1 << 10),
                "DDR4_8Gb_x4",   org(8 << 10,  4,  1, 1, 4, 4, 1 << 17, 1 << 10),
                "DDR4_8Gb_x8",   org(8 << 10,  8,  1, 1, 4, 4, 1 << 16, 1 << 10),
                "DDR4_8Gb_x16",  org(8 << 10,  16, 1, 1, 2, 4, 1 << 16, 1 << 10),
                "DDR4_16Gb_x4",  org(16 << 10, 4,  1, 1, 4, 4, 1 << 18, 1 << 10),
                "DDR4_16Gb_x8",  org(16 << 10, 8,  1, 1, 4, 4, 1 << 17, 1 << 10),
                "DDR4_16Gb_x16", org(16 << 10, 16, 1, 1, 2, 4, 1 << 17, 1 << 10)),
            speeds("""
                DDR4_1600J   1600  4  10  10  10  28  38  12   6   9  4  5  -1  -1  2   6  -1  -1  -1  2  1250
                DDR4_1600K   1600  4  11  11  11  28  39  12   6   9  4  5  -1  -1  2   6  -1  -1  -1  2  1250
                DDR4_1600L   1600  4  12  12  12  28  40  12   6   9  4  5  -1  -1  2   6  -1  -1  -1  2  1250
                DDR4_1866L   1866  4  12  12  12  32  44  14   7  10  4  5  -1  -1  3   7  -1  -1  -1  2  1071
                DDR4_1866M   1866  4  13  13  13  32  45  14   7  10  4  5  -1  -1  3   7  -1  -1  -1  2  1071
                DDR4_1866N   1866  4  14  14  14  32  46  14   7  10  4  5  -1  -1  3   7  -1  -1  -1  2  1071
                DDR4_2133N   2133  4  14  14  14  36  50  16   8  11  4  6  -1  -1  3   8  -1  -1  -1  2   937
                DDR4_2133P   2133  4  15  15  15  36  51  16   8  11  4  6  -1  -1  3   8  -1  -1  -1  2   937
                DDR4_2133R   2133  4  16  16  16  36  52  16   8  11  4  6  -1  -1  3   8  -1  -1  -1  2   937
                DDR4_2400P   2400  4  15  15  15  39  54  18   9  12  4  6  -1  -1  3   9  -1  -1  -1  2   833
                DDR4_2400R   2400  4  16  16  16  39  55  18   9  12  4  6  -1  -1  3   9  -1  -1  -1  2   833
                DDR4_2400U   2400  4  17  17  17  39  56  18   9  12  4  6  -1  -1  3   9  -1  -1  -1  2   833
                DDR4_2400T   2400  4  18  18  18  39  57  18   9  12  4  6  -1  -1  3   9  -1  -1  -1  2   833
                DDR4_2666T   2666  4  17  17  17  43  60  20  10  14  4  7  -1  -1  4  10  -1  -1  -1  2   750
                DDR4_2666U   2666  4  18  18  18  43  61  20  10  14  4  7  -1  -1  4  10  -1  -1  -1  2   750
                DDR4_2666V   2666  4  19  19  19  43  62  20  10  14  4  7  -1  -1  4  10  -1  -1  -1  2   750
                DDR4_2666W   2666  4  20  20  20  43  63  20  10  14  4  7  -1  -1  4  10  -1  -1  -1  2   750
                DDR4_2933V   2933  4  19  19  19  47  66  22  11  16  4  8  -1  -1  4  11  -1  -1  -1  2   682
                DDR4_2933W   2933  4  20  20  20  47  67  22  11  16  4  8  -1  -1  4  11  -1  -1  -1  2   682
                DDR4_2933Y   2933  4  21  21  21  47  68  22  11  16  4  8  -1  -1  4  11  -1  -1  -1  2   682
                DDR4_2933AA  2933  4  22  22  22  47  69  22  11  16  4  8  -1  -1  4  11  -1  -1  -1  2   682
                DDR4_3200W   3200  4  20  20  20  52  72  24  12  16  4  8  -1  -1  4  12  -1  -1  -1  2   625
                DDR4_3200AA  3200  4  22  22  22  52  74  24  12  16  4  8  -1  -1  4  12  -1  -1  -1  2   625
                DDR4_3200AC  3200  4  24  24  24  52  76  24  12  16  4  8  -1  -1  4  12  -1  -1  -1  2   625
                """));

    private static final Standard HBM = new Standard("HBM",
            List.of("channel", "bankgroup", "bank", "row", "column"), 2, 128, HBM_TIMINGS,
            orgs(
                //   name      density   DQ    Ch Bg Ba   Ro      Co
                "HBM_1Gb", org(1 << 10, 128,  1, 4, 2, 1 << 13, 1 << 7),
                "HBM_2Gb", org(2 << 10, 128,  1, 4, 2, 1 << 14, 1 << 7),
                "HBM_4Gb", org(4 << 10, 128,  1, 4, 4, 1 << 14, 1 << 7)),
            speeds("""
                HBM_2Gbps  2000  2  7  7  7  7  17  19  8  2  3  2  1  2  2  3  3  4  3  15  -1  160  3900  -1  8  1000
                """));

    private static final Standard HBM2 = new Standard("HBM2",
            List.of("channel", "pseudochannel", "bankgroup", "bank", "row", "column"), 2, 64, HBM_TIMINGS,
            orgs(
                //   name       density   DQ    Ch Pch Bg Ba   Ro      Co
                "HBM2_2Gb", org(2 << 10, 128,  1, 2, 4, 2, 1 << 14, 1 << 6),
                "HBM2_4Gb", org(4 << 10, 128,  1, 2, 4, 4, 1 << 14, 1 << 6),
                // Ramulator 2 writes 6<<10 here, which fails its own density check (2 x 4 x 4 x 2^15
                // x 2^6 x 128 bits = 8192 Mb), so Ramulator 2 cannot load this preset; 8192 Mb here
                "HBM2_8Gb", org(8 << 10, 128,  1, 2, 4, 4, 1 << 15, 1 << 6)),
            speeds("""
                HBM2_2Gbps  2000  4  7  7  7  7  17  19  8  2  3  2  1  2  2  3  3  4  3  15  -1  160  3900  -1  8  1000
                """));

    private static final Map<String, Standard> STANDARDS = Map.of("DDR4", DDR4, "HBM", HBM, "HBM2", HBM2);

    private static Map<String, Org> orgs(Object... nameThenOrg) {
        Map<String, Org> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenOrg.length; i += 2) m.put((String) nameThenOrg[i], (Org) nameThenOrg[i + 1]);
        return m;
    }

    // DDR4.cpp: secondary timings by DQ width (x4, x8, x16) and rate (1600 ... 3200), JESD79-4C tables 169-170
    private static final int[] DDR4_RATES = {1600, 1866, 2133, 2400, 2666, 2933, 3200};
    private static final int[][] DDR4_NRRDS = {{4, 4, 4, 4, 4, 4, 4}, {4, 4, 4, 4, 4, 4, 4}, {5, 5, 6, 7, 8, 8, 9}};
    private static final int[][] DDR4_NRRDL = {{5, 5, 6, 6, 7, 8, 8}, {5, 5, 6, 6, 7, 8, 8}, {6, 6, 7, 8, 9, 10, 11}};
    private static final int[][] DDR4_NFAW = {{16, 16, 16, 16, 16, 16, 16}, {20, 22, 23, 26, 28, 31, 34},
        {28, 28, 32, 36, 40, 44, 48}};
    /** tRFC (ns, normal refresh) by density 2, 4, 8, 16 Gb. */
    private static final int[] DDR4_TRFC_NS = {160, 260, 360, 550};
    private static final int DDR4_TREFI_NS = 7800;
    /** HBM.cpp / HBM2.cpp: tRFC (ns) by density 2, 4, 8, 16 Gb. */
    private static final int[] HBM_TRFC_NS = {160, 260, 350, 450};

    private static int densityIndex(int densityMb) {
        return switch (densityMb) {
            case 2048 -> 0;
            case 4096 -> 1;
            case 8192 -> 2;
            case 16384 -> 3;
            default -> -1;
        };
    }

    /** Ramulator 2's JEDEC_rounding (src/base/utils.cpp): ns to cycles with a correction factor of 0.974. */
    static long jedecRounding(double tNs, int tCkPs) {
        long tPs = (long) ((float) tNs * 1000f);
        return (tPs * 1000 / tCkPs + 974) / 1000;
    }

    /** The timings Ramulator 2 derives after the preset and before the user's values (set_timing_vals). */
    private static void derive(Standard s, Resolved r) {
        int tCk = r.tCkPs;
        if (s == DDR4) {
            int dq = switch (r.dq) {
                case 4 -> 0;
                case 8 -> 1;
                case 16 -> 2;
                default -> -1;
            };
            int rate = Arrays.binarySearch(DDR4_RATES, r.t[s.timing("rate")]);
            if (dq >= 0 && rate >= 0) {
                r.derived(s.timing("nRRDS"), DDR4_NRRDS[dq][rate]);
                r.derived(s.timing("nRRDL"), DDR4_NRRDL[dq][rate]);
                r.derived(s.timing("nFAW"), DDR4_NFAW[dq][rate]);
            }
            int d = densityIndex(r.densityMb);
            if (d >= 0) r.derived(s.timing("nRFC"), (int) jedecRounding(DDR4_TRFC_NS[d], tCk));
            r.derived(s.timing("nREFI"), (int) jedecRounding(DDR4_TREFI_NS, tCk));
        } else {
            int d = densityIndex(r.densityMb);
            if (d >= 0) {
                r.derived(s.timing("nRFC"), (int) jedecRounding(HBM_TRFC_NS[d], tCk));
                // as Ramulator 2 does: nREFISB from the tRFC table (it declares a tREFISB table but does not use it)
                r.derived(s.timing("nREFISB"), (int) jedecRounding(HBM_TRFC_NS[d], tCk));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // YAML access with the place of every value

    /** A YAML node and the dotted key path that reached it. */
    private record Y(String path, Node node) {
        int line() {
            return node.getStartMark().getLine() + 1;
        }

        boolean isNull() {
            return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
        }

        Y child(String key) {
            return new Y(path.isEmpty() ? key : path + "." + key, node);
        }
    }

    /** What each translated value came from, for the error that may name it. */
    private record Src(int line, String label) {
        static Src of(Y y) {
            return new Src(y.line(), y.path());
        }
    }

    private static final class Ctx {
        final String source;

        Ctx(String source) {
            this.source = source;
        }

        IniFile.BadConfig bad(Y y, String problem) {
            return new IniFile.BadConfig(source + ":" + y.line() + ": " + y.path() + " " + problem);
        }

        Map<String, Y> map(Y y) {
            if (!(y.node() instanceof MappingNode m)) throw bad(y, "must be a mapping (key: value lines)");
            Map<String, Y> out = new LinkedHashMap<>();
            for (NodeTuple t : m.getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode k)) throw bad(y, "has a key that is not a plain name");
                Y v = new Y(y.path().isEmpty() ? k.getValue() : y.path() + "." + k.getValue(), t.getValueNode());
                if (out.put(k.getValue(), v) != null) throw bad(new Y(v.path(), k), "is set twice");
            }
            return out;
        }

        /** A mapping under {@code key}, or null when the key is absent or empty. */
        Map<String, Y> optionalMap(Map<String, Y> parent, String key) {
            Y y = parent.get(key);
            return y == null || y.isNull() ? null : map(y);
        }

        String scalar(Y y) {
            if (!(y.node() instanceof ScalarNode s) || y.isNull()) throw bad(y, "must be a single value");
            return s.getValue().strip();
        }

        int integer(Y y, String what) {
            String v = scalar(y);
            try {
                return Integer.decode(v.replace("_", ""));
            } catch (NumberFormatException e) {
                throw bad(y, "must be " + what + ", got '" + v + "'");
            }
        }

        double number(Y y, String what) {
            String v = scalar(y);
            double d;
            try {
                d = Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw bad(y, "must be " + what + ", got '" + v + "'");
            }
            if (!Double.isFinite(d)) throw bad(y, "must be " + what + ", got '" + v + "'");
            return d;
        }

        /** The {@code impl} of a component section and its node, or {@code def} (at the parent) when the section is absent. */
        Impl impl(Map<String, Y> parent, Y parentY, String key, String def) {
            Map<String, Y> m = parent == null ? null : optionalMap(parent, key);
            if (m == null) return new Impl(def, parentY.child(key));
            Y impl = m.get("impl");
            if (impl == null) throw bad(parent.get(key), "has no impl");
            return new Impl(scalar(impl), impl);
        }
    }

    /** A component's implementation name and where it was given. */
    private record Impl(String name, Y where) {}

    // ---------------------------------------------------------------------------------------------
    // Resolution (Ramulator 2's set_organization and set_timing_vals) and translation

    /** The DRAM as Ramulator 2 resolves it: level counts, DQ, density, channel width, timings in cycles. */
    private static final class Resolved {
        int[] counts;
        Src[] countSrc;
        int dq = -1, densityMb = -1, channelWidth;
        Src dqSrc, densitySrc, channelWidthSrc;
        int[] t;
        Src[] tSrc;
        int tCkPs;
        Src derivedSrc;

        void derived(int i, int value) {
            t[i] = value;
            tSrc[i] = derivedSrc;
        }
    }

    public static IniFile parse(String source, String text) {
        Ctx c = new Ctx(source);
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(50);
        Node rootNode;
        try {
            rootNode = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = m == null ? source : source + ":" + (m.getLine() + 1);
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            throw new IniFile.BadConfig(where + ": malformed YAML: " + problem.replace('\n', ' ').strip());
        } catch (YAMLException e) {
            throw new IniFile.BadConfig(source + ": malformed YAML: " + String.valueOf(e.getMessage()).replace('\n', ' '));
        }
        if (rootNode == null) throw new IniFile.BadConfig(source + ": the file is empty");
        Y root = new Y("", rootNode);
        if (!(rootNode instanceof MappingNode)) {
            throw new IniFile.BadConfig(source + ":1: a Ramulator 2 config must be a mapping with a MemorySystem section");
        }
        Map<String, Y> top = c.map(root);
        Y msY = top.get("MemorySystem");
        if (msY == null) {
            throw new IniFile.BadConfig(source + ":1: MemorySystem is missing (a Ramulator 2 config: "
                    + "MemorySystem: {DRAM: {impl: DDR4, org: {...}, timing: {...}}, Controller: {...}, AddrMapper: {...}})");
        }
        Map<String, Y> ms = c.map(msY);
        Y dramY = ms.get("DRAM");
        if (dramY == null) throw c.bad(msY, "has no DRAM section");
        Map<String, Y> dram = c.map(dramY);
        Y implY = dram.get("impl");
        if (implY == null) throw c.bad(dramY, "has no impl (the DRAM standard: " + String.join(", ", sortedStandards()) + ")");
        String impl = c.scalar(implY);
        Standard s = STANDARDS.get(impl);
        if (s == null) {
            throw c.bad(implY, "'" + impl + "' is not a supported DRAM standard (supported: "
                    + String.join(", ", sortedStandards()) + ")");
        }
        Resolved r = new Resolved();
        resolveOrg(c, s, dram, dramY, r);
        resolveTiming(c, s, dram, dramY, r);

        // controller and address mapper
        Y ctrlY = ms.get("Controller");
        Map<String, Y> ctrl = c.optionalMap(ms, "Controller");
        Y ctrlAt = ctrlY == null ? msY.child("Controller") : ctrlY;
        Impl rowPolicy = c.impl(ctrl, ctrlAt, "RowPolicy", "OpenRowPolicy");
        Impl refresh = c.impl(ctrl, ctrlAt, "RefreshManager", "AllBank");
        Impl mapper = c.impl(ms, msY, "AddrMapper", "RoBaRaCoCh");
        return translate(c, s, Src.of(implY), r, rowPolicy, refresh, mapper);
    }

    private static List<String> sortedStandards() {
        return STANDARDS.keySet().stream().sorted().toList();
    }

    private static void resolveOrg(Ctx c, Standard s, Map<String, Y> dram, Y dramY, Resolved r) {
        Y orgY = dram.get("org");
        if (orgY == null) throw c.bad(dramY, "has no org (organization: preset and/or " + String.join(", ", s.levels()) + ")");
        Map<String, Y> org = c.map(orgY);
        int n = s.levels().size();
        r.counts = new int[n];
        Arrays.fill(r.counts, -1);
        r.countSrc = new Src[n];
        Y presetY = org.get("preset");
        if (presetY != null) {
            String name = c.scalar(presetY);
            Org p = s.orgs().get(name);
            if (p == null) {
                throw c.bad(presetY, "'" + name + "' is not a " + s.name() + " organization preset (known: "
                        + String.join(", ", s.orgs().keySet()) + ")");
            }
            r.counts = p.counts().clone();
            r.dq = p.dq();
            r.densityMb = p.densityMb();
            Src src = Src.of(presetY);
            Arrays.fill(r.countSrc, src);
            r.dqSrc = src;
            r.densitySrc = src;
        }
        r.channelWidth = s.defaultChannelWidth();
        r.channelWidthSrc = Src.of(orgY);
        for (Map.Entry<String, Y> e : org.entrySet()) {
            String k = e.getKey();
            Y v = e.getValue();
            int level = s.level(k);
            if (k.equals("preset")) continue;
            if (k.equals("dq")) {
                r.dq = positiveInt(c, v);
                r.dqSrc = Src.of(v);
            } else if (k.equals("density")) {
                r.densityMb = positiveInt(c, v);
                r.densitySrc = Src.of(v);
            } else if (k.equals("channel_width")) {
                r.channelWidth = positiveInt(c, v);
                r.channelWidthSrc = Src.of(v);
            } else if (level >= 0) {
                r.counts[level] = positiveInt(c, v);
                r.countSrc[level] = Src.of(v);
            } else {
                throw c.bad(v, "is not a " + s.name() + " organization key (preset, dq, density, channel_width, "
                        + String.join(", ", s.levels()) + ")");
            }
        }
        for (int i = 0; i < n; i++) {
            if (r.counts[i] < 0) throw c.bad(orgY, "gives no " + s.levels().get(i) + " count (no preset, no " + s.levels().get(i) + " key)");
        }
        if (r.dq < 0) throw c.bad(orgY, "gives no dq (no preset, no dq key)");
        if (r.densityMb < 0) throw c.bad(orgY, "gives no density (no preset, no density key)");
        // Ramulator 2's sanity check: the density (Mb) of a chip (HBM: of a channel) from its levels
        long bits = r.dq;
        for (int i = 0; i < n; i++) {
            String l = s.levels().get(i);
            if (!l.equals("channel") && !l.equals("rank")) bits *= r.counts[i];
        }
        if (bits >> 20 != r.densityMb) {
            Src d = r.densitySrc;
            throw new IniFile.BadConfig(c.source + ":" + d.line() + ": " + d.label() + " says " + r.densityMb
                    + " Mb, but the organization gives " + (bits >> 20) + " Mb (Ramulator 2 refuses this too)");
        }
    }

    private static int positiveInt(Ctx c, Y v) {
        int x = c.integer(v, "a whole number");
        if (x <= 0) throw c.bad(v, "must be > 0, got " + x);
        return x;
    }

    private static void resolveTiming(Ctx c, Standard s, Map<String, Y> dram, Y dramY, Resolved r) {
        Y timingY = dram.get("timing");
        if (timingY == null) throw c.bad(dramY, "has no timing (a preset, or rate and every timing)");
        Map<String, Y> timing = c.map(timingY);
        List<String> names = s.timings();
        r.t = new int[names.size()];
        Arrays.fill(r.t, -1);
        r.tSrc = new Src[names.size()];
        Y presetY = timing.get("preset");
        if (presetY != null) {
            String name = c.scalar(presetY);
            int[] p = s.speeds().get(name);
            if (p == null) {
                throw c.bad(presetY, "'" + name + "' is not a " + s.name() + " timing preset (known: "
                        + String.join(", ", s.speeds().keySet()) + ")");
            }
            r.t = p.clone();
            Arrays.fill(r.tSrc, Src.of(presetY));
        }
        int rateI = s.timing("rate");
        Y rateY = timing.get("rate");
        if (rateY != null) {
            if (presetY != null) throw c.bad(rateY, "cannot change the rate of a speed preset (Ramulator 2 refuses it too)");
            r.t[rateI] = positiveInt(c, rateY);
            r.tSrc[rateI] = Src.of(rateY);
        }
        if (r.t[rateI] < 2) throw c.bad(timingY, "gives no rate in MT/s (no preset, no rate key)");
        // Ramulator 2: tCK_ps = 1E6 / (rate / 2), the division of rate in integers
        r.tCkPs = (int) (1e6 / (r.t[rateI] / 2));
        r.t[s.timing("tCK_ps")] = r.tCkPs;
        r.tSrc[s.timing("tCK_ps")] = r.tSrc[rateI];
        r.derivedSrc = presetY != null ? Src.of(presetY) : Src.of(timingY);
        derive(s, r);
        // the user's values: nX in cycles, else tX in ns (JEDEC-rounded); not rate, not tCK_ps
        List<String> settable = names.subList(1, names.size() - 1);
        for (Map.Entry<String, Y> e : timing.entrySet()) {
            String k = e.getKey();
            if (k.equals("preset") || k.equals("rate")) continue;
            boolean cycles = settable.contains(k);
            boolean ns = k.startsWith("t") && settable.contains("n" + k.substring(1));
            if (!cycles && !ns) {
                throw c.bad(e.getValue(), "is not a " + s.name() + " timing (preset, rate, " + String.join(", ", settable)
                        + ", or the same with t for nanoseconds)");
            }
        }
        for (String n : settable) {
            int i = s.timing(n);
            Y cyc = timing.get(n);
            Y nsY = timing.get("t" + n.substring(1));
            if (cyc != null) {
                r.t[i] = c.integer(cyc, "a whole number of cycles");
                r.tSrc[i] = Src.of(cyc);
            } else if (nsY != null) {
                double ns = c.number(nsY, "a time in ns");
                if (ns < 0) throw c.bad(nsY, "must be >= 0 ns, got " + ns);
                r.t[i] = (int) jedecRounding(ns, r.tCkPs);
                r.tSrc[i] = Src.of(nsY);
            }
        }
        for (int i = 0; i < names.size(); i++) {
            if (r.t[i] == -1) {
                throw c.bad(timingY, "does not give " + names.get(i) + " (neither the preset nor Ramulator 2's JEDEC "
                        + "tables do; set " + names.get(i) + " in cycles or t" + names.get(i).substring(1) + " in ns)");
            }
        }
    }

    private static IniFile translate(Ctx c, Standard s, Src implSrc, Resolved r, Impl rowPolicy, Impl refresh,
                                     Impl mapper) {
        List<IniFile.Value> out = new ArrayList<>();
        class Put {
            void put(String section, String name, Object value, Src src) {
                out.add(new IniFile.Value(section, name, String.valueOf(value), src.line(), src.label()));
            }

            int t(String name) {
                return r.t[s.timing(name)];
            }

            Src ts(String name) {
                Src src = r.tSrc[s.timing(name)];
                // a preset's or a table's value: say which timing of it
                return src.label().endsWith("." + name) ? src : new Src(src.line(), src.label() + " (" + name + ")");
            }

            void timing(String ini, String ramulator) {
                put("timing", ini, t(ramulator), ts(ramulator));
            }
        }
        Put p = new Put();
        int ch = r.counts[s.level("channel")];
        Src chSrc = r.countSrc[s.level("channel")];
        int pch = s.level("pseudochannel") >= 0 ? r.counts[s.level("pseudochannel")] : 1;
        int rankI = s.level("rank");
        int ranks = rankI >= 0 ? r.counts[rankI] : 1;
        Src ranksSrc = rankI >= 0 ? r.countSrc[rankI] : chSrc;
        int bgI = s.level("bankgroup");
        int bg = r.counts[bgI];
        int ba = r.counts[s.level("bank")];
        int ro = r.counts[s.level("row")];
        int co = r.counts[s.level("column")];
        Src coSrc = r.countSrc[s.level("column")];
        for (int i = 0; i < r.counts.length; i++) {
            if (Integer.bitCount(r.counts[i]) != 1) {
                Src src = r.countSrc[i];
                throw new IniFile.BadConfig(c.source + ":" + src.line() + ": " + src.label()
                        + (src.label().endsWith(s.levels().get(i)) ? "" : " (" + s.levels().get(i) + ")")
                        + " must be a power of two, got " + r.counts[i]);
            }
        }

        // structure: DDR4 as DRAMsim3 (chips of dq bits on a channel_width bus, one rank per Ramulator
        // rank); HBM: the channel is one device channel_width bits wide, each HBM2 pseudo channel a channel
        int busWidth = r.channelWidth;
        int deviceWidth;
        int columns;  // DramConfig's physical columns: the row's bytes are columns x deviceWidth / 8
        int channels;
        Src channelsSrc;
        if (s.hbm()) {
            deviceWidth = busWidth;
            long cols = (long) co * r.dq;
            if (cols % busWidth != 0 || cols / busWidth < 2 || Long.bitCount(cols / busWidth) != 1) {
                Src w = r.channelWidthSrc;
                throw new IniFile.BadConfig(c.source + ":" + w.line() + ": " + w.label() + " (channel_width " + busWidth
                        + ") must divide a row of " + co + " columns x " + r.dq + " bits into a power of two of at least 2");
            }
            columns = (int) (cols / busWidth);
            channels = ch * pch;
            channelsSrc = pch > 1 ? r.countSrc[s.level("pseudochannel")] : chSrc;
        } else {
            deviceWidth = r.dq;
            columns = co;
            channels = ch;
            channelsSrc = chSrc;
        }
        int bl = 2 * p.t("nBL");
        if (bl > columns) {
            Src src = p.ts("nBL");
            throw new IniFile.BadConfig(c.source + ":" + src.line() + ": " + src.label() + " (" + p.t("nBL")
                    + " cycles, a burst of " + bl + ") is longer than a row of " + columns + " columns");
        }
        p.put("dram_structure", "protocol", s.name(), implSrc);
        p.put("dram_structure", "bankgroups", bg, r.countSrc[bgI]);
        p.put("dram_structure", "banks_per_group", ba, r.countSrc[s.level("bank")]);
        p.put("dram_structure", "rows", ro, r.countSrc[s.level("row")]);
        p.put("dram_structure", "columns", s.hbm() ? columns / 2 : columns, coSrc);  // DramConfig doubles HBM's
        p.put("dram_structure", "device_width", deviceWidth, s.hbm() ? r.channelWidthSrc : r.dqSrc);
        p.put("dram_structure", "BL", bl, p.ts("nBL"));
        if (s.hbm()) p.put("dram_structure", "hbm_dual_cmd", false, chSrc);  // one command per cycle, as Ramulator 2

        // size: DramConfig derives the ranks from channel_size (MB), as DRAMsim3; give it exactly ranks x rank size
        int devices = busWidth / deviceWidth;
        long pageBytes = (long) columns * deviceWidth / 8;
        long megsPerRank = pageBytes * (ro / 1024) / 1024 * bg * ba * Math.max(devices, 1);
        p.put("system", "channels", channels, channelsSrc);
        p.put("system", "bus_width", busWidth, r.channelWidthSrc);
        p.put("system", "channel_size", Math.max(1, ranks * megsPerRank), ranksSrc);

        // address mapping: Ramulator 2's linear mappers in DRAMsim3's spelling (most significant field first)
        int pchI = s.level("pseudochannel");
        Y mapperY = mapper.where();
        String mapping = switch (mapper.name()) {
            // channel, rank/pseudo channel, bank group, bank, row, column from the top (pseudo channels merge into the channel)
            case "ChRaBaRoCo" -> "chrabgbaroco";
            // from the bottom: channel, column, then the levels from rank (pseudo channel) to row
            case "RoBaRaCoCh" -> {
                if (pchI < 0 || pch == 1) yield "robabgracoch";
                if (ch == 1) yield "robabgchraco";
                throw c.bad(mapperY, "RoBaRaCoCh puts the channel below the column and the pseudo channel above it; "
                        + "Dramatis runs each pseudo channel as a channel, whose address bits must be contiguous "
                        + "(use ChRaBaRoCo, or channel: 1, or pseudochannel: 1)");
            }
            default -> throw c.bad(mapperY, "'" + mapper.name() + "' is not a supported address mapper (ChRaBaRoCo, RoBaRaCoCh)");
        };
        p.put("system", "address_mapping", mapping, Src.of(mapperY));
        String rowBuf = switch (rowPolicy.name()) {
            case "OpenRowPolicy" -> "OPEN_PAGE";
            case "ClosedRowPolicy" -> "CLOSE_PAGE";
            default -> throw c.bad(rowPolicy.where(), "'" + rowPolicy.name() + "' is not a supported row policy (OpenRowPolicy, ClosedRowPolicy)");
        };
        p.put("system", "row_buf_policy", rowBuf, Src.of(rowPolicy.where()));
        int banksPerChannel = ranks * bg * ba;
        String refreshPolicy = switch (refresh.name()) {
            case "AllBank" -> "RANK_LEVEL_SIMULTANEOUS";
            case "PerBank" -> {
                if (!s.hbm()) throw c.bad(refresh.where(), "PerBank needs per-bank refresh, which Ramulator 2's " + s.name() + " does not have");
                yield "BANK_LEVEL_STAGGERED";
            }
            default -> throw c.bad(refresh.where(), "'" + refresh.name() + "' is not a supported refresh manager (AllBank, PerBank)");
        };
        p.put("system", "refresh_policy", refreshPolicy, Src.of(refresh.where()));

        // timing, cycles of tCK
        Src ck = p.ts("tCK_ps");
        p.put("timing", "tCK", BigDecimal.valueOf(r.tCkPs).movePointLeft(3).toPlainString(), ck);
        p.put("timing", "AL", 0, ck);
        p.timing("CL", "nCL");
        p.timing("CWL", "nCWL");
        p.timing("tRP", "nRP");
        p.timing("tRAS", "nRAS");
        p.timing("tWR", "nWR");
        p.timing("tCCD_S", "nCCDS");
        p.timing("tCCD_L", "nCCDL");
        p.timing("tRRD_S", "nRRDS");
        p.timing("tRRD_L", "nRRDL");
        p.timing("tWTR_S", "nWTRS");
        p.timing("tWTR_L", "nWTRL");
        p.timing("tFAW", "nFAW");
        p.timing("tRFC", "nRFC");
        p.timing("tREFI", "nREFI");
        if (s.hbm()) {
            p.timing("tRCD", "nRCDRD");
            p.timing("tRCDRD", "nRCDRD");
            p.timing("tRCDWR", "nRCDWR");
            // a bank's read to precharge waits for both nRTPS and nRTPL in Ramulator 2
            String rtp = p.t("nRTPL") >= p.t("nRTPS") ? "nRTPL" : "nRTPS";
            p.timing("tRTP", rtp);
            // read to write = nCL + nBL + 2 - nCWL in Ramulator 2 (tWPRE = 1): DRAMsim3's tRTRS term
            p.put("timing", "tRTRS", 2, ck);
            p.timing("tRFCb", "nRFCSB");
            // Ramulator 2's PerBank: one bank after another, each once per nREFI
            p.put("timing", "tREFIb", Math.max(1, p.t("nREFI") / banksPerChannel), p.ts("nREFI"));
        } else {
            p.timing("tRCD", "nRCD");
            p.timing("tRCDRD", "nRCD");
            p.timing("tRCDWR", "nRCD");
            p.timing("tRTP", "nRTP");
            // rank to rank: nBL + nCS in Ramulator 2, burst + tRTRS in DRAMsim3
            p.timing("tRTRS", "nCS");
        }
        return IniFile.of(c.source, out);
    }
}
