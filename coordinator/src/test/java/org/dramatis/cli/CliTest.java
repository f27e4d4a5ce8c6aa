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
import java.util.List;
import org.dramatis.common.Outputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it: exit codes, one-line errors, complete or absent output files. */
class CliTest {

    record Outcome(int code, String out, String err) {}

    static Outcome run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.execute(args);
            return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void helpAndVersion() {
        Outcome help = run("--help");
        assertEquals(0, help.code());
        for (String c : new String[] {"run", "describe", "validate", "demo"}) assertTrue(help.out().contains(c), c);
        // the top-level list shows each command's first description line: a whole sentence
        for (var sub : new picocli.CommandLine(new Main()).getSubcommands().values()) {
            String[] d = sub.getCommandSpec().usageMessage().description();
            assertTrue(d.length > 0 && d[0].strip().endsWith("."), sub.getCommandName() + ": '" + (d.length > 0 ? d[0] : "") + "'");
        }
        Outcome typo = run("run", "--modle", "x");
        assertEquals(2, typo.code());
        assertTrue(typo.err().contains("Did you mean: --model?"), typo.err());
        Outcome v = run("--version");
        assertEquals(0, v.code());
        assertTrue(v.out().startsWith("dramatis "), v.out());
    }

    @Test
    void runWritesBothPartsOfTheResult(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("r.json");
        Outcome o = run("run", "demo", "--partitions", "2", "--json", out.toString());
        assertEquals(0, o.code(), o.err());
        JsonNode r = Outputs.JSON.readTree(out.toFile());
        assertTrue(r.get("simulated").get("events").asLong() > 100_000);
        assertEquals(2, r.get("host").get("partitions").asInt());
        assertEquals(20000, r.get("host").get("lookahead_ps").asLong());
    }

    @Test
    void resultFilesAreReadableByOthersAndDashIsStandardOutput(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("r.json");
        assertEquals(0, run("run", "demo", "--json", out.toString()).code());
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
        Outcome o = run("run", "demo", "--json", "-");
        assertEquals(0, o.code(), o.err());
        // standard output is the JSON alone; the summary went to standard error
        JsonNode r = Outputs.JSON.readTree(o.out());
        assertTrue(r.get("simulated").get("events").asLong() > 100_000);
        assertTrue(o.err().contains("events"), o.err());
    }

    @Test
    void everyResultSaysWhereItCameFrom(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("r.json");
        Outcome o = run("run", "a100", "--model", "opt-350m", "--prompt", "8", "--generate", "2", "--kv", "int8",
                "--set", "gpu.launch_overhead_ps=3000000", "--json", out.toString());
        assertEquals(0, o.code(), o.err());
        JsonNode p = Outputs.JSON.readTree(out.toFile()).get("provenance");
        assertEquals(org.dramatis.common.Version.dramatis(), p.get("dramatis_version").asText());
        assertEquals(org.dramatis.common.Version.codeDigest(), p.get("code_digest").asText());
        assertTrue(p.get("git_commit").asText().matches("[0-9a-f]{40}(-dirty)?|unknown"), p.get("git_commit").asText());
        assertEquals("dramatis run a100 --model opt-350m --prompt 8 --generate 2 --kv int8 --set gpu.launch_overhead_ps=3000000 --json "
                + out, String.join(" ", Outputs.JSON.convertValue(p.get("command_line"), String[].class)));
        assertEquals("gpu.launch_overhead_ps=3000000", p.get("sets").get(0).asText());
        assertEquals("opt-350m", p.get("model").get("name").asText());
        assertEquals(org.dramatis.common.Version.sha256(org.dramatis.workload.ModelLoader.text("opt-350m")),
                p.get("model").get("config_sha256").asText());
        assertEquals("fp16", p.get("weights").asText());
        assertEquals("int8", p.get("kv_cache").asText());
        assertEquals(3, p.get("decode_samples").asInt());
    }

