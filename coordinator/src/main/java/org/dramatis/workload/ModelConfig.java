package org.dramatis.workload;

/**
 * The shape of a decoder-only transformer, as read from a Hugging Face {@code config.json} by
 * {@link ModelLoader}. Everything the operator graphs and the KV cache need, nothing about weights.
 *
 * @param name             the model's name (file name without {@code .json})
 * @param source           where it was read from (file path or class-path resource), for messages
 * @param family           the architecture
 * @param hiddenSize       width of the residual stream ({@code hidden_size})
 * @param layers           decoder layers ({@code num_hidden_layers})
 * @param heads            query heads ({@code num_attention_heads})
 * @param kvHeads          key/value heads ({@code num_key_value_heads}; fewer than {@code heads} is GQA)
 * @param headDim          width of one head ({@code head_dim}, else hidden / heads)
 * @param intermediateSize FFN width ({@code intermediate_size}; OPT: {@code ffn_dim})
 * @param vocabSize        vocabulary ({@code vocab_size})
 * @param maxPositions     longest context the model was trained for ({@code max_position_embeddings})
 * @param activation       FFN kind
 * @param norm             normalisation kind
 * @param positional       positional encoding
 * @param tiedEmbeddings   the LM head shares the token embedding table ({@code tie_word_embeddings})
 * @param qkNorm           RMSNorm over each head of Q and K before RoPE (Qwen3)
 * @param attentionBias    the Q/K/V/O projections carry biases (OPT; {@code attention_bias} elsewhere)
 * @param ffnBias          the FFN projections carry biases (OPT; {@code mlp_bias} elsewhere)
 * @param embeddingDim     width of the token embedding ({@code word_embed_proj_dim} for OPT, projected
 *                         to and from {@code hiddenSize} when different; else {@code hiddenSize})
 * @param preNorm          normalise before attention and FFN (all but OPT-350m:
 *                         {@code do_layer_norm_before})
 * @param finalNorm        a norm after the last layer (OPT has none when it is post-norm)
 */
public record ModelConfig(
        String name,
        String source,
        ModelFamily family,
        int hiddenSize,
        int layers,
        int heads,
        int kvHeads,
        int headDim,
        int intermediateSize,
        int vocabSize,
        int maxPositions,
        Activation activation,
        NormKind norm,
        Positional positional,
        boolean tiedEmbeddings,
        boolean qkNorm,
        boolean attentionBias,
        boolean ffnBias,
        int embeddingDim,
        boolean preNorm,
        boolean finalNorm) {

    /** FFN kinds. */
    public enum Activation {
        /** SiLU-gated: down(silu(gate(x)) * up(x)); three weight matrices (Llama, Mistral, Qwen). */
        SWIGLU,
        /** fc2(relu(fc1(x))); two weight matrices (OPT). */
        RELU
    }

    /** Normalisation kinds. */
    public enum NormKind {
        /** x / rms(x) * gain (Llama, Mistral, Qwen). */
        RMS_NORM,
        /** (x - mean) / std * gain + bias (OPT). */
        LAYER_NORM
    }

    /** Positional encodings. */
    public enum Positional {
        /** Rotary embedding applied to Q and K in every layer. */
        ROPE,
        /** A learned position embedding added once to the input (OPT). */
        LEARNED
    }

    public ModelConfig {
        requirePositive("hiddenSize", hiddenSize);
        requirePositive("layers", layers);
        requirePositive("heads", heads);
        requirePositive("kvHeads", kvHeads);
        requirePositive("headDim", headDim);
        requirePositive("intermediateSize", intermediateSize);
        requirePositive("vocabSize", vocabSize);
        requirePositive("maxPositions", maxPositions);
        requirePositive("embeddingDim", embeddingDim);
        if (heads % kvHeads != 0) {
            throw new IllegalArgumentException(name + ": heads " + heads + " not a multiple of kvHeads " + kvHeads);
        }
    }

    private static void requirePositive(String what, int v) {
        if (v <= 0) throw new IllegalArgumentException(what + " must be > 0, got " + v);
    }

    /** Width of all query heads together: heads * headDim. */
    public int queryDim() {
        return heads * headDim;
    }

    /** Width of all key (or value) heads together: kvHeads * headDim. */
    public int kvDim() {
        return kvHeads * headDim;
    }

    /** Query heads that share one KV head (1 without GQA). */
    public int queriesPerKvHead() {
        return heads / kvHeads;
    }

    /** Grouped-query attention: fewer KV heads than query heads. */
    public boolean isGqa() {
        return kvHeads < heads;
    }

    /** Parameters of one decoder layer: projections, FFN, norms, biases. */
    public long layerParameters() {
        long h = hiddenSize, q = queryDim(), kv = kvDim(), f = intermediateSize;
        long attention = h * q + 2 * h * kv + q * h;
        if (attentionBias) attention += q + 2 * kv + h;
        long ffn = activation == Activation.SWIGLU ? 3 * h * f : 2 * h * f;
        if (ffnBias) ffn += activation == Activation.SWIGLU ? 2 * f + h : f + h;
        long norms = 2 * normParameters(h);
        if (qkNorm) norms += 2L * headDim;
        return attention + ffn + norms;
    }

    /** Parameters of one norm over {@code width} values: a gain, plus a bias for LayerNorm. */
    long normParameters(long width) {
        return norm == NormKind.LAYER_NORM ? 2 * width : width;
    }

    /**
     * All parameters: token embedding, learned positions (OPT's table has 2 extra rows, an offset
     * kept from fairseq), embedding projections, layers, final norm, and the LM head unless tied.
     */
    public long parameterCount() {
        long h = hiddenSize, e = embeddingDim, v = vocabSize;
        long total = v * e + (long) layers * layerParameters();
        if (positional == Positional.LEARNED) total += (maxPositions + 2L) * h;
        if (e != h) total += 2 * h * e;
        if (finalNorm) total += normParameters(h);
        if (!tiedEmbeddings) total += v * e;
        return total;
    }
}
