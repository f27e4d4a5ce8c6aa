package org.dramatis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Robustness (issue 8), the formats other than topology YAML ({@link TopologyFuzzTest}): mutated
 * DRAM {@code .ini} files, DRAMsim3 and Ramulator 2 traces, Hugging Face model configs, experiment
 * files and edge values of the numeric command-line options. Every case must end within a time
 * bound with exit 0, or with exit 2 and one line that names the file (or the option), without a
 * stack trace and without the output file. The mutations are seeded: {@code FUZZ_DIR=DIR} keeps
 * the mutated files for reproducing a report by hand.
 */
class FormatFuzzTest {

    static final long SEED = 20240612L;
    static final long LIMIT_SECONDS = 10;
    static final String[] EDGE = {"-1", "0", "1e30", "1e-9", "99999999999999999999", "abc", "Infinity", "NaN"};
    static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    static final Path SHIPPED = Path.of("../topologies");

    static ExecutorService pool;
    static Path dir;
    /** A small DRAMsim3 trace and a Ramulator 2 one, written by gen-trace. */
    static Path dramsim3;
    static Path ramulator;

    /** One invocation: what it does, the arguments, what an error must name, the output that must then be absent. */
    record Case(String what, String[] args, String mustName, Path output, String mustContain, boolean mustFail) {
        Case(String what, String[] args, String mustName, Path output) {
            this(what, args, mustName, output, null, false);
        }
    }

