package org.dramatis.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class DescribeTest {

    @Test
    void actorsAreTheEngineComponentsAndComponentsTheModelledParts() {
        Topology t = TopologyLoader.load("halo", List.of());
        JsonNode d = Describe.of(t);
        JsonNode actors = d.get("actors");
        long total = 0;
        for (JsonNode n : actors) total += n.asLong();
        assertEquals(t.toGraph().size(), total, actors.toString());
        // a pim_channel actor models its banks inside itself: they are parts, not actors
        assertEquals(actors.get("pim_channel").asLong(), d.get("components").get("pim_channel").asLong());
        assertFalse(actors.has("bank"), actors.toString());
        assertEquals(32 * actors.get("pim_channel").asLong(), d.get("components").get("bank").asLong());
    }
}
