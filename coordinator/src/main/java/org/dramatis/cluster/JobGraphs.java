package org.dramatis.cluster;

import org.dramatis.engine.Graph;
import org.dramatis.proto.Job;
import org.dramatis.topology.TopologyLoader;

/**
 * Builds a job's component graph; a node and the coordinator build the same graph (same ids)
 * from the same job. Workload jobs (the {@code workload} bytes) plug in here.
 */
public final class JobGraphs {

    private JobGraphs() {}

    public static Graph build(Job job) {
        if (!job.getWorkload().isEmpty()) {
            throw new IllegalStateException("this node cannot build workload jobs yet (job " + job.getId() + ")");
        }
        return TopologyLoader.parse(job.getTopologyOrigin(), job.getTopologyText(), job.getOverridesList()).toGraph();
    }
}