    @BeforeAll
    static void setUp(@TempDir Path tmp) throws Exception {
        pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fuzz");
            t.setDaemon(true);
            return t;
        });
        dir = System.getenv("FUZZ_DIR") == null ? tmp : Files.createDirectories(Path.of(System.getenv("FUZZ_DIR")));
        dramsim3 = dir.resolve("base.trace");
        ramulator = dir.resolve("base.ldst");
        assertEquals(0, CliTest.run("gen-trace", "mixed", "--requests", "40", "--seed", "3", "--out", dramsim3.toString()).code());
        assertEquals(0, CliTest.run("gen-trace", "mixed", "--requests", "40", "--seed", "4", "--format", "ramulator2", "--out",
                ramulator.toString()).code());
    }

    @AfterAll
    static void tearDown() {
        pool.shutdownNow();
    }

    // ---------------------------------------------------------------- DRAM .ini

    static final Pattern INI_VALUE = Pattern.compile("^(\\s*[A-Za-z_0-9]+\\s*[=:]\\s*)([^;#\\s][^;#]*?)(\\s*([;#].*)?)$");

    @Test
    void mutatedDramConfigs() throws Exception {
        List<Path> inis;
        try (Stream<Path> s = Files.list(SHIPPED.resolve("dram"))) {
            inis = s.filter(p -> p.toString().endsWith(".ini")).sorted().toList();
        }
        Random rnd = new Random(SEED);
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Path base = inis.get(i % inis.size());
            String stem = base.getFileName().toString().replace(".ini", "");
            Mutated m = mutateLines(Files.readString(base), rnd, INI_VALUE, EDGE, new String[] {"[timing", "[nosuch]", "tCK", "= 3"});
            Path f = dir.resolve(String.format("ini-%03d-%s.ini", i, stem));
            Files.write(f, m.bytes);
            Path out = dir.resolve(String.format("ini-%03d.json", i));
            cases.add(new Case(f.getFileName() + " (" + m.how + ")", new String[] {"trace", "--config", f.toString(), "--trace",
                    dramsim3.toString(), "--cycles", "2000", "--json", out.toString()}, f.toString(), out, at(f, m),
                    m.value != null && List.of("-1", "1e30", "99999999999999999999", "abc", "Infinity", "NaN").contains(m.value)));
        }
        check("ini", cases);
    }

    // ---------------------------------------------------------------- traces

    static final Pattern TRACE_FIELD = Pattern.compile("\\S+");

    @Test
    void mutatedTraces() throws Exception {
        Random rnd = new Random(SEED + 1);
        String[] fields = {"-1", "0", "0x", "0xFFFFFFFFFFFFFFFF", "0x1FFFFFFFFFFFFFFFF", "99999999999999999999", "READ", "WRITE", "LD",
            "ST", "P_FETCH", "abc", "1e3", "Infinity", "", "0x40 0x40"};
        List<Case> cases = new ArrayList<>();
        String[] configs = {"HBM_4Gb_x128", "DDR4_8Gb_x8_3200", "HBM2_8Gb_2Gbps"};
        for (int i = 0; i < 80; i++) {
            boolean ram = i % 2 == 1;
            Path base = ram ? ramulator : dramsim3;
            Mutated m = mutateLines(Files.readString(base), rnd, TRACE_FIELD, fields, new String[] {"0x40 READ", "LD", "#", "0x40 READ 5 6"});
            Path f = dir.resolve(String.format("trace-%03d.%s", i, ram ? "ldst" : "trace"));
            Files.write(f, m.bytes);
            Path out = dir.resolve(String.format("trace-%03d.json", i));
            cases.add(new Case(f.getFileName() + " (" + m.how + ")", new String[] {"trace", "--config", configs[i % configs.length],
                    "--trace", f.toString(), "--cycles", "3000", "--json", out.toString()}, f.toString(), out, at(f, m),
                    m.value != null && List.of("-1", "Infinity", "").contains(m.value)));
        }
        check("trace", cases);
    }

    // ---------------------------------------------------------------- model config JSON

    static final Pattern JSON_VALUE = Pattern.compile("^(\\s*\"[A-Za-z_0-9]+\"\\s*:\\s*)([^,\\s\\[{][^,]*?)(\\s*,?\\s*)$");

    @Test
    void mutatedModelConfigs() throws Exception {
        List<String> models = List.of("opt-350m", "opt-1.3b", "llama-2-7b", "llama-3-8b", "mistral-7b-v0.2", "qwen3-8b");
        String[] values = {"-1", "0", "1e30", "1e-9", "99999999999999999999", "\"abc\"", "Infinity", "NaN", "null", "2.5", "true",
            "3000000000", "1", "\"opt\"", "\"llama\"", "[]", "{}"};
        Random rnd = new Random(SEED + 2);
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            String model = models.get(i % models.size());
            Mutated m = mutateLines(Files.readString(SHIPPED.resolve("models/" + model + ".json")), rnd, JSON_VALUE, values,
                    new String[] {"{", "}", "\"hidden_size\": 64,", "[1, 2"});
            Path f = dir.resolve(String.format("model-%03d-%s.json", i, model));
            Files.write(f, m.bytes);
            Path out = dir.resolve(String.format("model-%03d.out.json", i));
            cases.add(new Case(f.getFileName() + " (" + m.how + ")", new String[] {"run", "a100", "--model", f.toString(), "--prompt",
                    "8", "--generate", "2", "--decode-only", "--progress", "none", "--json", out.toString()}, f.toString(), out,
                    m.line == 0 ? null : at(f, m) + "|" + f + ": line " + m.line + ":", false));
        }
        check("model", cases);
    }

    // ---------------------------------------------------------------- experiment YAML

    static final String EXPERIMENT = """
            name: fuzz
            description: one cheap point on the A100 roofline
            grid:
              topologies: [a100]
              mappings:
                a100: [gpu]
              models: [opt-350m]
              attention: [dense]
              prompt: [8, 16]
              generate: [2]
              batch: [1]
            decode_samples: 2
            prefill: false
            quick:
              prompt: [8]
              generate: 2
            exclude:
              - {prompt: 16, batch: 4}
            compare:
              vary: prompt
              reference: 8
              metrics: [tpot_ms, energy_mj]
            published:
              - at: {prompt: 8}
                metric: tpot_ms
                value: 1.0
                source: "none: a fuzz test"
            """;

    static final Pattern YAML_VALUE = Pattern.compile("^(\\s*-?\\s*[a-z_]+:\\s*)([^#\\s].*?)(\\s*(#.*)?)$");

    @Test
    void mutatedExperiments() throws Exception {
        String[] values = {"-1", "0", "1e30", "1e-9", "99999999999999999999", "abc", "[]", "{}", "[-1]", "[0, 8]", "[1e30]", "null",
            "\"\"", "[a100, nosuch]", "[opt-350m, nosuch]", "{a: 1}", "true", "[[8]]", "2147483647", "[2147483647]"};
        Random rnd = new Random(SEED + 3);
        List<Case> cases = new ArrayList<>();
        String example = Files.readString(SHIPPED.resolve("experiments/example.yaml"));
        for (int i = 0; i < 50; i++) {
            boolean own = i % 5 != 0;
            Mutated m = mutateLines(own ? EXPERIMENT : example, rnd, YAML_VALUE, values, new String[] {"  prompt: [8", "grid: [",
                "\tname: x", "name: other", "nosuch: 1", "- x"});
            Path f = dir.resolve(String.format("experiment-%03d.yaml", i));
            Files.write(f, m.bytes);
            Path out = dir.resolve(String.format("experiment-%03d.out", i));
            cases.add(new Case(f.getFileName() + " (" + (own ? "" : "example, ") + m.how + ")", new String[] {"sweep", f.toString(),
                    "--out", out.toString(), "--quick", "--progress", "none"}, f.toString(), out, at(f, m), false));
        }
        check("experiment", cases);
    }

    // ---------------------------------------------------------------- command-line values

    @Test
    void edgeValuesOfOptions() throws Exception {
        String[] values = {"-1", "0", "1", "abc", "99999999999999999999", "2147483647", "1e3", "", "0x10", "NaN", "-2147483648"};
        List<Case> cases = new ArrayList<>();
        int n = 0;
        String[] run = {"run", "a100", "--model", "opt-350m", "--prompt", "8", "--generate", "2", "--decode-only", "--progress",
            "none"};
        for (String opt : new String[] {"--prompt", "--generate", "--batch", "--decode-samples", "--token-budget", "--threads"}) {
            for (String v : values) {
                Path out = dir.resolve("opt-" + n++ + ".json");
                // "--batch 0" or "batch 2147483647 x context 10 needs ..."
                cases.add(new Case("run " + opt + " '" + v + "'", with(run, opt, v, "--json", out.toString()),
                        opt.substring(2) + (opt.equals("--prompt") || opt.equals("--generate") ? "|context " : ""), out));
            }
        }
        String[] sets = {"gpu.bytes_per_second=-1", "gpu.bytes_per_second=0", "gpu.bytes_per_second=abc",
            "gpu.bytes_per_second=Infinity", "gpu.bytes_per_second=NaN", "gpu.bytes_per_second=1e300", "gpu.bytes_per_second=",
            "gpu.bytes_per_second", "gpu.nosuch=1", "nosuch.x=1", "=1", "gpu.compute_cap=2", "gpu.compute_cap=-0.5",
            "gpu.memory_bytes=1", "gpu.launch_overhead_ps=-5", "command.latency_ps=-1", "host.sram_bytes=abc",
            "gpu.peak_flops=99999999999999999999", "command.bandwidth_gbps=0", "gpu.pj_per_byte=NaN"};
        for (String s : sets) {
            Path out = dir.resolve("opt-" + n++ + ".json");
            String[] args = with(run, "--set", s, "--json", out.toString());
            // a value refused names the --set; a value that the machine cannot use (the weights do not fit) the topology
            cases.add(new Case("run --set '" + s + "'", args, "--set|a100: ", out));
        }
        String[] trace = {"trace", "--config", "HBM_4Gb_x128", "--trace", dramsim3.toString(), "--cycles", "2000"};
        for (String v : new String[] {"-1", "0", "abc", "1e3", "99999999999999999999", "9223372036854775807", "", "0x10"}) {
            Path out = dir.resolve("opt-" + n++ + ".json");
            cases.add(new Case("trace --cycles '" + v + "'", with(trace, "--cycles", v, "--json", out.toString()), "--cycles", out));
        }
        for (String v : new String[] {"-1", "0", "abc", "99999999999999999999", ""}) {
            Path out = dir.resolve("opt-" + n++ + ".json");
            cases.add(new Case("trace --repeat '" + v + "'", with(trace, "--repeat", v, "--json", out.toString()), "--repeat", out));
        }
        String[] gen = {"gen-trace", "random", "--requests", "100"};
        for (String[] ov : new String[][] {{"--requests", "-1"}, {"--requests", "abc"}, {"--requests", "99999999999999999999"},
            {"--requests", "1e3"}, {"--requests", ""}, {"--requests", "0"}, {"--seed", "-1"}, {"--seed", "abc"},
            {"--seed", "99999999999999999999"}, {"--rate", "0"}, {"--rate", "-1"}, {"--rate", "NaN"}, {"--rate", "Infinity"},
            {"--rate", "1e-300"}, {"--rate", "abc"}, {"--rate", "1e300"}, {"--format", "nosuch"}}) {
            Path out = dir.resolve("opt-" + n++ + ".trace");
            cases.add(new Case("gen-trace " + ov[0] + " '" + ov[1] + "'", with(gen, ov[0], ov[1], "--out", out.toString()), ov[0], out));
        }
        check("options", cases);
    }

    /** {@code base} with {@code opt} set to {@code value} (replaced where present, else added), then {@code extra}. */
    static String[] with(String[] base, String opt, String value, String... extra) {
        List<String> a = new ArrayList<>(Arrays.asList(base));
        int at = a.indexOf(opt);
        if (at >= 0 && !opt.equals("--set")) {
            a.set(at + 1, value);
        } else {
            a.add(opt);
            a.add(value);
        }
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    // ---------------------------------------------------------------- mutations

    /** A mutated file: its bytes, how it was made, and for a value replaced its line and the new value (else 0, null). */
    record Mutated(byte[] bytes, String how, int line, String value) {}

    /** What an error about a replaced value must contain: FILE:LINE: (null for the other mutations). */
    static String at(Path f, Mutated m) {
        return m.line == 0 ? null : f + ":" + m.line + ":";
    }

    /**
     * One seeded mutation of a line-oriented text: a value (group 2 of {@code value}) replaced by one of
     * {@code values}, a line dropped, duplicated or replaced by junk, truncation, a UTF-8 BOM, binary bytes.
     */
    static Mutated mutateLines(String text, Random rnd, Pattern value, String[] values, String[] junk) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        int kind = rnd.nextInt(10);
        int at = rnd.nextInt(lines.size());
        String how;
        int line = 0;
        String repl = null;
        byte[] prefix = {};
        switch (kind) {
            case 0, 1, 2 -> {
                List<int[]> hits = new ArrayList<>();
                for (int i = 0; i < lines.size(); i++) {
                    String t = lines.get(i).strip();
                    if (t.startsWith("#") || t.startsWith(";")) continue;
                    Matcher m = value.matcher(lines.get(i));
                    if (value.pattern().startsWith("^")) {
                        if (m.find()) hits.add(new int[] {i, m.start(2), m.end(2)});
                    } else {
                        while (m.find()) hits.add(new int[] {i, m.start(), m.end()});
                    }
                }
                if (hits.isEmpty()) {
                    how = "no value";
                    break;
                }
                int[] h = hits.get(rnd.nextInt(hits.size()));
                String l = lines.get(h[0]);
                repl = values[rnd.nextInt(values.length)];
                line = h[0] + 1;
                lines.set(h[0], l.substring(0, h[1]) + repl + l.substring(h[2]));
                how = "line " + (h[0] + 1) + ": '" + l.substring(h[1], h[2]) + "' -> '" + repl + "'";
            }
            case 3 -> how = "delete line " + (at + 1) + ": " + lines.remove(at).strip();
            case 4 -> {
                lines.add(at, lines.get(at));
                how = "duplicate line " + (at + 1);
            }
            case 5 -> {
                String j = junk[rnd.nextInt(junk.length)];
                lines.add(at, j);
                how = "insert line " + (at + 1) + ": " + j;
            }
            case 6 -> {
                int cut = rnd.nextInt(Math.max(1, text.length()));
                lines = new ArrayList<>(List.of(text.substring(0, cut)));
                how = "truncated at character " + cut;
            }
            case 7 -> {
                prefix = BOM;
                how = "UTF-8 byte order mark";
            }
            case 8 -> {
                byte[] b = new byte[1 + rnd.nextInt(8)];
                rnd.nextBytes(b);
                String joined = String.join("\n", lines);
                int cut = rnd.nextInt(joined.length() + 1);
                ByteArrayOutputStream o = new ByteArrayOutputStream();
                o.writeBytes(joined.substring(0, cut).getBytes(StandardCharsets.UTF_8));
                o.writeBytes(b);
                o.writeBytes(joined.substring(cut).getBytes(StandardCharsets.UTF_8));
                return new Mutated(o.toByteArray(), b.length + " random bytes at character " + cut, 0, null);
            }
            default -> {
                String l = lines.get(at);
                int c = l.isEmpty() ? 0 : rnd.nextInt(l.length());
                char[] stray = {'=', ':', '[', ']', '"', ';', '#', '{', '\t', '\0', 'x'};
                lines.set(at, l.substring(0, c) + stray[rnd.nextInt(stray.length)] + l.substring(c));
                how = "line " + (at + 1) + ": stray character";
            }
        }
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.writeBytes(prefix);
        o.writeBytes(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
        return new Mutated(o.toByteArray(), how, line, repl);
    }

    // ---------------------------------------------------------------- the checks

    /** Runs every case and fails with the list of those that did not end cleanly. */
    static void check(String format, List<Case> cases) throws Exception {
        List<String> problems = new ArrayList<>();
        int ok = 0;
        int bad = 0;
        long t0 = System.nanoTime();
        StringBuilder log = new StringBuilder();
        for (Case c : cases) {
            Future<CliTest.Outcome> run = pool.submit(() -> CliTest.run(c.args()));
            CliTest.Outcome o;
            try {
                o = run.get(LIMIT_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                run.cancel(true);
                problems.add(c.what() + ": no end within " + LIMIT_SECONDS + " s");
                break;
            }
            List<String> lines = o.err().lines().filter(l -> !l.isBlank())
                    // picocli's usage hints after a bad option value
                    .filter(l -> !l.startsWith("Try 'dramatis ") && !l.startsWith("Did you mean: ")).toList();
            log.append(o.code()).append(' ').append(c.what()).append(" => ").append(String.join(" | ", lines)).append('\n');
            String err = o.err();
            if (o.code() != 0 && o.code() != 2) {
                problems.add(c.what() + ": exit " + o.code() + ": " + firstLines(err));
            } else if (err.contains("Exception") || err.contains("\tat ") || err.contains("at org.")) {
                problems.add(c.what() + ": stack trace or exception: " + firstLines(err));
            } else if (o.code() == 2) {
                bad++;
                if (lines.size() != 1) problems.add(c.what() + ": " + lines.size() + " lines: " + firstLines(err));
                else if (c.mustName() != null && Arrays.stream(c.mustName().split("\\|")).noneMatch(lines.get(0)::contains)) {
                    problems.add(c.what() + ": does not name " + c.mustName() + ": " + lines.get(0));
                } else if (c.mustContain() != null && Arrays.stream(c.mustContain().split("\\|")).noneMatch(lines.get(0)::contains)) {
                    problems.add(c.what() + ": does not name " + c.mustContain() + ": " + lines.get(0));
                }
                if (c.output() != null && exists(c.output())) problems.add(c.what() + ": exit 2 but " + c.output() + " was written");
            } else {
                ok++;
                if (c.mustFail()) problems.add(c.what() + ": a bad value accepted (exit 0)");
            }
        }
        System.out.printf("%s: %d cases, %d exit 0, %d exit 2, %.1f s%n", format, cases.size(), ok, bad, (System.nanoTime() - t0) / 1e9);
        if (System.getenv("FUZZ_DIR") != null) Files.writeString(dir.resolve(format + ".log"), log);
        assertTrue(problems.isEmpty(), format + ": " + problems.size() + " problems:\n" + String.join("\n", problems));
    }

    static boolean exists(Path p) throws IOException {
        if (!Files.isDirectory(p)) return Files.exists(p);
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isPresent();
        }
    }

    static String firstLines(String s) {
        return String.join(" | ", s.lines().limit(4).toList());
    }
}
