package org.dramatis.engine;

/**
 * Parameters of one direction of a link.
 *
 * @param latencyPs      flight time after serialisation, must be positive (the engine's lookahead
 *                       comes from it)
 * @param bytesPerSecond serialisation bandwidth; {@link Double#POSITIVE_INFINITY} for none
 * @param pjPerBit       energy charged per bit carried
 */
public record LinkSpec(long latencyPs, double bytesPerSecond, double pjPerBit) {

    public LinkSpec {
        if (latencyPs <= 0) throw new IllegalArgumentException("link latency must be > 0 ps, got " + latencyPs);
        if (!(bytesPerSecond > 0)) throw new IllegalArgumentException("link bandwidth must be > 0, got " + bytesPerSecond);
        if (!(pjPerBit >= 0)) throw new IllegalArgumentException("link energy must be >= 0 pJ/bit, got " + pjPerBit);
    }

    /** Serialisation time of {@code bytes}, rounded up to whole picoseconds. */
    public long serialisationPs(long bytes) {
        if (bytes <= 0 || bytesPerSecond == Double.POSITIVE_INFINITY) return 0;
        return (long) Math.ceil(bytes * 1e12 / bytesPerSecond);
    }

    /** Bandwidth in GB/s (10^9 bytes per second). */
    public double gbps() {
        return bytesPerSecond / 1e9;
    }
}
