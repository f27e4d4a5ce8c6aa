package org.dramatis.components.ops;

/**
 * A request for {@code bytes} of stationary data (weights) named {@code weightKey}, answered
 * with a {@link WeightData} of that size on the same port. The request itself is
 * {@link #REQUEST_BYTES} on the wire.
 */
public record Fetch(long opId, String weightKey, long bytes) {
    /** Address, length and key id of a read request (assumption: one 16-byte command). */
    public static final long REQUEST_BYTES = 16;
}
