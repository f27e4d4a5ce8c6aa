package org.dramatis.components.noc;

import org.dramatis.engine.LinkSpec;

/**
 * Link presets with their provenance. Every figure is per direction; a topology may override any
 * of them. Latencies are one-way flight times after serialisation.
 */
public final class Links {

    private Links() {}

    /** Bytes per second of one PCIe 6.0 / CXL 3 lane per direction (CENT simulator: 8 GB/s per lane). */
    public static final double PCIE_LANE_BYTES_PER_SECOND = 8e9;
    /** CENT: one-hop CXL round trip 180 ns, so 90 ns one way. */
    public static final long CXL_ONE_HOP_PS = 90_000;
    /**
     * Added one-way latency per further CXL switch traversal. Assumption: Pond (Li et al., ASPLOS
     * 2023) estimates that a CXL switch adds at least about 70 ns.
     */
    public static final long CXL_SWITCH_HOP_PS = 70_000;
    /** CENT: CXL link energy 4.4 pJ/bit. */
    public static final double CXL_PJ_PER_BIT = 4.4;

    /**
     * 2.5D silicon-interposer link between a logic die and an HBM stack. Energy 0.3 pJ/bit
     * (AttAcc energy table, "interposer IO"); latency 2 ns (assumption: the UCIe 1.0 die-to-die
     * latency target is under 2 ns); bandwidth as given (AttAcc: 670.4 GB/s per HBM3 stack).
     */
    public static LinkSpec interposer(double bytesPerSecond) {
        return new LinkSpec(2_000, bytesPerSecond, 0.3);
    }

    /** {@link #interposer} at one AttAcc HBM3 stack's external bandwidth, 670.4 GB/s. */
    public static LinkSpec interposerHbm3Stack() {
        return interposer(670.4e9);
    }

    /**
     * UCIe advanced-package die-to-die link of {@code modules} x64 modules at 32 GT/s:
     * 64 lanes * 32 Gb/s / 8 = 256 GB/s per module per direction; 0.5 pJ/bit and 2 ns
     * (UCIe 1.0 specification white paper targets for the advanced package).
     */
    public static LinkSpec ucieAdvanced(int modules) {
        if (modules < 1) throw new IllegalArgumentException("UCIe modules must be >= 1, got " + modules);
        return new LinkSpec(2_000, modules * 256e9, 0.5);
    }

    /**
     * Through-silicon vias between stacked dies. Energy 0.5 pJ/bit (AttAcc energy table, "TSV");
     * latency 1 ns (assumption: one interface pipeline stage; the via's own RC delay is a few ps).
     */
    public static LinkSpec tsv(double bytesPerSecond) {
        return new LinkSpec(1_000, bytesPerSecond, 0.5);
    }

    /**
     * Hybrid-bonded (Cu-Cu, fine-pitch) vertical connection between a DRAM die and a logic die.
     * Energy 0.05 pJ/bit (assumption: published fine-pitch hybrid-bonding interfaces, e.g. Intel
     * Foveros Direct and TSMC SoIC, claim below about 0.05 pJ/bit); latency 1 ns (assumption, as
     * {@link #tsv}); bandwidth as given (H2-LLM: 25.6 GB/s bank-to-unit).
     */
    public static LinkSpec hybridBond(double bytesPerSecond) {
        return new LinkSpec(1_000, bytesPerSecond, 0.05);
    }

    /**
     * PCIe 6.0 link of {@code lanes} lanes: 8 GB/s per lane (CENT). Latency and energy assumed
     * equal to CENT's CXL link (CXL runs over the same PHY): 90 ns one way, 4.4 pJ/bit.
     */
    public static LinkSpec pcie(int lanes) {
        return cxl(lanes, 0);
    }

    /**
     * CXL link of {@code lanes} lanes through one switch (CENT's one-hop path: 180 ns round trip,
     * 4.4 pJ/bit, 8 GB/s per lane) plus {@code extraSwitchHops} further switches of
     * {@link #CXL_SWITCH_HOP_PS} each.
     */
    public static LinkSpec cxl(int lanes, int extraSwitchHops) {
        if (lanes < 1) throw new IllegalArgumentException("lanes must be >= 1, got " + lanes);
        if (extraSwitchHops < 0) throw new IllegalArgumentException("switch hops must be >= 0, got " + extraSwitchHops);
        return new LinkSpec(CXL_ONE_HOP_PS + extraSwitchHops * CXL_SWITCH_HOP_PS, lanes * PCIE_LANE_BYTES_PER_SECOND,
                CXL_PJ_PER_BIT);
    }

    /**
     * GDDR6 DQ pins between a device's channels and its controller: 5.5 pJ/bit (CENT); latency
     * 1 ns (assumption: board/package flight plus I/O retiming).
     */
    public static LinkSpec gddr6Dq(double bytesPerSecond) {
        return new LinkSpec(1_000, bytesPerSecond, 5.5);
    }

    /**
     * One on-chip mesh link: 32 bytes per cycle at 1 GHz = 32 GB/s, 1 ns (one link pipeline stage);
     * 0.15 pJ/bit for about 1 mm of wire (assumption: Keckler et al., IEEE Micro 2011, give about
     * 150 fJ/bit/mm for on-chip wires at 40 nm).
     */
    public static LinkSpec nocLink() {
        return new LinkSpec(1_000, 32e9, 0.15);
    }
}
