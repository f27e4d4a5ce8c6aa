package org.dramatis.workload;

/**
 * Storage precision of weights or of the KV cache. Activations are always FP16.
 *
 * <p>Quantised formats are counted at their element width only: per-group scales and zero points
 * (for example one FP16 scale per 128 INT4 weights, +3%) are not counted.
 */
public enum Precision {
    FP16(16),
    INT8(8),
    INT4(4);

    private final int bits;

    Precision(int bits) {
        this.bits = bits;
    }

    public int bits() {
        return bits;
    }

    /** Bytes that {@code elements} values occupy, rounded up to a whole byte. */
    public long bytes(long elements) {
        return (elements * bits + 7) / 8;
    }
}
