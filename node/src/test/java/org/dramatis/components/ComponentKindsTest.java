package org.dramatis.components;

import java.util.List;
import org.dramatis.components.cim.CimTile;
import org.dramatis.components.gpu.Gpu;
import org.dramatis.components.logic.Controller;
import org.dramatis.components.logic.Program;
import org.dramatis.components.logic.VectorUnit;
import org.dramatis.components.noc.Router;
import org.dramatis.components.sram.SramPimCore;
import org.dramatis.engine.ComponentParams;
import org.junit.jupiter.api.Test;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every compute and interconnect kind is registered under the name its components report. */
class ComponentKindsTest {

    @Test
    void eachKindIsConstructibleFromItsParamsAlone() {
        List<ComponentParams> params = List.of(CimTile.Params.isaac(), SramPimCore.Params.hpim(),
                VectorUnit.Params.defaults(), Controller.Params.of(Program.EMPTY), Router.Params.at(1, 2),
                Gpu.Params.a100Hbm3());
        List<String> names = List.of("cim_tile", "sram_pim_core", "vector_unit", "controller", "router", "gpu");
        for (int i = 0; i < params.size(); i++) {
            ComponentKinds.Kind<?> kind = ComponentKinds.get(names.get(i));
            assertEquals(params.get(i).getClass(), kind.params(), names.get(i));
            assertEquals(names.get(i), kind.create(params.get(i)).kind());
        }
    }

    @Test
    void describedFigures() {
        // HPIM core: 64 x 64 MACs per cycle at 1 GHz; 384 KB
        assertEquals(4096e9, SramPimCore.Params.hpim().peakMacsPerSecond(), 1);
        assertEquals(384 * 1024, SramPimCore.Params.hpim().capacityBytes());
        assertEquals(156e12, Gpu.Params.a100Hbm3().peakMacsPerSecond(), 1);
        assertEquals(80L << 30, Gpu.Params.h100().capacityBytes());
    }
}
