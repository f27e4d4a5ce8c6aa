package org.dramatis.cluster;

/** A cluster run that cannot go on (no cluster, a node lost without a checkpoint, no node left): one line. */
public final class ClusterFailure extends RuntimeException {
    public ClusterFailure(String message) {
        super(message);
    }
}
