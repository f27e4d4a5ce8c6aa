package org.dramatis.engine;

/**
 * One direction of a link at run time. It lives in the sender's partition, so its queue (the
 * time it next becomes free) only ever changes in the sender's deterministic event order.
 */
final class Channel {
    final String link;
    final int src;
    final int dst;
    final int dstInPort;
    final LinkSpec spec;
    final int dstPartition;
    long freeAt;
    long messages;
    long bytes;
    long busyPs;

    Channel(String link, int src, int dst, int dstInPort, LinkSpec spec, int dstPartition) {
        this.link = link;
        this.src = src;
        this.dst = dst;
        this.dstInPort = dstInPort;
        this.spec = spec;
        this.dstPartition = dstPartition;
    }

    /** Reserves the link for one message departing no earlier than {@code readyPs}; returns its delivery time. */
    long carry(long readyPs, long sizeBytes) {
        long depart = Math.max(readyPs, freeAt);
        long ser = spec.serialisationPs(sizeBytes);
        freeAt = depart + ser;
        messages++;
        bytes += sizeBytes;
        busyPs += ser;
        return depart + ser + spec.latencyPs();
    }

    /**
     * Reserves the link for a message passed on as it streams in: the head departs at
     * {@code headReadyPs} or when the link frees, the tail no earlier than {@code tailReadyPs}.
     * Delivery (of the tail) is never earlier than {@code tailReadyPs} plus the latency, which
     * keeps the lookahead: a cut-through message still takes one link latency after it was handled.
     */
    long carryCutThrough(long headReadyPs, long tailReadyPs, long sizeBytes) {
        long depart = Math.max(headReadyPs, freeAt);
        long ser = spec.serialisationPs(sizeBytes);
        long end = Math.max(depart + ser, tailReadyPs);
        freeAt = end;
        messages++;
        bytes += sizeBytes;
        busyPs += ser;
        return end + spec.latencyPs();
    }

    double energyPj() {
        return bytes * 8.0 * spec.pjPerBit();
    }
}
