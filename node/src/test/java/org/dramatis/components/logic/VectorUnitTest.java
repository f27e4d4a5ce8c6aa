package org.dramatis.components.logic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.dramatis.components.ops.Compute;
import org.dramatis.components.ops.Driver;
import org.dramatis.components.ops.OpClass;
import org.dramatis.engine.SimResult;
import org.junit.jupiter.api.Test;

class VectorUnitTest {

    @Test
    void softmaxTimeAndEnergyAndFifoQueueing() {
        // softmax over 4 rows of 1000 FP16: 4000 elements * 5 ops = 20000 ops; 16 lanes -> 1250 cycles;
        // at 2 GHz (500 ps) -> 625 ns. In and out 8000 B each.
        Compute a = new Compute(1, OpClass.SOFTMAX, 4, 1000, 0, 0, 8000, 8000, null);
        Compute b = new Compute(2, OpClass.SOFTMAX, 4, 1000, 0, 0, 8000, 8000, null);
        Driver d = new Driver(List.of(a, b));
        SimResult r = Driver.run(d, new VectorUnit(VectorUnit.Params.defaults()));
        // both arrive at 1 ns; a: 1 ns .. 626 ns; b waits, then 626 .. 1251 ns; +1 ns back
        assertEquals(1_000, d.answers.get(0).done().startPs());
        assertEquals(627_000, d.answers.get(0).arrivedPs());
        assertEquals(626_000, d.answers.get(1).done().startPs());
        assertEquals(1_252_000, d.answers.get(1).arrivedPs());
        // energy: 2 ops * (20000 ops * 1 pJ + 16000 B * 1.25 pJ) = 2 * 40000 pJ
        assertEquals(80_000.0, r.simulated().get("energy_pj").asDouble(), 1e-6);
        assertEquals(1, r.simulated().get("components").get("unit").get("max_queue").asLong(), "b waited behind a");
    }

    @Test
    void matrixOpsAreRejected() {
        Driver d = new Driver(List.of(new Compute(1, OpClass.GEMV, 1, 8, 8, 128, 16, 16, null)));
        assertThrows(IllegalArgumentException.class, () -> Driver.run(d, new VectorUnit(VectorUnit.Params.defaults())));
    }
}
