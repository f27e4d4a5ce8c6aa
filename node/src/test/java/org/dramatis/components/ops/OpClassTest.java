package org.dramatis.components.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class OpClassTest {

    @Test
    void elementWiseCounts() {
        assertEquals(5, OpClass.SOFTMAX.opsPerElement(0));
        assertEquals(4, OpClass.RMS_NORM.opsPerElement(0));
        // top-k: 1 compare + ceil(log2 k) heap steps
        assertEquals(1, OpClass.TOP_K.opsPerElement(1));
        assertEquals(2, OpClass.TOP_K.opsPerElement(2));
        assertEquals(7, OpClass.TOP_K.opsPerElement(50)); // ceil(log2 50) = 6
        assertEquals(7, OpClass.TOP_K.opsPerElement(64));
        assertEquals(8, OpClass.TOP_K.opsPerElement(65));
    }

    @Test
    void computeChecksItsShape() {
        Compute c = new Compute(1, OpClass.GEMM, 2, 3, 4, 0, 0, 0, null);
        assertEquals(24, c.macs());
        assertThrows(IllegalStateException.class, () -> new Compute(2, OpClass.SOFTMAX, 2, 3, 0, 0, 0, 0, null).macs());
        assertThrows(IllegalArgumentException.class, () -> new Compute(3, OpClass.GEMV, 1, 3, 0, 0, 0, 0, null));
        assertThrows(IllegalArgumentException.class, () -> new Compute(4, OpClass.RESIDUAL_ADD, 1, 3, 0, 0, -1, 0, null));
    }
}
