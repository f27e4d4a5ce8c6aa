package org.dramatis.workload;

/**
 * How the next token is chosen from the logits.
 *
 * @param topK 1 for greedy (argmax); k > 1 keeps the k largest logits, normalises them and draws one
 */
public record Sampling(int topK) {

    public Sampling {
        if (topK < 1) throw new IllegalArgumentException("top-k must be >= 1, got " + topK);
    }

    public static Sampling greedy() {
        return new Sampling(1);
    }

    public static Sampling topK(int k) {
        return new Sampling(k);
    }

    /**
     * Operations to sample one token from {@code vocab} logits: argmax is one comparison per logit;
     * top-k keeps a heap of k (ceil(log2 k) comparisons per logit) and then a softmax over the k
     * kept (6 per value, as {@link OperatorGraphs} counts softmax).
     */
    long flopsPerSequence(long vocab) {
        if (topK == 1) return vocab;
        return vocab * ceilLog2(topK) + (long) OperatorGraphs.SOFTMAX_FLOPS * topK;
    }

    static int ceilLog2(long x) {
        return x <= 1 ? 0 : 64 - Long.numberOfLeadingZeros(x - 1);
    }
}
