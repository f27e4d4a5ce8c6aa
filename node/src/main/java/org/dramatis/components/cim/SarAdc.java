package org.dramatis.components.cim;

/**
 * How a successive-approximation ADC's conversion time and energy scale with its resolution, as
 * NeuroSim V1.4 models it ({@code Inference_pytorch/NeuroSIM/SarADC.cpp}, neurosim/DNN_NeuroSim_V1.4
 * at ac828e67): a conversion takes {@code b + 1} cycles (one sample, one per bit; L131) and draws
 * {@code (alpha * b + beta)} uW for that time (L242), with the 22 nm high-performance fit
 * {@code alpha = 0.721, beta = 3.30}. The column-resistance term of NeuroSim's power is left out:
 * it does not depend on {@code b}.
 *
 * <p>Only ratios are used: a tile states its ADC's conversion time and energy at one resolution
 * (its {@code adc_reference_bits}, e.g. ISAAC's 8-bit ADC) and these laws carry them to
 * {@code adc_bits}. Against the ISAAC-derived rows of hwcomponents-library ({@code isaac.py}:
 * 0.79, 1.20, 1.67, 2.38 pJ at 4, 6, 8, 10 bits) the energy ratios to 8 bits agree within 10% at
 * 6 and 10 bits; at 4 bits this law gives 0.38 where the rows give 0.47.
 */
public final class SarAdc {
    private static final double ALPHA_UW_PER_BIT = 0.721;
    private static final double BETA_UW = 3.30;

    private SarAdc() {}

    /** Conversion time at {@code bits} over that at {@code referenceBits}. */
    public static double timeRatio(int bits, int referenceBits) {
        return (bits + 1.0) / (referenceBits + 1.0);
    }

    /** Energy per conversion at {@code bits} over that at {@code referenceBits}. */
    public static double energyRatio(int bits, int referenceBits) {
        return energy(bits) / energy(referenceBits);
    }

    private static double energy(int bits) {
        return (ALPHA_UW_PER_BIT * bits + BETA_UW) * (bits + 1);
    }
}
