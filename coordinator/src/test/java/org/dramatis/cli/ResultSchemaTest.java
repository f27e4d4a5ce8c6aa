package org.dramatis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.dramatis.common.Outputs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Results as written and as committed match the schema shipped in docs/result.schema.json. */
class ResultSchemaTest {

    private static final JsonSchema SCHEMA = load(null);
    /** The same schema held to its sweep-point branch, for messages that name the key at fault. */
    private static final JsonSchema POINT = load("#/$defs/sweepPoint");

    private static JsonSchema load(String only) {
        try {
            ObjectNode schema = (ObjectNode) Outputs.JSON.readTree(Path.of("../docs/result.schema.json").toFile());
            if (only != null) schema.putArray("oneOf").addObject().put("$ref", only);
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aRunsResultMatches(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("r.json");
        assertEquals(0, CliTest.run("run", "a100", "--model", "opt-350m", "--prompt", "16", "--generate", "3",
                "--json", out.toString()).code());
        JsonNode result = Outputs.JSON.readTree(out.toFile());
        assertEquals(Set.of(), SCHEMA.validate(result));
        // and the schema can say no: a negative time, a missing key
        ObjectNode broken = result.deepCopy();
        ((ObjectNode) broken.get("simulated")).put("tpot_ms", -1.0);
        ((ObjectNode) broken.get("simulated")).remove("energy");
        assertTrue(SCHEMA.validate(broken).size() >= 2, SCHEMA.validate(broken).toString());
    }

    @Test
    void everyCommittedPointMatches() throws IOException {
        List<Path> points = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("../topologies/experiments"))) {
            files.filter(f -> f.getParent().getFileName().toString().equals("points") && f.toString().endsWith(".json"))
                    .sorted().forEach(points::add);
        }
        assertTrue(points.size() > 50, "found " + points.size() + " committed points");
        List<String> bad = new ArrayList<>();
        for (Path p : points) {
            Set<ValidationMessage> errors = POINT.validate(Outputs.JSON.readTree(p.toFile()));
            if (!errors.isEmpty()) bad.add(p + ": " + errors.iterator().next());
        }
        assertEquals(List.of(), bad.subList(0, Math.min(5, bad.size())), bad.size() + " points do not match; the first five");
    }
}
