package org.dramatis.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.cluster.Cluster;
import org.dramatis.cluster.ClusterConfig;
import org.dramatis.cluster.PartitionEntity;
import org.dramatis.common.UserError;
import org.dramatis.common.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** A cluster node: hosts partitions of the jobs that coordinators run, until it is stopped. */
@Command(name = "node", mixinStandardHelpOptions = true,
        description = "Start a cluster node that runs partitions of jobs (stop it with Ctrl-C or SIGTERM).",
        footer = {"", "Examples:", "  dramatis node --port 2551 --join 127.0.0.1:2551   (the first node joins itself)",
            "  dramatis node --join 127.0.0.1:2551",
            "  dramatis run demo --cluster 127.0.0.1:2551"})
public final class NodeCommand implements Callable<Integer> {

    @Option(names = "--join", required = true, paramLabel = "HOST:PORT", description = "a member of the cluster (the seed)")
    String join;

    @Option(names = "--port", description = "port to listen on (default: any free port)")
    int port;

    @Option(names = "--host", description = "address other members reach this node at (default: the one that routes to --join)")
    String host;

    @Option(names = {"-v", "--verbose"}, description = "Pekko's log on the console")
    boolean verbose;

    @Option(names = "--parent-pid", paramLabel = "PID",
            description = "stop when the process with this id ends (run --nodes starts its nodes so)")
    long parentPid;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) throw new UserError("--port must be 0..65535, got " + port);
        String seedHost;
        try {
            seedHost = ClusterConfig.hostPort("--join", join)[0];
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        String self = host != null ? host : ClusterConfig.localAddressFor(seedHost);
        ActorSystem system = ActorSystem.create(ClusterConfig.SYSTEM,
                ClusterConfig.of(ClusterConfig.NODE_ROLE, self, port, join, verbose));
        PartitionEntity.init(Adapter.toTyped(system));
        Cluster cluster = Cluster.get(system);
        cluster.registerOnMemberUp(() -> System.out.println("dramatis node " + Version.dramatis() + " (protocol "
                + Version.protocol() + "): up at " + ClusterConfig.hostPort(cluster.selfAddress()) + ", joined " + join));
        if (parentPid > 0) {
            // a node started for one run must not outlive it, however the run ends (SIGKILL included)
            ProcessHandle.of(parentPid).map(ProcessHandle::onExit).orElse(CompletableFuture.completedFuture(null))
                    .thenRun(() -> {
                        System.err.println("dramatis node: process " + parentPid + ", which started this node, ended;"
                                + " stopping");
                        system.terminate();
                    });
        }
        system.getWhenTerminated().toCompletableFuture().get();
        var reason = CoordinatedShutdown.get(system).getShutdownReason();
        if (reason.isPresent() && reason.get() == CoordinatedShutdown.incompatibleConfigurationDetectedReason()) {
            System.err.println("dramatis node: refused by the cluster at " + join + ": this node runs dramatis "
                    + system.settings().config().getString("dramatis.version") + " protocol "
                    + system.settings().config().getString("dramatis.protocol")
                    + ", which differs from the cluster's version or protocol");
            return Errors.BAD_INPUT;
        }
        return 0;
    }
}
