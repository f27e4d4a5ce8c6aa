package org.dramatis.components.ops;

import org.dramatis.engine.ComponentParams;

/**
 * What a mapping needs from a compute unit's parameters to cut work to fit it. A kind's
 * parameter record implements it when its figures differ from the defaults: a unit with no local
 * buffer of its own and a matrix op split by output columns over the units.
 */
public interface UnitParams extends ComponentParams {

    /** A piece of an m x k by k x n product that one unit takes at a time. */
    record MatmulBlock(long k, long n) {}

    /** Memory of its own that streamed operands must fit (0: only the controller's buffer bounds them). */
    default long localBufferBytes() {
        return 0;
    }

    /**
     * The block of a k x n weight matrix of {@code weightBits} per weight (activations of
     * {@code activationBytes} each) that one unit holds at a time, when the unit takes its matrix
     * operand into arrays as weights and so must cut it into blocks (the partial sums of cut rows
     * are added on a vector unit); null when it streams the operand and the op is split by output
     * columns instead.
     */
    default MatmulBlock matmulBlock(long k, long n, int weightBits, int activationBytes) {
        return null;
    }

    /** The figures of a kind whose parameter record declares none. */
    UnitParams DEFAULTS = new UnitParams() {};

    /** The figures of {@code p}, or the defaults when its kind declares none. */
    static UnitParams of(ComponentParams p) {
        return p instanceof UnitParams u ? u : DEFAULTS;
    }
}
