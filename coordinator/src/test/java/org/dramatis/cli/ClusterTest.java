package org.dramatis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.dramatis.cluster.ClusterSession;
import org.dramatis.cluster.LocalNodes;
import org.dramatis.common.Outputs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cluster mode end to end: three node JVMs started once, jobs run through the CLI on 1, 2 and 3 of
 * them, a node killed with SIGKILL mid-run, a loss that cannot be recovered, a node of another
 * protocol refused, and an LLM step that recovers from a killed node. The tests run in order: the
 * later ones kill nodes the earlier ones need.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ClusterTest {

    static final String MESH = Path.of("src/test/resources/cluster/mesh.yaml").toAbsolutePath().toString();

    LocalNodes nodes;
    @TempDir
    Path dir;

    @BeforeAll
    void startNodes() {
        nodes = LocalNodes.start(3, List.of());
        new ClusterSession(nodes.seed(), 3, false).close();
    }

    @AfterAll
    void stopNodes() {
        if (nodes != null) nodes.close();
    }

    /** The CLI in this JVM, its output readable while it runs. */
    static final class Cli {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final CompletableFuture<Integer> code;

        Cli(String... args) {
            PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
            PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
            code = CompletableFuture.supplyAsync(() -> {
                System.setOut(o);
                System.setErr(e);
                return Main.execute(args);
            });
        }

        synchronized String out() {
            return out.toString(StandardCharsets.UTF_8);
        }

        String err() {
            return err.toString(StandardCharsets.UTF_8);
        }

        int awaitExit() throws Exception {
            return code.get(150, TimeUnit.SECONDS);
        }

        void awaitOutput(String text) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!out().contains(text)) {
                assertFalse(code.isDone() && !out().contains(text), "the run ended before printing '" + text
                        + "': " + out() + err());
                assertTrue(System.nanoTime() < deadline, "no '" + text + "' within 90 s: " + out());
                Thread.sleep(20);
            }
        }
    }

    static final PrintStream STDOUT = System.out;
    static final PrintStream STDERR = System.err;

    JsonNode run(String... args) throws Exception {
        Cli cli = new Cli(args);
        try {
            assertEquals(0, cli.awaitExit(), cli.out() + cli.err());
        } finally {
            System.setOut(STDOUT);
            System.setErr(STDERR);
        }
        return Outputs.JSON.readTree(Path.of(args[args.length - 1]).toFile());
    }

    String[] with(String[] head, String... tail) {
        List<String> all = new ArrayList<>(List.of(head));
        all.addAll(List.of(tail));
        return all.toArray(new String[0]);
    }

    @Test
    @Order(1)
    void simulatedResultIsByteIdenticalToLocalOnOneTwoAndThreeNodes() throws Exception {
        for (String topology : new String[] {"demo", MESH}) {
            String[] job = {"run", topology};
            JsonNode local = run(with(job, "--partitions", "3", "--json", dir.resolve("local.json").toString()));
            String expected = Outputs.JSON.writeValueAsString(local.get("simulated"));
            for (int k = 1; k <= 3; k++) {
                Path out = dir.resolve("cluster-" + k + ".json");
                JsonNode r = run(with(job, "--cluster", nodes.seed(), "--partitions", Integer.toString(k),
                        "--checkpoint-every", "50", "--json", out.toString()));
                assertEquals(expected, Outputs.JSON.writeValueAsString(r.get("simulated")), topology + " on " + k);
                assertEquals(k, r.get("host").get("nodes").asInt(), topology + ": partitions spread over the nodes");
                if (k == 3) assertEquals(local.get("host").get("windows"), r.get("host").get("windows"));
            }
        }
    }

    @Test
    @Order(2)
    void aLongContextLlmRunIsByteIdenticalToLocal() throws Exception {
        // Llama-3-8B decoding at a 128K-token context: 16 GiB of KV cache (placement and traffic only)
        String topology = Path.of("src/test/resources/cluster/long-context.yaml").toAbsolutePath().toString();
        String[] job = {"run", topology, "--model", "llama-3-8b", "--prompt", "131072", "--generate", "2",
            "--decode-only", "--decode-samples", "2"};
        JsonNode local = run(with(job, "--partitions", "3", "--json", dir.resolve("llm-local.json").toString()));
        String expected = Outputs.JSON.writeValueAsString(local.get("simulated"));
        assertTrue(local.get("simulated").get("kv_cache_bytes").asLong() > 16L << 30);
        for (int k = 1; k <= 3; k++) {
            JsonNode r = run(with(job, "--cluster", nodes.seed(), "--partitions", Integer.toString(k), "--json",
                    dir.resolve("llm-" + k + ".json").toString()));
            assertEquals(expected, Outputs.JSON.writeValueAsString(r.get("simulated")), "llama-3-8b on " + k + " partitions");
            assertEquals(k, r.get("host").get("nodes").asInt(), "llama-3-8b: partitions spread over the nodes");
            if (k == 3) assertEquals(local.get("host").get("windows"), r.get("host").get("windows"));
        }
    }

    @Test
    @Order(3)
    void aNodeOfAnotherProtocolIsRefused() throws Exception {
        int port = LocalNodes.freePorts(1).get(0);
        Process p = nodes.spawn(port, nodes.seed(), List.of("-Ddramatis.protocol=999"));
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the refused node must exit");
        String log = Files.readString(nodes.logs().resolve("node-" + port + ".log"));
        assertEquals(2, p.exitValue(), log);
        assertTrue(log.contains("dramatis node: refused by the cluster at " + nodes.seed()) && log.contains("999"), log);
    }

    @Test
    @Order(3)
    void aNodeStopsWhenTheProcessThatStartedItIsKilled() throws Exception {
        Process parent = new ProcessBuilder("sleep", "600").start();
        int port = LocalNodes.freePorts(1).get(0);
        Process node = nodes.spawn(port, nodes.seed(), List.of(), parent.pid());
        Path log = nodes.logs().resolve("node-" + port + ".log");
        for (int i = 0; i < 600 && !(Files.exists(log) && Files.readString(log).contains(": up at ")); i++) {
            Thread.sleep(100);
        }
        assertTrue(node.isAlive(), Files.readString(log));
        parent.destroyForcibly().waitFor();
        assertTrue(node.waitFor(60, TimeUnit.SECONDS), "the node outlived the process that started it");
        assertTrue(Files.readString(log).contains("which started this node, ended"), Files.readString(log));
    }

    @Test
    @Order(4)
    void aNodeKilledMidRunIsReplacedFromTheLastCheckpoint() throws Exception {
        String[] job = {"run", MESH, "--set", "die.stage.hops=8000"};
        JsonNode local = run(with(job, "--partitions", "3", "--json", dir.resolve("local.json").toString()));
        Path out = dir.resolve("failover.json");
        Cli cli = new Cli(with(job, "--cluster", nodes.seed(), "--partitions", "3", "--checkpoint-every", "100",
                "--json", out.toString()));
        try {
            cli.awaitOutput("checkpoint at window");
            nodes.processes().get(2).destroyForcibly(); // SIGKILL
            assertEquals(0, cli.awaitExit(), cli.out() + cli.err());
        } finally {
            System.setOut(STDOUT);
            System.setErr(STDERR);
        }
        assertTrue(cli.out().contains("was lost; restoring every partition from the checkpoint"), cli.out());
        JsonNode r = Outputs.JSON.readTree(out.toFile());
        assertEquals(Outputs.JSON.writeValueAsString(local.get("simulated")),
                Outputs.JSON.writeValueAsString(r.get("simulated")));
        assertEquals(1, r.get("host").get("recoveries").asInt());
    }

    @Test
    @Order(5)
    void aLossBeforeTheFirstCheckpointStopsWithOneLineAndNoFile() throws Exception {
        Path out = dir.resolve("lost.json");
        Cli cli = new Cli("run", MESH, "--set", "die.stage.hops=100000", "--cluster", nodes.seed(), "--partitions", "2",
                "--checkpoint-every", "0", "--json", out.toString());
        int code;
        try {
            cli.awaitOutput("started 2 partitions on nodes ");
            String hosts = cli.out().lines().filter(l -> l.contains("started 2 partitions")).findFirst().orElseThrow();
            int victim = hosts.contains(nodes.address(1)) ? 1 : 0;
            assertTrue(hosts.contains(nodes.address(victim)), hosts);
            nodes.processes().get(victim).destroyForcibly(); // SIGKILL
            code = cli.awaitExit();
        } finally {
            System.setOut(STDOUT);
            System.setErr(STDERR);
        }
        assertFailedWithOneLine(cli, code, "before the first checkpoint", out);
    }

    /** The run failed (exit 1) with one error line naming the lost node and {@code why}, and left no file. */
    static void assertFailedWithOneLine(Cli cli, int code, String why, Path out) throws Exception {
        assertEquals(1, code, cli.out() + cli.err());
        List<String> lines = cli.err().lines().toList();
        assertEquals(1, lines.size(), cli.err());
        assertTrue(lines.get(0).startsWith("dramatis: cluster run failed: node 127.0.0.1:") && lines.get(0).contains(why),
                lines.get(0));
        assertFalse(Files.exists(out));
        String temporary = "." + out.getFileName().toString().replace(".json", "");
        try (var files = Files.list(out.getParent())) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith(temporary)), "no temporary file left");
        }
    }

    @Test
    @Order(6)
    void anLlmStepRecoversFromANodeKilledAfterItsFirstCheckpoint() throws Exception {
        // one Llama-3-8B decode step on a controller and two GPUs behind 2 us links: 1452 windows
        String topology = Path.of("src/test/resources/cluster/long-context.yaml").toAbsolutePath().toString();
        String[] job = {"run", topology, "--model", "llama-3-8b", "--prompt", "4096", "--generate", "1",
            "--decode-only"};
        JsonNode local = run(with(job, "--partitions", "3", "--json", dir.resolve("llm-local.json").toString()));
        Path out = dir.resolve("llm-failover.json");
        // three nodes of its own: the earlier tests killed two of the shared ones; snapshots
        // travel back to the nodes in parts of 1 KB (several parts each)
        System.setProperty("dramatis.restore-part-bytes", "1024");
        try (LocalNodes three = LocalNodes.start(3, List.of())) {
            new ClusterSession(three.seed(), 3, false).close();
            Cli cli = new Cli(with(job, "--cluster", three.seed(), "--partitions", "3", "--checkpoint-every", "100",
                    "--json", out.toString()));
            try {
                cli.awaitOutput("checkpoint at window");
                String hosts = cli.out().lines().filter(l -> l.contains("started 3 partitions")).findFirst().orElseThrow();
                assertTrue(hosts.contains(three.address(2)), "the victim must host a partition: " + hosts);
                three.processes().get(2).destroyForcibly(); // SIGKILL
                assertEquals(0, cli.awaitExit(), cli.out() + cli.err());
            } finally {
                System.setOut(STDOUT);
                System.setErr(STDERR);
            }
            assertTrue(cli.out().contains("was lost; restoring every partition from the checkpoint"), cli.out());
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\((\\d+) bytes in (\\d+) messages\\)")
                    .matcher(cli.out());
            assertTrue(m.find(), cli.out());
            assertTrue(Long.parseLong(m.group(1)) > 3 * 1024 && Integer.parseInt(m.group(2)) > 3,
                    "the snapshots went in parts: " + m.group());
        } finally {
            System.clearProperty("dramatis.restore-part-bytes");
        }
        JsonNode r = Outputs.JSON.readTree(out.toFile());
        assertEquals(Outputs.JSON.writeValueAsString(local.get("simulated")),
                Outputs.JSON.writeValueAsString(r.get("simulated")));
        assertEquals(1, r.get("host").get("recoveries").asInt());
    }

    @Test
    @Order(7)
    void aLossWithNoNodeLeftStopsWithOneLineAndNoFile() throws Exception {
        Path out = dir.resolve("alone.json");
        try (LocalNodes one = LocalNodes.start(1, List.of())) {
            new ClusterSession(one.seed(), 1, false).close();
            Cli cli = new Cli("run", MESH, "--set", "die.stage.hops=100000", "--cluster", one.seed(),
                    "--partitions", "2", "--checkpoint-every", "20", "--json", out.toString());
            int code;
            try {
                cli.awaitOutput("checkpoint at window");
                one.processes().get(0).destroyForcibly(); // SIGKILL
                code = cli.awaitExit();
            } finally {
                System.setOut(STDOUT);
                System.setErr(STDERR);
            }
            assertFailedWithOneLine(cli, code, "no node is left", out);
        }
    }
}
