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
import org.dramatis.common.Outputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceCommandTest {

    private static final Path HBM = Path.of("../topologies/dram/HBM_4Gb_x128.ini");

    @Test
    void writesSimulatedAndHostParts(@TempDir Path dir) throws Exception {
        Path trace = Files.writeString(dir.resolve("t.trace"), "0x00000040 READ 0\n0x00001040 WRITE 3\n0x00000080 READ 5\n");
        Path out = dir.resolve("out.json");
        assertEquals(0, Main.execute("trace", "--config", HBM.toString(), "--trace", trace.toString(), "--cycles",
                "1000", "--json", out.toString()));
        JsonNode j = Outputs.JSON.readTree(out.toFile());
        JsonNode sim = j.get("simulated");
        assertEquals(2, sim.get("reads").asLong());
        assertEquals(1, sim.get("writes").asLong());
        assertEquals(1000, sim.get("cycles").asLong());
        assertTrue(sim.get("energy_pj").asDouble() > 0);
        assertTrue(sim.get("act_commands").asLong() >= 1);
        assertTrue(sim.has("bandwidth_gbps") && sim.has("avg_read_latency_cycles"));
        assertTrue(j.get("host").has("requests_per_second") && j.get("host").has("wall_time_s"));
    }

    @Test
    void badTraceLineIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        Path trace = Files.writeString(dir.resolve("bad.trace"), "0x40 READ 0\n0x80 READ soon\n");
        Path out = dir.resolve("out.json");
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.execute("trace", "--config", HBM.toString(), "--trace", trace.toString(), "--cycles", "100",
                    "--json", out.toString());
        } finally {
            System.setErr(oldErr);
        }
        assertEquals(2, code);
        String msg = err.toString(StandardCharsets.UTF_8).strip();
        assertEquals("dramatis: " + trace + ":2: cycle is not a decimal integer: 'soon'", msg);
        assertFalse(Files.exists(out));
    }

    @Test
    void generatedTracesReplayOnAShippedConfigByName(@TempDir Path dir) throws Exception {
        Path dramsim3 = dir.resolve("s.trace");
        Path ramulator = dir.resolve("s.ldst");
        assertEquals(0, CliTest.run("gen-trace", "stream", "--requests", "2000", "--out", dramsim3.toString()).code());
        assertEquals(0, CliTest.run("gen-trace", "stream", "--requests", "2000", "--format", "ramulator2", "--out",
                ramulator.toString()).code());
        assertTrue(Files.readString(ramulator).startsWith("LD 0x0\nLD 0x40\n"));
        // a rate of 1 per cycle: the DRAMsim3 trace's request i is due at cycle i, as Ramulator's is
        CliTest.Outcome a = CliTest.run("trace", "--config", "HBM_4Gb_x128", "--trace", dramsim3.toString(), "--cycles", "5000",
                "--json", "-");
        CliTest.Outcome b = CliTest.run("trace", "--config", HBM.toString(), "--trace", ramulator.toString(), "--cycles", "5000",
                "--json", "-");
        assertEquals(0, a.code(), a.err());
        assertEquals(0, b.code(), b.err());
        JsonNode sa = Outputs.JSON.readTree(a.out()).get("simulated");
        JsonNode sb = Outputs.JSON.readTree(b.out()).get("simulated");
        assertEquals(2000, sa.get("reads").asLong());
        assertEquals(sa.get("avg_read_latency_cycles"), sb.get("avg_read_latency_cycles"));
        assertEquals(sa.get("energy_pj"), sb.get("energy_pj"));
        CliTest.Outcome bad = CliTest.run("trace", "--config", "HBM9", "--trace", dramsim3.toString(), "--cycles", "10");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("not a shipped config (DDR4_8Gb_x8_2400R, DDR4_8Gb_x8_3200, "), bad.err());
        assertFalse(bad.err().contains("dramatis/topologies"), bad.err());
        assertEquals(2, CliTest.run("gen-trace", "stream", "--requests", "10", "--rate", "0", "--out", "x").code());
    }

    @Test
    void ramulator2YamlConfigsByPathOrName(@TempDir Path dir) throws Exception {
        Path trace = dir.resolve("m.trace");
        assertEquals(0, CliTest.run("gen-trace", "mixed", "--requests", "2000", "--rate", "0.25", "--out", trace.toString()).code());
        Path yaml = dir.resolve("my.yaml");
        Files.copy(Path.of("../topologies/dram/DDR4_8Gb_x8_2400R.yaml"), yaml);
        CliTest.Outcome byPath = CliTest.run("trace", "--config", yaml.toString(), "--trace", trace.toString(), "--cycles",
                "20000", "--json", "-");
        CliTest.Outcome byName = CliTest.run("trace", "--config", "DDR4_8Gb_x8_2400R", "--trace", trace.toString(),
                "--cycles", "20000", "--json", "-");
        assertEquals(0, byPath.code(), byPath.err());
        assertEquals(0, byName.code(), byName.err());
        JsonNode a = Outputs.JSON.readTree(byPath.out()).get("simulated");
        JsonNode b = Outputs.JSON.readTree(byName.out()).get("simulated");
        assertEquals(0.833, a.get("tck_ns").asDouble());
        assertEquals(2000, a.get("reads").asLong() + a.get("writes").asLong());
        assertEquals(a.get("avg_read_latency_cycles"), b.get("avg_read_latency_cycles"));
        Files.writeString(yaml, Files.readString(yaml).replace("DDR4_2400R", "DDR4_2400Z"));
        CliTest.Outcome bad = CliTest.run("trace", "--config", yaml.toString(), "--trace", trace.toString(), "--cycles", "10");
        assertEquals(2, bad.code());
        assertTrue(bad.err().strip().startsWith("dramatis: " + yaml + ":15: MemorySystem.DRAM.timing.preset 'DDR4_2400Z' "
                + "is not a DDR4 timing preset (known: DDR4_1600J, "), bad.err());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
    }
}
