package org.dramatis.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.pattern.Patterns;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.ClusterSharding;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Leave;
import org.dramatis.engine.Graph;
import org.dramatis.engine.Partitioning;
import org.dramatis.engine.SimResult;
import org.dramatis.proto.Job;
import org.dramatis.proto.PartitionCommand;

/**
 * The coordinator's membership of a running cluster: joins it with role {@code coordinator},
 * waits for nodes, runs jobs on them through Cluster Sharding, and leaves.
 */
public final class ClusterSession implements AutoCloseable {

    /** How long joining and waiting for nodes may take. */
    static final Duration JOIN_TIMEOUT = Duration.ofSeconds(60);
    private static final AtomicInteger JOBS = new AtomicInteger();

    private final String seed;
    private final org.apache.pekko.actor.ActorSystem classic;
    private final ActorSystem<Void> system;
    private final ActorRef<PartitionCommand> region;

    /** What a cluster run produced besides its result. */
    public record Run(SimResult result, List<String> nodes, Map<String, Long> peakHeapByNode,
                      int recoveries) {}

    /**
     * Joins the cluster at {@code seed} ({@code HOST:PORT}) and waits until at least {@code minNodes}
     * nodes are up.
     */
    public ClusterSession(String seed, int minNodes, boolean verbose) {
        this.seed = seed;
        String host = ClusterConfig.hostPort("--cluster", seed)[0];
        this.classic = org.apache.pekko.actor.ActorSystem.create(ClusterConfig.SYSTEM,
                ClusterConfig.of(ClusterConfig.COORDINATOR_ROLE, ClusterConfig.localAddressFor(host), 0, seed, verbose));
        this.system = Adapter.toTyped(classic);
        try {
            this.region = PartitionEntity.init(system);
            awaitNodes(minNodes);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void awaitNodes(int minNodes) {
        Cluster cluster = Cluster.get(system);
        long deadline = System.nanoTime() + JOIN_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (classic.whenTerminated().isCompleted()) {
                throw new ClusterFailure("the cluster at " + seed + " refused this coordinator: "
                        + shutdownReason());
            }
            // shards go only to regions registered with the shard coordinator: wait for every node's
            // region, or the first job's partitions would crowd onto the nodes that registered first
            if (cluster.selfMember().status() == MemberStatus.up() && nodes().size() >= minNodes
                    && regions() >= nodes().size()) {
                return;
            }
            sleep(100);
        }
        throw new ClusterFailure("no cluster with " + minNodes + " node(s) up at " + seed + " within "
                + JOIN_TIMEOUT.toSeconds() + " s (" + nodes().size() + " up)");
    }

    /** Nodes whose shard region the shard coordinator knows. */
    private int regions() {
        try {
            Object reply = Patterns.ask(ClusterSharding.get(classic).shardRegion(PartitionEntity.TYPE.name()),
                    ShardRegion.getCurrentRegionsInstance(), Duration.ofSeconds(2)).toCompletableFuture()
                    .get(3, TimeUnit.SECONDS);
            return ((ShardRegion.CurrentRegions) reply).getRegions().size();
        } catch (ExecutionException | TimeoutException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterFailure("interrupted");
        }
    }

    private String shutdownReason() {
        return CoordinatedShutdown.get(classic).getShutdownReason()
                .map(r -> r == CoordinatedShutdown.incompatibleConfigurationDetectedReason()
                        ? "its Dramatis version or protocol differs from this one's" : r.toString())
                .orElse("unknown reason");
    }

    /** Addresses of the nodes that are up, sorted. */
    public List<String> nodes() {
        TreeSet<String> up = new TreeSet<>();
        for (Member m : Cluster.get(system).state().getMembers()) {
            if (m.hasRole(ClusterConfig.NODE_ROLE) && m.status() == MemberStatus.up()) up.add(ClusterConfig.hostPort(m.address()));
        }
        return List.copyOf(up);
    }

    /**
     * Runs one job; {@code graph} is the coordinator's own build of the job's graph (for the
     * lookahead and the cut), {@code log} receives progress lines (checkpoints, recoveries).
     */
    public Run run(Job job, Graph graph, Partitioning parts, int checkpointEvery, boolean perComponent,
                   Consumer<String> log) {
        long wallStart = System.nanoTime();
        CompletableFuture<ClusterCoordinator.Outcome> future = new CompletableFuture<>();
        Adapter.spawn(classic, ClusterCoordinator.create(job, graph, parts, region, checkpointEvery, log, future),
                "run-" + JOBS.incrementAndGet());
        ClusterCoordinator.Outcome o;
        try {
            o = future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterFailure("interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException(e.getCause());
        }
        double wall = (System.nanoTime() - wallStart) / 1e9;
        SimResult.Host host = new SimResult.Host(wall, 1, parts.count(), o.peakHeapByNode().size(), o.events(),
                o.windows(), parts.lookahead(graph), parts.cutChannels(graph), o.eventsByPartition());
        SimResult r = SimResult.of(o.endPs(), o.events(), o.reports(), perComponent, host);
        return new Run(r, List.copyOf(o.peakHeapByNode().keySet()), o.peakHeapByNode(), o.recoveries());
    }

    /** A job id unique in the cluster: this member's address and a counter. */
    public String newJobId() {
        return ClusterConfig.hostPort(Cluster.get(system).selfMember().address()) + "#" + JOBS.incrementAndGet();
    }

    @Override
    public void close() {
        Cluster cluster = Cluster.get(system);
        if (!classic.whenTerminated().isCompleted()) {
            cluster.manager().tell(new Leave(cluster.selfMember().address()));
            try {
                CoordinatedShutdown.get(classic).runAll(CoordinatedShutdown.clusterLeavingReason())
                        .toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                classic.terminate();
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterFailure("interrupted");
        }
    }
}
