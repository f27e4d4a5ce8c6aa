package org.dramatis.components.noc;

import java.util.ArrayList;
import java.util.List;

/**
 * One message for many endpoints of a mesh that all need the same input (an activation vector
 * broadcast to the units that each hold a slice of a weight matrix): the shared input travels
 * once on every link of the XY multicast tree, with one small descriptor per destination that
 * says which of {@code payloads} is its own (the op). Routers split it where the destinations'
 * XY routes part; the last router hands each endpoint an ordinary {@link Routed} message.
 *
 * <p>{@code dsts} and {@code payloads} are parallel lists; {@code src} is stamped by the first
 * router like a {@link Routed}'s.
 */
public record Multicast(List<NocAddress> dsts, List<Object> payloads, NocAddress src, long sharedBytes) {

    /** Per destination: its address and its op's id (assumption: one 8-byte descriptor). */
    public static final long DESCRIPTOR_BYTES = 8;

    public Multicast {
        if (dsts.isEmpty() || dsts.size() != payloads.size()) {
            throw new IllegalArgumentException("a multicast needs one payload per destination, got " + dsts.size()
                    + " destinations and " + payloads.size() + " payloads");
        }
        if (sharedBytes < 0) throw new IllegalArgumentException("shared bytes must be >= 0");
        // plain lists: the message may cross a partition boundary (Kryo)
        dsts = new ArrayList<>(dsts);
        payloads = new ArrayList<>(payloads);
    }

    /** Bytes on each link of the tree: header, one descriptor per destination, the shared input once. */
    public long wireBytes() {
        return Routed.HEADER_BYTES + DESCRIPTOR_BYTES * dsts.size() + sharedBytes;
    }
}
