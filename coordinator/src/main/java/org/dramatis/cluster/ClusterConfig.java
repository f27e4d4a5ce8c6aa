package org.dramatis.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import org.apache.pekko.actor.Address;
import org.dramatis.common.Version;

/**
 * Pekko configuration of a cluster member (a node or a coordinator): Artery TCP, protobuf on the
 * wire and no Java serialisation, the Dramatis version check on join, and sharding settings that
 * never move or stop a partition behind the coordinator's back.
 */
public final class ClusterConfig {

    /** ActorSystem name shared by every member. */
    public static final String SYSTEM = "dramatis";
    public static final String NODE_ROLE = "node";
    public static final String COORDINATOR_ROLE = "coordinator";

    private ClusterConfig() {}

    /**
     * The address of this machine that members at {@code peerHost} can reach: loopback for a
     * loopback peer, otherwise the local address the route to the peer leaves from.
     */
    public static String localAddressFor(String peerHost) {
        try {
            InetAddress peer = InetAddress.getByName(peerHost);
            if (peer.isLoopbackAddress()) return "127.0.0.1";
            try (DatagramSocket s = new DatagramSocket()) {
                s.connect(peer, 9); // a UDP connect sends nothing: it only picks the route
                return s.getLocalAddress().getHostAddress();
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot resolve '" + peerHost + "': " + e.getMessage());
        }
    }

    /** {@code HOST:PORT} of a member, as users name it. */
    public static String hostPort(Address a) {
        return a.getHost().orElse("?") + ":" + a.getPort().orElse(0);
    }

    /** Splits {@code HOST:PORT}; {@code what} names the option in the error. */
    public static String[] hostPort(String what, String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1) {
            throw new IllegalArgumentException(what + " '" + hostPort + "': expected HOST:PORT");
        }
        String port = hostPort.substring(colon + 1);
        try {
            int p = Integer.parseInt(port);
            if (p < 1 || p > 65535) throw new NumberFormatException();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " '" + hostPort + "': port must be 1..65535");
        }
        return new String[] {hostPort.substring(0, colon), port};
    }

    /**
     * @param role     {@link #NODE_ROLE} or {@link #COORDINATOR_ROLE}
     * @param host     address other members reach this one at
     * @param port     0 for any free port
     * @param seed     {@code HOST:PORT} of the member to join
     * @param verbose  Pekko's warnings on the console
     */
    public static Config of(String role, String host, int port, String seed, boolean verbose) {
        String[] s = hostPort("--join", seed);
        String text = String.join("\n",
                "dramatis.version = \"" + Version.dramatis() + "\"",
                "dramatis.protocol = " + Version.protocol(),
                "pekko.loglevel = " + (verbose ? "INFO" : "ERROR"),
                "pekko.stdout-loglevel = OFF",
                "pekko.log-dead-letters = off",
                "pekko.log-dead-letters-during-shutdown = off",
                "pekko.actor.provider = cluster",
                "pekko.actor.allow-java-serialization = off",
                "pekko.remote.artery.transport = tcp",
                "pekko.remote.artery.canonical.hostname = \"" + host + "\"",
                "pekko.remote.artery.canonical.port = " + port,
                // a window's batch of events or a checkpoint can be large; checkpoints and results
                // go to the coordinator actor, which gets the large-message lane
                "pekko.remote.artery.advanced.maximum-frame-size = 4 MiB",
                "pekko.remote.artery.advanced.buffer-pool-size = 32",
                "pekko.remote.artery.advanced.maximum-large-frame-size = 64 MiB",
                "pekko.remote.artery.advanced.large-buffer-pool-size = 4",
                "pekko.remote.artery.large-message-destinations = [\"/user/run-*\"]",
                "pekko.cluster.roles = [" + role + "]",
                "pekko.cluster.seed-nodes = [\"pekko://" + SYSTEM + "@" + s[0] + ":" + s[1] + "\"]",
                "pekko.cluster.configuration-compatibility-check.checkers.dramatis = \""
                        + VersionCheck.class.getName() + "\"",
                "pekko.cluster.jmx.enabled = off",
                "pekko.cluster.log-info = " + (verbose ? "on" : "off"),
                // a partition holds simulation state: never passivate it when idle, never rebalance it
                "pekko.cluster.sharding.passivation.strategy = none",
                "pekko.cluster.sharding.rebalance-interval = 100 d",
                "pekko.coordinated-shutdown.exit-jvm = off");
        // -Ddramatis.version / -Ddramatis.protocol win: how a test joins a node that claims another build
        return ConfigFactory.systemProperties().withOnlyPath("dramatis")
                .withFallback(ConfigFactory.parseString(text))
                .withFallback(ConfigFactory.load());
    }
}
