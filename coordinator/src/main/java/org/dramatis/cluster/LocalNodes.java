package org.dramatis.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code run --nodes N}: N node JVMs on 127.0.0.1 started from this JVM's class path, each on a
 * free port, the first one the seed. They are killed on close, and by a shutdown hook if this JVM
 * exits first; a node also stops by itself when this JVM is gone (killed, so that no hook ran).
 */
public final class LocalNodes implements AutoCloseable {

    /** JVM options of a node; {@code DRAMATIS_NODE_JAVA_OPTS} replaces them. */
    static final String DEFAULT_JAVA_OPTS = "-Xss4m -XX:+UseParallelGC -Xmx2g";

    private final List<Process> processes = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();
    private final Path logs;
    private final Thread hook = new Thread(this::kill, "dramatis-local-nodes");

    private LocalNodes(Path logs) {
        this.logs = logs;
    }

    /** Starts {@code n} nodes; {@code extraJvmArgs} go to every one (tests pass system properties). */
    public static LocalNodes start(int n, List<String> extraJvmArgs) {
        if (n < 1) throw new IllegalArgumentException("--nodes must be >= 1, got " + n);
        LocalNodes nodes;
        try {
            nodes = new LocalNodes(Files.createTempDirectory("dramatis-nodes"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(nodes.hook);
        try {
            List<Integer> free = freePorts(n);
            String seed = "127.0.0.1:" + free.get(0);
            for (int i = 0; i < n; i++) nodes.spawn(free.get(i), seed, extraJvmArgs);
        } catch (RuntimeException e) {
            nodes.close();
            throw e;
        }
        return nodes;
    }

    /** Starts one more node joining {@code seed}, stopping when this JVM ends; returns its process. */
    public Process spawn(int port, String seed, List<String> extraJvmArgs) {
        return spawn(port, seed, extraJvmArgs, ProcessHandle.current().pid());
    }

    /** Starts one more node joining {@code seed}, stopping when process {@code parentPid} ends. */
    public Process spawn(int port, String seed, List<String> extraJvmArgs, long parentPid) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        String opts = System.getenv("DRAMATIS_NODE_JAVA_OPTS");
        for (String o : (opts == null ? DEFAULT_JAVA_OPTS : opts).trim().split("\\s+")) if (!o.isEmpty()) cmd.add(o);
        cmd.addAll(extraJvmArgs);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.dramatis.cli.Main", "node",
                "--host", "127.0.0.1", "--port", Integer.toString(port), "--join", seed,
                "--parent-pid", Long.toString(parentPid)));
        File log = logs.resolve("node-" + port + ".log").toFile();
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start();
            processes.add(p);
            ports.add(port);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a node JVM: " + e.getMessage(), e);
        }
    }

    /** Address of the first node, which the others joined. */
    public String seed() {
        return "127.0.0.1:" + ports.get(0);
    }

    public List<Process> processes() {
        return List.copyOf(processes);
    }

    /** {@code 127.0.0.1:PORT} of node {@code i}. */
    public String address(int i) {
        return "127.0.0.1:" + ports.get(i);
    }

    /** Where the nodes' output goes. */
    public Path logs() {
        return logs;
    }

    /** Free TCP ports on the loopback address (free when asked; a node takes its port right after). */
    public static List<Integer> freePorts(int n) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) held.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            List<Integer> out = new ArrayList<>();
            for (ServerSocket s : held) out.add(s.getLocalPort());
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("no free port: " + e.getMessage(), e);
        } finally {
            for (ServerSocket s : held) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing a probe socket cannot fail in a way that matters
                }
            }
        }
    }

    private void kill() {
        for (Process p : processes) p.destroy();
        for (Process p : processes) {
            try {
                if (!p.waitFor(5, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Stops every node and deletes their logs. */
    @Override
    public void close() {
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // the JVM is already shutting down: the hook runs anyway
        }
        try (Stream<Path> files = Files.walk(logs)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // temporary logs: best effort
        }
    }
}
