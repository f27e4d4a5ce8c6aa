package org.dramatis.mapping;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dramatis.workload.Operator;

/**
 * Which earlier operators each operator of a step needs: the data dependencies of a decoder layer,
 * by operator name. An operator waits for the most recent earlier operator of each name it reads
 * in the same layer; {@code layer_input} is the operator that produced the layer's input. An
 * operator with no such input (model-level ones, or a name not listed) waits for the one before
 * it. With true dependencies, independent operators overlap when they run on different units
 * (the value projection with attention scores, as HPIM's intra-token pipeline does); a serial
 * mapping chains every operator to the one before it instead.
 */
public final class Dataflow {

    static final String LAYER_INPUT = "layer_input";

    private static final Map<String, List<String>> INPUTS = Map.ofEntries(
            Map.entry("q_proj", List.of("attn_norm", LAYER_INPUT)),
            Map.entry("k_proj", List.of("attn_norm", LAYER_INPUT)),
            Map.entry("v_proj", List.of("attn_norm", LAYER_INPUT)),
            Map.entry("q_norm", List.of("q_proj")),
            Map.entry("k_norm", List.of("k_proj")),
            Map.entry("rope", List.of("q_proj", "k_proj", "q_norm", "k_norm")),
            Map.entry("kv_append", List.of("k_proj", "v_proj", "k_norm", "rope")),
            Map.entry("page_summary", List.of("kv_append")),
            Map.entry("page_select", List.of("q_proj", "q_norm", "rope", "page_summary")),
            Map.entry("attn_score", List.of("q_proj", "k_proj", "q_norm", "k_norm", "rope", "page_select")),
            Map.entry("softmax", List.of("attn_score")),
            Map.entry("attn_value", List.of("softmax", "v_proj")),
            Map.entry("o_proj", List.of("attn_value")),
            Map.entry("attn_residual", List.of("o_proj")),
            Map.entry("gate_proj", List.of("ffn_norm", "attn_norm")),
            Map.entry("up_proj", List.of("ffn_norm", "attn_norm")),
            Map.entry("fc1", List.of("ffn_norm", "attn_norm")));

    private Dataflow() {}

    /** For each operator, the indices of the operators it waits for. */
    public static List<List<Integer>> dependencies(List<Operator> ops, boolean serial) {
        List<List<Integer>> deps = new ArrayList<>(ops.size());
        Map<String, Integer> latestInLayer = new HashMap<>();
        int layer = Integer.MIN_VALUE;
        int layerInput = -1;
        for (int i = 0; i < ops.size(); i++) {
            Operator op = ops.get(i);
            if (op.layer() != layer) {
                layer = op.layer();
                latestInLayer.clear();
                layerInput = i - 1;
            }
            List<Integer> d = new ArrayList<>();
            List<String> inputs = serial ? null : INPUTS.get(op.name());
            if (inputs != null && op.layer() != Operator.NO_LAYER) {
                for (String in : inputs) {
                    Integer j = in.equals(LAYER_INPUT) ? (layerInput >= 0 ? layerInput : null) : latestInLayer.get(in);
                    if (j != null && !d.contains(j)) d.add(j);
                }
                if (inputs.contains(LAYER_INPUT) && d.size() > 1) d.remove(Integer.valueOf(layerInput));
            }
            if (d.isEmpty() && i > 0) d.add(i - 1);
            deps.add(d);
            latestInLayer.put(op.name(), i);
        }
        return deps;
    }
}
