package org.dramatis.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dramatis.workload.ModelLoader;
import org.dramatis.workload.Operator;
import org.dramatis.workload.OperatorGraphs;
import org.dramatis.workload.WorkloadOptions;
import org.junit.jupiter.api.Test;

class DataflowTest {

    static int index(List<Operator> ops, int layer, String name) {
        for (int i = 0; i < ops.size(); i++) if (ops.get(i).layer() == layer && ops.get(i).name().equals(name)) return i;
        throw new AssertionError(name);
    }

    @Test
    void attentionScoresDoNotWaitForTheValueProjection() {
        List<Operator> ops = OperatorGraphs.decode(ModelLoader.load("opt-1.3b"), WorkloadOptions.defaults(), 1, 512).operators();
        List<List<Integer>> deps = Dataflow.dependencies(ops, false);
        int v = index(ops, 3, "v_proj");
        int k = index(ops, 3, "k_proj");
        int q = index(ops, 3, "q_proj");
        int score = index(ops, 3, "attn_score");
        int value = index(ops, 3, "attn_value");
        assertFalse(deps.get(score).contains(v));
        assertTrue(deps.get(value).contains(v));
        // the three projections read the same normalised input, so none waits for another
        assertEquals(deps.get(q), deps.get(k));
        assertEquals(deps.get(q), deps.get(v));
        // serial: every operator waits for the one before it
        List<List<Integer>> serial = Dataflow.dependencies(ops, true);
        for (int i = 1; i < ops.size(); i++) assertEquals(List.of(i - 1), serial.get(i));
    }
}
