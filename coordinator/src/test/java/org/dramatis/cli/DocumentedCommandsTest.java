package org.dramatis.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.dramatis.dram.DramConfig;
import org.dramatis.dram.Ramulator2Config;
import org.dramatis.experiment.Experiment;
import org.dramatis.mapping.MappingPolicies;
import org.dramatis.topology.TopologyLoader;
import org.dramatis.workload.ModelLoader;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command line the documentation shows (README.md, docs/*.md, and the examples in each
 * command's --help) parses, and what it names exists: topologies with their --set paths, models,
 * mappings, DRAM configs, experiments. Running them all as written would take hours (some
 * simulate a million tokens); parsing and resolving every name is what a typo breaks.
 */
class DocumentedCommandsTest {

    private static final Path ROOT = Path.of("..");
    /** A code line in Markdown (indented four spaces) or an inline `code` span that runs dramatis. */
    private static final Pattern CODE_LINE = Pattern.compile("^ {4}(?:\\./)?dramatis (.*)$");
    private static final Pattern INLINE = Pattern.compile("`(?:\\./)?dramatis ([^`]*)`");

    @Test
    void everyDocumentedCommandLineParsesAndNamesWhatExists() throws IOException {
        List<String> lines = documented();
        assertTrue(lines.size() > 30, "found only " + lines.size() + " documented command lines");
        List<String> failures = new ArrayList<>();
        for (String line : lines) {
            try {
                check(line);
            } catch (RuntimeException e) {
                failures.add("'dramatis " + line + "': " + e.getMessage());
            }
        }
        if (!failures.isEmpty()) fail(failures.size() + " documented command lines are broken:\n" + String.join("\n", failures));
    }

    private static List<String> documented() throws IOException {
        List<String> out = new ArrayList<>();
        List<Path> docs = new ArrayList<>(List.of(ROOT.resolve("README.md"), ROOT.resolve("BENCHMARKS.md")));
        try (Stream<Path> files = Files.list(ROOT.resolve("docs"))) {
            files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        for (Path doc : docs) {
            String text = Files.readString(doc).replace("\\\n", " ");
            for (String l : text.lines().toList()) {
                Matcher m = CODE_LINE.matcher(l);
                if (m.matches()) out.add(m.group(1));
                Matcher in = INLINE.matcher(l);
                while (in.find()) out.add(in.group(1));
            }
        }
        CommandLine cli = new CommandLine(new Main());
        for (CommandLine sub : cli.getSubcommands().values()) {
            for (String f : sub.getCommandSpec().usageMessage().footer()) {
                String s = f.strip();
                if (s.startsWith("dramatis ")) out.add(s.substring("dramatis ".length()));
            }
        }
        // placeholders (NAME, FILE, M, [--json OUT], ...) are syntax, not command lines
        // ... and a shell's redirection of the output is the shell's, not the command's
        out.replaceAll(l -> l.replaceAll("\\s+#.*$", "").replaceAll("\\s+\\(.*\\)$", "").replaceAll("\\s+>\\s*\\S+$", "")
                .strip());
        out.removeIf(l -> l.matches(".*(\\b[A-Z][A-Z0-9_.]*\\b(?<!HBM2_8Gb_x128)|\\[|\\.\\.\\.|\\|).*") || l.isEmpty());
        // a command named in prose ("`dramatis trace` replays ...") is not a command line
        out.removeIf(l -> !l.contains(" "));
        return out;
    }

    private static void check(String line) {
        String[] args = line.split("\\s+");
        CommandLine cli = new CommandLine(new Main());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        CommandLine.ParseResult parsed = cli.parseArgs(args);
        if (!parsed.hasSubcommand()) return;
        CommandLine.ParseResult sub = parsed.subcommand();
        String name = sub.commandSpec().name();
        List<String> sets = sub.matchedOptionValue("--set", List.of());
        String positional = sub.matchedPositionals().isEmpty() ? null : sub.matchedPositionals().get(0).getValue().toString();
        switch (name) {
            case "run", "describe", "validate" -> {
                if (positional != null) TopologyLoader.load(file(positional), sets);
            }
            case "sweep", "reproduce" -> {
                if (positional != null) Experiment.load(file(positional), true);
            }
            case "trace" -> DramConfig.named(dramConfig(sub.matchedOptionValue("--config", "")));
            default -> { }
        }
        String model = sub.matchedOptionValue("--model", null);
        if (model != null) ModelLoader.load(file(model));
        String mapping = sub.matchedOptionValue("--mapping", null);
        if (mapping != null) MappingPolicies.get(mapping);
    }

    /** A DRAM config as {@link #file} finds it; the user's own Ramulator 2 config ({@code my.yaml}) stands for the shipped one. */
    private static String dramConfig(String given) {
        return given.startsWith("my") && Ramulator2Config.isYaml(given) ? "DDR4_8Gb_x8_2400R" : file(given);
    }

    /**
     * A path as the documentation gives it (from the repository's root), or a shipped name as it
     * is. The user's own files of the examples ({@code my.yaml}, {@code my-study.yaml}) stand for
     * the shipped example of their sort.
     */
    private static String file(String given) {
        if (given.startsWith("my") && given.endsWith(".yaml")) return given.contains("study") ? "example" : "demo";
        return given.contains("/") && Files.exists(ROOT.resolve(given)) ? ROOT.resolve(given).toString() : given;
    }
}
