package org.dramatis.components.noc;

/**
 * A message crossing a mesh NoC: a small header (destination, source) around a payload of
 * {@code payloadBytes}. An endpoint may leave {@code src} null; its router stamps its own
 * address on injection so that the receiver can answer.
 */
public record Routed(NocAddress dst, NocAddress src, Object payload, long payloadBytes) {

    /** Header on the wire: destination and source coordinates, length and type in one 8-byte head (assumption). */
    public static final long HEADER_BYTES = 8;

    public Routed {
        if (dst == null) throw new IllegalArgumentException("a routed message needs a destination");
        if (payloadBytes < 0) throw new IllegalArgumentException("payload bytes must be >= 0");
    }

    /** Bytes on each mesh link: header plus payload. */
    public long wireBytes() {
        return payloadBytes + HEADER_BYTES;
    }
}
