package org.dramatis.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.dramatis.common.Outputs;
import org.dramatis.common.UserError;
import org.dramatis.report.SweepReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Experiment files, grids, resume, CSV and comparison ratios, with a stand-in runner (no simulation). */
class ExperimentTest {

    static final String TINY = """
            name: tiny
            grid:
              topologies: [a100, h100]
              mappings: {a100: [gpu], h100: [gpu]}
              models: [opt-350m]
              prompt: [100, 400]
              generate: [4]
            compare:
              vary: topology
              reference: h100
              metrics: [ttft_ms, energy_mj]
            """;

    /** TTFT = prompt x (3 on a100, 1 on h100) ms; energy = 10 (a100) or 5 (h100) x prompt mJ; counts calls. */
    static Function<Point, ObjectNode> fake(AtomicInteger calls) {
        return p -> {
            calls.incrementAndGet();
            boolean a100 = p.topology().equals("a100");
            double scale = p.prompt() == 100 ? 1 : 2;
            ObjectNode root = Outputs.JSON.createObjectNode();
            ObjectNode s = root.putObject("simulated");
            s.put("ttft_ms", p.prompt() * (a100 ? 3.0 * scale : 1.0));
            s.put("tpot_ms", 1.0);
            s.put("total_ms", 2.0);
            s.put("energy_mj", p.prompt() * (a100 ? 10.0 : 5.0));
            s.put("energy_per_token_mj", 1.0);
            s.putObject("by_kind").putObject("gpu").put("energy_mj", 1.0);
            s.putObject("operators_ms").putObject("prefill").put("fc1", 1.0);
            root.putObject("host").put("events", 1).put("wall_time_s", 0.0);
            return root;
        };
    }

    @Test
    void gridIsTheProductWithPerTopologyMappingsAndExcludes() {
        Experiment e = Experiment.parse("x.yaml", """
                grid:
                  mappings: {a100: [gpu], h100: [gpu]}
                  models: [opt-350m, opt-1.3b]
                  attention: [dense, streaming]
                  prompt: 64
                  generate: [4, 8]
                exclude:
                  - {topology: a100, attention: streaming}
                quick:
                  models: [opt-350m]
                """, false);
        assertEquals(2 * 2 * 2 * 2 - 4, e.points().size());
        assertTrue(e.points().stream().noneMatch(p -> p.topology().equals("a100") && p.attention().equals("streaming")));
        assertEquals(3, Experiment.parse("x.yaml", "grid: {topologies: a100, models: [opt-350m, opt-1.3b],"
                + " prompt: [1, 2, 3], generate: 1}\nquick: {models: opt-350m}", true).points().size());
        Point p = e.points().get(0);
        assertEquals("gpu", p.mapping(), "per-topology mappings");
        assertEquals(p.id(), new Point(p.topology(), p.model(), p.mapping(), p.attention(), p.prompt(), p.generate(),
                p.batch(), p.sets(), p.decodeSamples()).id(), "the id depends on the description only");
        assertFalse(p.id().equals(e.points().get(1).id()));
    }

    @Test
    void ratiosAreBaselineOverReferenceWithGeometricMeanAndRange() {
        Experiment e = Experiment.parse("tiny.yaml", TINY, false);
        ExperimentRun r = ExperimentRun.run(e, null, 1, fake(new AtomicInteger()), s -> {});
        Comparison c = Comparison.of(e.compare(), r.grid());
        Comparison.Summary ttft = c.summaries().stream().filter(s -> s.metric().equals("ttft_ms")).findFirst().orElseThrow();
        assertEquals("a100", ttft.baseline());
        // a100/h100 TTFT ratio is 3 at prompt 100 and 6 at prompt 400.
        assertEquals(Math.sqrt(3 * 6), ttft.geomean(), 1e-12);
        assertEquals(3, ttft.min(), 1e-12);
        assertEquals(6, ttft.max(), 1e-12);
        assertEquals(2, ttft.n());
        Comparison.Summary energy = c.summaries().stream().filter(s -> s.metric().equals("energy_mj")).findFirst().orElseThrow();
        assertEquals(2.0, energy.geomean(), 1e-12);
        assertEquals(4, c.rows().size(), "2 groups x 2 metrics");
    }

