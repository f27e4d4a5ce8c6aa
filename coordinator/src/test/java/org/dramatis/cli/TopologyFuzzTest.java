package org.dramatis.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Robustness (issue 8): mutated copies of the shipped topologies must end with exit 0 or 2 within
 * a time bound, for {@code validate} and for {@code run --until-ps}, and never print a stack trace.
 * The mutations are seeded, so a failure names a file that can be rebuilt exactly.
 */
class TopologyFuzzTest {

    static final int MUTANTS = 220;
    static final long SEED = 20240611L;
    static final long LIMIT_SECONDS = 10;
    static final Pattern NUMBER = Pattern.compile("(?<![A-Za-z_\\[])-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
    static final Pattern KEY = Pattern.compile("^(\\s*-?\\s*)([a-z_]+):");
    static final String[] KINDS = {"token_node", "controller", "gpu", "pim_channel", "dram_channel", "no_such_kind"};
    static final String[] NUMBERS = {"-1", "0", "99999999999999999999", "1e300", "\"abc\"", "3000000000"};


    record Mutant(String name, String text, String how) {}

    static List<Mutant> mutants() throws IOException {
        List<String> names = lines(resource("topologies.index"));
        Random rnd = new Random(SEED);
        List<Mutant> out = new ArrayList<>();
        for (int i = 0; i < MUTANTS; i++) {
            String topo = names.get(i % names.size());
            List<String> lines = lines(resource(topo + ".yaml"));
            int kind = rnd.nextInt(10);
            int at = rnd.nextInt(lines.size());
            String how;
            switch (kind) {
                case 0 -> how = "delete line " + (at + 1) + ": " + lines.remove(at);
                case 1 -> {
                    lines.add(at, lines.get(at));
                    how = "duplicate line " + (at + 1);
                }
                case 2 -> {
                    int[] hit = find(lines, NUMBER, rnd);
                    if (hit == null) {
                        how = "no number";
                        break;
                    }
                    String repl = NUMBERS[rnd.nextInt(NUMBERS.length)];
                    String l = lines.get(hit[0]);
                    lines.set(hit[0], l.substring(0, hit[1]) + repl + l.substring(hit[2]));
                    how = "line " + (hit[0] + 1) + ": number '" + l.substring(hit[1], hit[2]) + "' -> " + repl;
                }
                case 3 -> {
                    int[] hit = find(lines, KEY, rnd);
                    if (hit == null) {
                        how = "no key";
                        break;
                    }
                    Matcher m = KEY.matcher(lines.get(hit[0]));
                    m.find();
                    lines.set(hit[0], m.replaceFirst(Matcher.quoteReplacement(m.group(1) + m.group(2) + "x:")));
                    how = "line " + (hit[0] + 1) + ": key '" + m.group(2) + "' renamed";
                }
                case 4 -> {
                    String l = lines.get(at);
                    lines.set(at, rnd.nextBoolean() ? " " + l : l.replaceFirst("^ ", ""));
                    how = "line " + (at + 1) + ": indentation changed";
                }
                case 5 -> {
                    String text = String.join("\n", lines);
                    int cut = rnd.nextInt(text.length());
                    lines = new ArrayList<>(List.of(text.substring(0, cut)));
                    how = "truncated at character " + cut;
                }
                case 6 -> {
                    int[] hit = find(lines, Pattern.compile("kind: (\\S+)"), rnd);
                    String k = KINDS[rnd.nextInt(KINDS.length)];
                    if (hit == null) {
                        how = "no kind";
                        break;
                    }
                    lines.set(hit[0], lines.get(hit[0]).replaceFirst("kind: \\S+", "kind: " + k));
                    how = "line " + (hit[0] + 1) + ": kind -> " + k;
                }
                case 7 -> {
                    int[] hit = find(lines, Pattern.compile("^\\s*(from|to):"), rnd);
                    if (hit == null) {
                        how = "no link endpoint";
                        break;
                    }
                    how = "drop link endpoint line " + (hit[0] + 1) + ": " + lines.remove(hit[0]).trim();
                }
                case 8 -> {
                    int[] hit = find(lines, Pattern.compile("\\[(\\*|[+-]?\\d+)]"), rnd);
                    if (hit == null) {
                        how = "no selector";
                        break;
                    }
                    String[] sel = {"[-1]", "[999]", "[+0]", "[x]", "[]"};
                    String s = sel[rnd.nextInt(sel.length)];
                    String l = lines.get(hit[0]);
                    lines.set(hit[0], l.substring(0, hit[1]) + s + l.substring(hit[2]));
                    how = "line " + (hit[0] + 1) + ": selector -> " + s;
                }
                default -> {
                    String l = lines.get(at);
                    int c = l.isEmpty() ? 0 : rnd.nextInt(l.length());
                    char[] junk = {':', '{', '[', '"', '\'', '#', '&', '*', '!', '\t'};
                    lines.set(at, l.substring(0, c) + junk[rnd.nextInt(junk.length)] + l.substring(c));
                    how = "line " + (at + 1) + ": stray character";
                }
            }
            out.add(new Mutant(String.format("%03d-%s.yaml", i, topo), String.join("\n", lines) + "\n", how));
        }
        return out;
    }

    /** A random line matching the pattern: {line, start, end} of the match, or null. */
    static int[] find(List<String> lines, Pattern p, Random rnd) {
        List<int[]> hits = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().startsWith("#")) continue;
            Matcher m = p.matcher(lines.get(i));
            while (m.find()) hits.add(new int[] {i, m.start(), m.end()});
        }
        return hits.isEmpty() ? null : hits.get(rnd.nextInt(hits.size()));
    }

    static String resource(String name) throws IOException {
        try (InputStream in = TopologyFuzzTest.class.getClassLoader().getResourceAsStream("dramatis/topologies/" + name)) {
            if (in == null) throw new IOException("no resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        for (String l : text.split("\n", -1)) if (!l.isBlank() || !out.isEmpty()) out.add(l);
        while (!out.isEmpty() && out.get(out.size() - 1).isBlank()) out.remove(out.size() - 1);
        return out;
    }

    @Test
    void mutatedTopologiesEndCleanly(@TempDir Path dir) throws Exception {
        List<String> problems = new ArrayList<>();
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fuzz");
            t.setDaemon(true);
            return t;
        });
        try {
            // FUZZ_DIR=DIR (environment) keeps the mutated files for reproducing a report by hand.
            Path out = System.getenv("FUZZ_DIR") == null ? dir : Files.createDirectories(Path.of(System.getenv("FUZZ_DIR")));
            for (Mutant m : mutants()) {
                Path f = out.resolve(m.name());
                Files.writeString(f, m.text());
                for (String[] args : new String[][] {{"validate", f.toString()}, {"run", f.toString(), "--until-ps", "1000000"}}) {
                    Future<CliTest.Outcome> run = pool.submit(() -> CliTest.run(args));
                    String what = m.name() + " (" + m.how() + "), " + args[0];
                    try {
                        CliTest.Outcome o = run.get(LIMIT_SECONDS, TimeUnit.SECONDS);
                        if (o.code() != 0 && o.code() != 2) problems.add(what + ": exit " + o.code() + ": " + firstLines(o.err()));
                        else if (o.err().contains("Exception") || o.err().contains("\tat ")) problems.add(what + ": " + firstLines(o.err()));
                    } catch (TimeoutException e) {
                        run.cancel(true);
                        problems.add(what + ": no end within " + LIMIT_SECONDS + " s");
                        break;
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(problems.isEmpty(), problems.size() + " problems:\n" + String.join("\n", problems));
    }

    static String firstLines(String s) {
        return String.join(" | ", s.lines().limit(4).toList());
    }
}