    @Test
    void kindsListsWhatATopologyAndARunMayName() {
        Outcome all = run("kinds");
        assertEquals(0, all.code(), all.err());
        org.dramatis.components.ComponentKinds.all().keySet().forEach(k -> assertTrue(all.out().contains("  " + k + " "), k));
        org.dramatis.mapping.MappingPolicies.all().forEach(m -> assertTrue(all.out().contains("  " + m.name() + " "), m.name()));
        assertTrue(all.out().contains("NAME,tp=N,pp=M"), "the device split is listed with the mappings");
        Outcome tile = run("kinds", "cim_tile");
        assertEquals(0, tile.code(), tile.err());
        assertTrue(tile.out().lines().anyMatch(l -> l.matches("\\s+adc_bits\\s+integer\\s+bit\\s*")), tile.out());
        assertTrue(tile.out().lines().anyMatch(l -> l.matches("\\s+buffer_pj_per_byte\\s+number\\s+pJ/B\\s*")), tile.out());
        Outcome ctl = run("kinds", "controller");
        assertTrue(ctl.out().lines().anyMatch(l -> l.matches("\\s+issue_interval_ps\\s+integer\\s+ps\\s+1000")), ctl.out());
        assertFalse(ctl.out().contains("program"), "the run fills in the program: " + ctl.out());
        Outcome bad = run("kinds", "cim_tle");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("did you mean 'cim_tile'"), bad.err());
    }

    /** The completion script, sourced in bash, offers the commands, the shipped names and the options. */
    @Test
    void completionScriptCompletesInBash(@TempDir Path dir) throws Exception {
        Outcome script = run("completion", "bash");
        assertEquals(0, script.code(), script.err());
        Path file = dir.resolve("dramatis-completion.bash");
        Files.writeString(file, script.out());
        assertEquals(List.of("describe"), complete(file, "dramatis", "descr"));
        assertTrue(complete(file, "dramatis", "reproduce", "").containsAll(List.of("halo", "h2eal", "long-context")));
        assertTrue(complete(file, "dramatis", "run", "halo", "--model", "llama-2").contains("llama-2-7b"));
        assertTrue(complete(file, "dramatis", "run", "--mapp").contains("--mapping"));
        assertEquals(2, run("completion", "fish").code());
    }

    /** What the script's completion function offers for the words, the last being the one typed so far. */
    private static List<String> complete(Path script, String... words) throws Exception {
        String cmd = "source '" + script + "'; COMP_WORDS=(" + String.join(" ", java.util.Arrays.stream(words)
                .map(w -> "'" + w + "'").toList()) + "); COMP_CWORD=" + (words.length - 1)
                + "; COMP_LINE=\"${COMP_WORDS[*]}\"; COMP_POINT=${#COMP_LINE}; _complete_dramatis; printf '%s\\n' \"${COMPREPLY[@]}\"";
        Process p = new ProcessBuilder("bash", "-c", cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return out.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    @Test
    void timelinesAreCompactAndGzippedWhenAsked(@TempDir Path dir) throws Exception {
        Path plain = dir.resolve("t.json");
        Path gz = dir.resolve("t.json.gz");
        assertEquals(0, run("run", "a100", "--model", "opt-350m", "--prompt", "16", "--generate", "2", "--timeline", plain.toString()).code());
        assertEquals(0, run("run", "a100", "--model", "opt-350m", "--prompt", "16", "--generate", "2", "--timeline", gz.toString()).code());
        String text = Files.readString(plain);
        assertFalse(text.contains("\n"), "one line, no indentation");
        JsonNode events = Outputs.JSON.readTree(text).get("traceEvents");
        assertTrue(events.size() > 10 && text.contains("\"ph\":\"X\""), text.substring(0, Math.min(200, text.length())));
        // the power track: counter events with the GPU's watts (its idle power at the least)
        JsonNode power = null;
        for (JsonNode e : events) if ("C".equals(e.path("ph").asText())) power = e;
        assertTrue(power != null && power.get("args").get("gpu").asDouble() > 0, String.valueOf(power));
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(gz))) {
            assertEquals(text, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertTrue(Files.size(gz) * 3 < Files.size(plain), Files.size(gz) + " vs " + Files.size(plain));
    }

    @Test
    void theOperatorTableIsWrittenAndItsMisusesAreRefusedBeforeTheRun(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("ops.csv");
        assertEquals(0, run("run", "a100", "--model", "opt-350m", "--prompt", "16", "--generate", "2", "--ops", csv.toString()).code());
        List<String> lines = Files.readAllLines(csv);
        assertTrue(lines.get(0).startsWith("phase,step,context,layer,operator,operator_index,unit_kind,"), lines.get(0));
        assertTrue(lines.size() > 10 && lines.get(1).startsWith("prefill,0,16,-1,embed_tokens,0,gpu,"), lines.get(1));
        Path out = dir.resolve("other.csv");
        String[][] bad = {
            {"run", "a100", "--model", "opt-350m", "--ops", "-"},
            {"run", "a100", "--model", "opt-350m", "--ops", dir.toString()},
            {"run", "demo", "--ops", out.toString()},
            {"run", "a100", "--model", "opt-350m", "--nodes", "2", "--ops", out.toString()},
        };
        for (String[] args : bad) {
            Outcome o = run(args);
            assertEquals(2, o.code(), String.join(" ", args) + ": " + o.err());
            assertEquals(1, o.err().strip().lines().count(), o.err());
            assertTrue(o.err().contains("--ops"), o.err());
            assertFalse(o.out().contains("events"), o.out());
        }
        assertFalse(Files.exists(out));
    }

    @Test
    void anUnwritableOutputIsRefusedBeforeTheRun(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("a-file");
        Files.writeString(file, "mine");
        String[][] bad = {
            {"run", "demo", "--json", dir.toString()},
            {"run", "demo", "--json", ""},
            {"run", "demo", "--json", "/proc/dramatis.json"},
            {"run", "demo", "--json", file.resolve("r.json").toString()},
            {"describe", "halo", "--json", dir.toString()},
            {"reproduce", "example", "--quick", "--out", file.toString()},
        };
        for (String[] args : bad) {
            Outcome o = run(args);
            assertEquals(2, o.code(), String.join(" ", args) + ": " + o.err());
            assertEquals(1, o.err().strip().lines().count(), o.err());
            assertFalse(o.err().contains("Exception"), o.err());
            // refused before the simulation: no summary printed
            assertFalse(o.out().contains("events"), o.out());
        }
        assertEquals("mine", Files.readString(file));
    }

    @Test
    void badInputGivesOneLineExitTwoAndNoOutputFile(@TempDir Path dir) throws Exception {
        Path topo = dir.resolve("bad.yaml");
        Files.writeString(topo, "components:\n  - {name: a, kind: token_nod}\n");
        Path out = dir.resolve("r.json");
        Outcome o = run("run", topo.toString(), "--json", out.toString());
        assertEquals(2, o.code());
        assertEquals(1, o.err().strip().lines().count(), o.err());
        assertTrue(o.err().startsWith("dramatis: " + topo + ":2:"), o.err());
        assertFalse(o.err().contains("Exception"), o.err());
        assertFalse(Files.exists(out));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "nothing but the user's own file is left in the folder");
        }
    }

    @Test
    void unknownOptionsAndTopologiesAreBadInput() {
        assertEquals(2, run("run", "--threads", "x").code());
        Outcome o = run("describe", "dem");
        assertEquals(2, o.code());
        assertTrue(o.err().contains("unknown topology 'dem'"), o.err());
        assertTrue(o.err().contains("did you mean 'demo'"), o.err());
    }

    @Test
    void runningOutOfMemoryGivesOneLineAndNoOutputFile(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("r.json");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xss4m", "-Xmx40m", "-cp", System.getProperty("java.class.path"),
                "org.dramatis.cli.Main", "run", "h2eal-cxl", "--model", "llama-3-8b", "--prompt", "1048576",
                "--generate", "1", "--decode-only", "--json", out.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, p.waitFor(), output);
        // the one error line alone: the note that 1M tokens exceed Llama-3-8B's trained context follows only a finished run
        List<String> lines = output.lines().toList();
        assertEquals(1, lines.size(), output);
        assertTrue(lines.get(0).startsWith("dramatis: out of memory (this JVM's heap holds "), output);
        assertFalse(Files.exists(out));
    }
}
