package org.dramatis.components;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /** Every preset a kind offers ({@code defaults()}, {@code isaac()}...) meets the bounds its record declares. */
    @Test
    void everyPresetMeetsItsKindsBounds() throws Exception {
        int presets = 0;
        for (ComponentKinds.Kind<?> kind : ComponentKinds.all().values()) {
            for (Method m : kind.params().getDeclaredMethods()) {
                if (!Modifier.isStatic(m.getModifiers()) || m.getParameterCount() > 0 || m.getReturnType() != kind.params()) continue;
                m.setAccessible(true);
                ((ComponentParams) m.invoke(null)).validate();
                presets++;
            }
        }
        assertTrue(presets >= 10, "presets found: " + presets);
    }

    // a message starting with a key and a bound is what Bounds words: such a check is declared, not written
    private static final Pattern HAND_WRITTEN_BOUND = Pattern.compile("\"[a-z0-9_]+ must be (>|>=|in) ");

    /** No kind's source writes out a bound on one parameter; it declares it (@AtLeast, @Positive, @Range). */
    @Test
    void noKindWritesOutASimpleBound() throws IOException {
        for (ComponentKinds.Kind<?> kind : ComponentKinds.all().values()) {
            Path source = Path.of("src/main/java", kind.params().getEnclosingClass().getName().replace('.', '/') + ".java");
            assertTrue(Files.isRegularFile(source), source.toAbsolutePath().toString());
            Matcher m = HAND_WRITTEN_BOUND.matcher(Files.readString(source));
            assertFalse(m.find(), () -> source + ": " + m.group());
        }
    }
}