    @Test
    void resumeSkipsFinishedPointsAndCsvHasStableColumns(@TempDir Path dir) throws Exception {
        Experiment e = Experiment.parse("tiny.yaml", TINY, false);
        AtomicInteger calls = new AtomicInteger();
        ExperimentRun.run(e, dir, 2, fake(calls), s -> {});
        assertEquals(4, calls.get());
        ExperimentRun again = ExperimentRun.run(e, dir, 2, fake(calls), s -> {});
        assertEquals(4, calls.get(), "a rerun runs nothing");
        assertTrue(again.grid().stream().allMatch(Sweep.Outcome::reused));
        Files.delete(dir.resolve("points").resolve(e.points().get(1).id() + ".json"));
        ExperimentRun.run(e, dir, 1, fake(calls), s -> {});
        assertEquals(5, calls.get(), "only the missing point runs");

        new SweepReport(again).write(dir);
        List<String> csv = Files.readAllLines(dir.resolve("results.csv"));
        assertEquals(String.join(",", SweepReport.COLUMNS), csv.get(0));
        assertEquals(5, csv.size());
        assertTrue(csv.get(1).startsWith(e.points().get(0).id() + ",grid,ok,a100,opt-350m,gpu,dense,100,4,1,,3,300.0,"), csv.get(1));
        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("| a100 | ttft_ms | 4.243 | 3.000 | 6.000 | 2 |"), md);
    }

    @Test
    void aDecodeOnlyExperimentMarksItsPoints() {
        Experiment all = Experiment.parse("t.yaml", "grid: {topologies: a100, models: opt-350m, prompt: 64, generate: 4}",
                false);
        Experiment decodeOnly = Experiment.parse("t.yaml", "prefill: false\ngrid: {topologies: a100, models: opt-350m,"
                + " prompt: 64, generate: 4}", false);
        Point p = all.points().get(0);
        Point d = decodeOnly.points().get(0);
        assertTrue(p.prefill());
        assertFalse(d.prefill());
        assertEquals(p.description() + " prefill=false", d.description());
        assertFalse(p.id().equals(d.id()), "a decode-only point is another point");
        UserError e = assertThrows(UserError.class, () -> Experiment.parse("t.yaml", "prefill: maybe\ngrid: {topologies:"
                + " a100, models: opt-350m, prompt: 64, generate: 4}", false));
        assertTrue(e.getMessage().contains("t.yaml:1") && e.getMessage().contains("'prefill' must be true or false"),
                e.getMessage());
    }

    @Test
    void anEditedTopologyFileRunsItsPointsAgain(@TempDir Path dir) throws Exception {
        Path topo = dir.resolve("gpu.yaml");
        Files.writeString(topo, org.dramatis.topology.TopologyLoader.read("a100").text());
        Experiment e = Experiment.parse("t.yaml", "grid: {topologies: [" + topo + "], mappings: {" + topo
                + ": [gpu]}, models: [opt-350m], prompt: [100], generate: [4]}", false);
        Path out = dir.resolve("out");
        AtomicInteger calls = new AtomicInteger();
        ExperimentRun.run(e, out, 1, fake(calls), s -> {});
        ExperimentRun.run(e, out, 1, fake(calls), s -> {});
        assertEquals(1, calls.get(), "unchanged inputs: the point is reused");
        Files.writeString(topo, Files.readString(topo) + "# edited\n");
        ExperimentRun again = ExperimentRun.run(e, out, 1, fake(calls), s -> {});
        assertEquals(2, calls.get(), "an edited topology file: the point runs again");
        assertFalse(again.grid().get(0).reused());
    }

    @Test
    void failedPointsAreRecordedAndTheSweepGoesOn(@TempDir Path dir) throws Exception {
        Experiment e = Experiment.parse("tiny.yaml", TINY, false);
        AtomicInteger calls = new AtomicInteger();
        Function<Point, ObjectNode> ok = fake(calls);
        ExperimentRun r = ExperimentRun.run(e, dir, 1, p -> {
            if (p.prompt() == 400 && p.topology().equals("a100")) throw new UserError("does not fit");
            return ok.apply(p);
        }, s -> {});
        assertEquals(3, r.grid().stream().filter(Sweep.Outcome::ok).count());
        Sweep.Outcome failed = r.grid().stream().filter(o -> !o.ok()).findFirst().orElseThrow();
        assertEquals("does not fit", failed.error());
        assertEquals("failed", Outputs.JSON.readTree(dir.resolve("points").resolve(failed.point().id() + ".json").toFile())
                .get("status").asText());
    }

    /**
     * Ablations: a mechanism off in the reference, or in every configuration, and the ratios taken
     * again at one group. Stand-in: static power is half of a100's energy and a fifth of h100's; a
     * slower h100 (bandwidth cap 0.425) takes twice the TTFT.
     */
    @Test
    void ablationsTakeTheRatiosAgainWithEachMechanismOff(@TempDir Path dir) throws Exception {
        Experiment e = Experiment.parse("tiny.yaml", TINY + """
                ablations:
                  at: {prompt: 100}
                  mechanisms:
                    - {name: static power, to: all, static_power: false, why: what the idle power adds}
                    - {name: bandwidth, sets: [gpu.bandwidth_cap=0.425]}
                """, false);
        assertEquals(2, e.ablationPoints().size());
        assertTrue(e.ablationPoints().get(0).stream().noneMatch(Point::staticPower), "to: all");
        assertEquals(List.of(List.of(), List.of("gpu.bandwidth_cap=0.425")),
                e.ablationPoints().get(1).stream().map(Point::sets).toList(), "the reference (h100) only, grid order a100, h100");
        assertTrue(e.ablationPoints().get(0).get(0).description().endsWith(" static_power=false"));
        Function<Point, ObjectNode> base = fake(new AtomicInteger());
        ExperimentRun r = ExperimentRun.run(e, dir, 1, p -> {
            ObjectNode root = base.apply(p);
            ObjectNode s = (ObjectNode) root.get("simulated");
            boolean a100 = p.topology().equals("a100");
            if (!p.staticPower()) s.put("energy_mj", s.get("energy_mj").asDouble() * (a100 ? 0.5 : 0.8));
            if (!p.sets().isEmpty()) s.put("ttft_ms", s.get("ttft_ms").asDouble() * 2);
            return root;
        }, s -> {});
        List<Comparison.Row> asBuilt = Comparison.within(e.compare(), e.ablationGroup(), r.ablationGroupAsBuilt(), r.grid());
        List<Comparison.Row> noStatic = Comparison.within(e.compare(), e.ablationGroup(), r.ablations().get(0), r.grid());
        List<Comparison.Row> slower = Comparison.within(e.compare(), e.ablationGroup(), r.ablations().get(1), r.grid());
        assertEquals(List.of(3.0, 2.0), asBuilt.stream().map(Comparison.Row::ratio).toList());
        assertEquals(List.of(3.0, 500.0 / 400.0), noStatic.stream().map(Comparison.Row::ratio).toList());
        assertEquals(List.of(1.5, 2.0), slower.stream().map(Comparison.Row::ratio).toList());

        new SweepReport(r).write(dir);
        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("| (none: as built) | a100 | 3.000 | 2.000 |"), md);
        assertTrue(md.contains("| static power | a100 | 3.000 | 1.250 |"), md);
        assertTrue(md.contains("| bandwidth | a100 | 1.500 | 2.000 |"), md);
        assertTrue(md.contains("- **static power**: no static power charged, in every configuration. what the idle power adds"), md);
        List<String> csv = Files.readAllLines(dir.resolve("results.csv"));
        assertEquals(4 + 3, csv.size() - 1, "the grid, then each ablation point once (the unchanged a100 is the grid's)");
        assertTrue(csv.stream().filter(l -> l.contains(",ablation,")).count() == 3, String.join("\n", csv));

        Map<String, String> bad = Map.of(
                "ablations:\n  at: {prompt: 100}\n  mechanisms:\n    - {name: nothing}\n", "tiny.yaml:15",
                "ablations:\n  at: {prompt: 100}\n  mechanisms:\n    - {name: x, to: some, static_power: false}\n", "tiny.yaml:15",
                "ablations:\n  at: {prompt: 100}\n  mechanisms:\n    - {name: x, sets: [gpu.bandwidth_kap=1]}\n", "tiny.yaml:15",
                "ablations:\n  at: {prompt: 7}\n  mechanisms:\n    - {name: x, static_power: false}\n", "tiny.yaml:13");
        bad.forEach((text, where) -> {
            UserError err = assertThrows(UserError.class, () -> Experiment.parse("tiny.yaml", TINY + text, false), text);
            assertTrue(err.getMessage().startsWith(where + ":"), err.getMessage());
        });
    }

    /** A published figure sits beside its point's simulated value; a figure the quick grid leaves out is dropped. */
    @Test
    void publishedFiguresAreSetBesideTheirPointsSimulatedValue(@TempDir Path dir) throws Exception {
        String figures = """
                quick: {prompt: [100]}
                published:
                  - {at: {topology: h100, prompt: 100}, metric: ttft_ms, value: 80, source: "paper X, table 2"}
                  - {at: {topology: a100, prompt: 400}, metric: energy_mj, value: 5000, source: "simulator Y | run Z"}
                """;
        Experiment e = Experiment.parse("tiny.yaml", TINY + figures, false);
        assertEquals(List.of("ttft_ms", "energy_mj"), e.published().stream().map(Experiment.Published::metric).toList());
        assertEquals("a100", e.published().get(1).point().topology());
        assertEquals(1, Experiment.parse("tiny.yaml", TINY + figures, true).published().size(),
                "--quick keeps prompt 100 only, so the figure at 400 has no point");

        ExperimentRun r = ExperimentRun.run(e, dir, 1, fake(new AtomicInteger()), s -> {});
        new SweepReport(r).write(dir);
        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("## Against published figures"), md);
        assertTrue(md.contains("| ttft_ms | 80.00 | 100.0 | 1.25 | paper X, table 2 |"), md);
        assertTrue(md.contains("| energy_mj | 5000 | 4000 | 0.80 | simulator Y \\| run Z |"), md);

        Map<String, String> bad = Map.of(
                "published:\n  - {at: {prompt: 100}, metric: ttft_ms, value: 1, source: s}\n", "tiny.yaml:13",
                "published:\n  - {at: {prompt: 7}, metric: ttft_ms, value: 1, source: s}\n", "tiny.yaml:13",
                "published:\n  - {at: {topology: a100, prompt: 100}, metric: ttft, value: 1, source: s}\n", "tiny.yaml:13",
                "published:\n  - at: {topology: a100, prompt: 100}\n    metric: ttft_ms\n    value: -1\n    source: s\n",
                "tiny.yaml:15",
                "published:\n  - at: {topology: a100, prompt: 100}\n    metric: ttft_ms\n    value: 1\n    source: ' '\n",
                "tiny.yaml:16");
        bad.forEach((text, where) -> {
            UserError err = assertThrows(UserError.class, () -> Experiment.parse("tiny.yaml", TINY + text, false), text);
            assertTrue(err.getMessage().startsWith(where + ":"), err.getMessage());
        });
    }

    @Test
    void theReportSetsEachPointBesideItsFloorsAndSaysWhereAFarOneSpendsItsTime(@TempDir Path dir) throws Exception {
        Function<Point, ObjectNode> base = fake(new AtomicInteger());
        Function<Point, ObjectNode> withFloors = p -> {
            ObjectNode root = base.apply(p);
            ObjectNode s = (ObjectNode) root.get("simulated");
            ((ObjectNode) s.get("operators_ms").get("prefill")).put("attn", 0.5).put("norm", 0.25).put("rope", 0.125);
            // a100 at 100 tokens: 300 ms against a 100 ms floor (3x); h100: 100 ms against 80 ms (1.25x)
            boolean a100 = p.topology().equals("a100");
            double sim = s.get("ttft_ms").asDouble();
            double floor = a100 ? sim / 3 : sim / 1.25;
            s.putObject("lower_bounds").putObject("prefill").put("memory_ms", floor).put("compute_ms", 0.0)
                    .put("link_ms", 0.0).put("bound_ms", floor).put("limit", "memory").put("limited_by", "gpu")
                    .put("simulated_ms", sim).put("ratio", sim / floor);
            // the GPU busy half of the time: 150 ms of 300, 1.5x its 100 ms floor while busy
            ((ObjectNode) s.get("by_kind").get("gpu")).put("prefill_utilisation", 0.5);
            return root;
        };
        Experiment e = Experiment.parse("tiny.yaml", TINY, false);
        new SweepReport(ExperimentRun.run(e, dir, 1, withFloors, s -> {})).write(dir);
        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("## Against the analytic floors"), md);
        assertTrue(md.contains("| prefill | 300.0 | 100.0 | memory | 3.00 | gpu busy 50% of the time, 1.50x its floor"
                + " while busy; fc1 1.000, attn 0.5000, norm 0.2500 |"), md);
        assertTrue(md.contains("| prefill | 100.0 | 80.00 | memory | 1.25 |  |"), md);
    }

    @Test
    void aQuickRunStillRefusesABadValueItsQuickGridReplaces() {
        String text = TINY.replace("generate: [4]", "generate: [1e30]") + "quick: {generate: [4]}\n";
        UserError e = assertThrows(UserError.class, () -> Experiment.parse("tiny.yaml", text, true));
        assertTrue(e.getMessage().startsWith("tiny.yaml:7:"), e.getMessage());
        assertEquals(4, Experiment.parse("tiny.yaml", TINY + "quick: {generate: [4]}\n", true).points().get(0).generate());
    }

    @Test
    void badFilesNameTheLine() {
        Map<String, String> cases = Map.of(
                "grid:\n  topologies: [a100]\n  models: [opt-350m]\n  prompt: [64]\n  generate: [4]\n  batchh: [1]\n", "t.yaml:6",
                "grid:\n  topologies: [a100, nope]\n  models: [opt-350m]\n  prompt: [64]\n  generate: [4]\n", "t.yaml:2",
                "grid:\n  topologies: [a100]\n  models:\n    - opt-350m\n    - opt-9000\n  prompt: [64]\n  generate: [4]\n", "t.yaml:5",
                "grid:\n  topologies: [a100]\n  models: [opt-350m]\n  mappings: [gpu, halp]\n  prompt: [64]\n  generate: [4]\n", "t.yaml:4",
                "grid:\n  topologies: [a100]\n  models: [opt-350m]\n  prompt: [0]\n  generate: [4]\n", "t.yaml:4",
                "grid:\n  topologies: [a100]\n  models: [opt-350m]\n  prompt: [64]\n  generate: [4]\ncompare:\n  vary: topology\n  reference: h100\n", "t.yaml:8",
                "grid:\n  topologies: [a100]\n  models: [opt-350m]\n  prompt: [64]\n  generate: [4]\n  sets: [[gpu.peak_flopz=1]]\n", "t.yaml:2",
                "grid: [\n", "t.yaml:2");
        cases.forEach((text, where) -> {
            UserError err = assertThrows(UserError.class, () -> Experiment.parse("t.yaml", text, false), text);
            assertTrue(err.getMessage().startsWith(where + ":"), err.getMessage());
            assertFalse(err.getMessage().contains("\n"), err.getMessage());
        });
    }
}
