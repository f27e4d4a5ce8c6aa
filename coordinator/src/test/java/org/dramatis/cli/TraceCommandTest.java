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
}
