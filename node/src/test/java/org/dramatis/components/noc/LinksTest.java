package org.dramatis.components.noc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.dramatis.engine.LinkSpec;
import org.junit.jupiter.api.Test;

class LinksTest {

    @Test
    void cxlPresetsFollowCent() {
        LinkSpec x16 = Links.cxl(16, 0);
        assertEquals(180_000, 2 * x16.latencyPs(), "CENT: 180 ns one-hop round trip");
        assertEquals(128e9, x16.bytesPerSecond(), "16 lanes * 8 GB/s");
        assertEquals(4.4, x16.pjPerBit());
        assertEquals(90_000 + 2 * 70_000, Links.cxl(16, 2).latencyPs());
        assertEquals(x16, Links.pcie(16));
    }

    @Test
    void dieToDiePresets() {
        assertEquals(0.3, Links.interposerHbm3Stack().pjPerBit());
        assertEquals(670.4e9, Links.interposerHbm3Stack().bytesPerSecond());
        assertEquals(0.5, Links.tsv(100e9).pjPerBit());
        assertEquals(512e9, Links.ucieAdvanced(2).bytesPerSecond());
        // 1 KiB over a 25.6 GB/s hybrid bond: 40 ns of serialisation
        assertEquals(40_000, Links.hybridBond(25.6e9).serialisationPs(1024));
    }
}
