package org.dramatis.components.ops;

/**
 * A request to compute one operation, sent by a controller to a compute component. The message
 * travels with {@code inBytes} (the input activations come with it); the answer ({@link Done})
 * travels with {@code outBytes}.
 *
 * @param opId        identifies the op in its program; echoed in {@link Done}
 * @param cls         what is computed
 * @param m           rows of the input (tokens) / rows of an element-wise op
 * @param n           output columns / elements per row
 * @param k           inner dimension of a matrix op; the k of {@link OpClass#TOP_K}; else unused
 * @param weightBytes bytes of the stationary operand (weights, or the KV cache of an attention GEMV)
 * @param inBytes     bytes of the input activations
 * @param outBytes    bytes of the result
 * @param weightKey   identity of the stationary operand, for components that keep it resident
 *                    (a CiM tile); null when it is not reused
 */
public record Compute(long opId, OpClass cls, long m, long n, long k, long weightBytes, long inBytes, long outBytes,
                      String weightKey) {

    public Compute {
        if (cls == null) throw new IllegalArgumentException("op " + opId + ": no op class");
        if (m < 1 || n < 1) throw new IllegalArgumentException("op " + opId + ": m and n must be >= 1, got " + m + ", " + n);
        if ((cls.isMatrix() || cls == OpClass.TOP_K) && k < 1) {
            throw new IllegalArgumentException("op " + opId + ": k must be >= 1 for " + cls);
        }
        if (weightBytes < 0 || inBytes < 0 || outBytes < 0) {
            throw new IllegalArgumentException("op " + opId + ": byte counts must be >= 0");
        }
    }

    /** Multiply-accumulates of a matrix op (m * n * k). */
    public long macs() {
        if (!cls.isMatrix()) throw new IllegalStateException("op " + opId + " (" + cls + ") has no MACs");
        return m * n * k;
    }

    /** Elements of an element-wise op (m * n). */
    public long elements() {
        return m * n;
    }

    /** Arithmetic operations of an element-wise op (elements * ops per element). */
    public long vectorOps() {
        return elements() * cls.opsPerElement(k);
    }
}
