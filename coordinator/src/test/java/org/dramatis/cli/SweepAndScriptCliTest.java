package org.dramatis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sweep, reproduce and script as a user meets them, on the shipped example (tiny runs). */
class SweepAndScriptCliTest {

    static final Path SCRIPTS = Path.of("..", "topologies", "scripts");

    @Test
    void reproduceWritesPointsCsvReportAndPlots(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("example");
        CliTest.Outcome o = CliTest.run("reproduce", "example", "--quick", "--out", out.toString(), "--jobs", "2");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("h100 over a100, tpot_ms: geomean"), o.out());
        try (var points = Files.list(out.resolve("points"))) {
            assertEquals(4 + 3, points.count(), "4 grid points and 3 sensitivity points");
        }
        assertEquals(1 + 7, Files.readAllLines(out.resolve("results.csv")).size());
        String md = Files.readString(out.resolve("report.md"));
        for (String s : new String[] {"## Method", "AttAcc simulator H100 bandwidth", "## Comparison with h100",
                "## Sensitivity to `gpu.bytes_per_second`", "| 2.0e12 | a100 | tpot_ms |", "plots/utilisation_decode.png"}) {
            assertTrue(md.contains(s), s);
        }
        for (String plot : new String[] {"utilisation_prefill", "utilisation_decode", "energy", "tpot_ms_vs_prompt"}) {
            for (String ext : new String[] {".png", ".svg"}) {
                Path f = out.resolve("plots").resolve(plot + ext);
                assertTrue(Files.size(f) > 1000, f + " is " + Files.size(f) + " bytes");
            }
        }
    }

    @Test
    void unknownExperimentAndBadFileAreOneLineErrorsWithoutOutput(@TempDir Path dir) throws Exception {
        CliTest.Outcome o = CliTest.run("reproduce", "exampel", "--out", dir.resolve("a").toString());
        assertEquals(2, o.code());
        assertTrue(o.err().contains("did you mean 'example'") && o.err().contains("shipped: example"), o.err());
        assertEquals(1, o.err().strip().lines().count(), o.err());

        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "name: bad\ngrid:\n  topologies: [a100]\n  models: [opt-350m]\n  prompt: [64]\n  generate: [4]\n"
                + "compare:\n  vary: mapping\n  reference: gpu\n  metrics: [tpot_msec]\n");
        o = CliTest.run("sweep", bad.toString(), "--out", dir.resolve("b").toString());
        assertEquals(2, o.code());
        assertTrue(o.err().startsWith("dramatis: " + bad + ":10:"), o.err());
        assertEquals(1, o.err().strip().lines().count(), o.err());
        assertFalse(Files.exists(dir.resolve("b")), "no partial output");
    }

    @Test
    void exampleScriptsRun(@TempDir Path dir) throws Exception {
        CliTest.Outcome custom = CliTest.run("script", SCRIPTS.resolve("custom-topology.jsh").toString());
        assertEquals(0, custom.code(), custom.err());
        assertTrue(custom.out().contains("opt-350m on edge-gpu (gpu, prompt 32, generate 4): TTFT"), custom.out());
        System.setProperty("dramatis.out", dir.toString());
        try {
            CliTest.Outcome study = CliTest.run("script", SCRIPTS.resolve("prompt-study.jsh").toString());
            assertEquals(0, study.code(), study.err());
            assertTrue(Files.size(dir.resolve("prompt-study.png")) > 1000);
            assertTrue(Files.size(dir.resolve("prompt-study.svg")) > 1000);
        } finally {
            System.clearProperty("dramatis.out");
        }
    }

    @Test
    void scriptErrorsNameTheLine(@TempDir Path dir) throws Exception {
        Path s = dir.resolve("bad.jsh");
        Files.writeString(s, "// a comment\nvar t = Dramatis.load(\"a100\");\n\nvar r = Dramatis.on(t).model(\"opt-9000\").run();\n");
        CliTest.Outcome o = CliTest.run("script", s.toString());
        assertEquals(2, o.code());
        assertTrue(o.err().startsWith("dramatis: " + s + ":4: model 'opt-9000'"), o.err());
        Files.writeString(s, "int x = 1;\nString y = x;\n");
        o = CliTest.run("script", s.toString());
        assertEquals(2, o.code());
        assertTrue(o.err().startsWith("dramatis: " + s + ":2: incompatible types"), o.err());
        assertFalse(o.err().contains("\tat "), o.err());
    }
}
