package org.dramatis.components.ops;

/**
 * The answer to a {@link Compute}: the op started being served at {@code startPs} (after any
 * queueing) and its result was ready at {@code finishPs}; it arrives after the reply link's time.
 * {@code energyPj} is the dynamic energy the unit charged for the op, when the unit meters its
 * ops ({@link OpUnit#meterOps}), else NaN.
 */
public record Done(long opId, long startPs, long finishPs, double energyPj) {}
