package org.dramatis.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dramatis.common.UserError;
import org.dramatis.engine.LatencyPartitioner;
import org.dramatis.synthetic.TokenNode;
import org.junit.jupiter.api.Test;

class TopologyLoaderTest {

    static final String P = "{seed: 1, tokens: 1, hops: 3, max_delay_ps: 0, token_bytes: 8, pj_per_token: 1}";

    /** One component line of a flow-style components list. */
    static String node(String indent, String name, String extra) {
        return indent + "- {name: " + name + ", kind: token_node, params: " + P + extra + "}\n";
    }

    static Topology parse(String yaml, String... sets) {
        return TopologyLoader.parse("t.yaml", yaml, List.of(sets));
    }

    static String error(String yaml, String... sets) {
        return assertThrows(UserError.class, () -> parse(yaml, sets)).getMessage();
    }

    @Test
    void nonFiniteNumbersAreRefusedWithTheKey() {
        String ring = "components:\n" + node("  ", "s", ", count: 2") + "links:\n"
                + "  - {from: 's[*].out', to: 's[+1].in', latency_ps: 1000, bandwidth_gbps: 8, bidirectional: false}\n";
        for (String v : new String[] {"Infinity", "-Infinity", "NaN", "1e999"}) {
            String e = error(ring.replace("bandwidth_gbps: 8", "bandwidth_gbps: " + v));
            assertTrue(e.contains("'bandwidth_gbps' must be a finite number") && e.startsWith("t.yaml"), e);
        }
    }

    @Test
    void aKeyGivenTwiceIsRefusedWhereItRepeats() {
        String e = error("name: a\nname: b\ncomponents:\n" + node("  ", "s", ""));
        assertEquals("t.yaml:2:1: duplicate key 'name'", e);
    }

    @Test
    void ringWithOffsetsAndBlocks() {
        Topology t = parse("blocks:\n  chip:\n    components:\n" + node("      ", "s", ", count: 4")
                + "    links:\n"
                + "      - {from: 's[*].out', to: 's[+1].in', latency_ps: 1000, bandwidth_gbps: 8, bidirectional: false}\n"
                + "components:\n  - {name: chip, block: chip, count: 2}\n"
                + "links:\n  - {name: x, from: 'chip[0].s[0].x', to: 'chip[1].s[0].x',"
                + " latency_ps: {value: 9000, source: test}, bandwidth_gbps: 1}\n");
        assertEquals(8, t.instances().size());
        assertEquals("chip[1].s[3]", t.instances().get(7).path());
        assertEquals(9, t.links().size());
        Topology.Link wrap = t.links().get(3);
        assertEquals("chip[0].s[3]", wrap.from());
        assertEquals("chip[0].s[0]", wrap.to());
        assertEquals("test", t.links().get(8).provenance().get("latency_ps"));
        assertNull(t.links().get(0).provenance().get("latency_ps"));
        assertEquals(9000, LatencyPartitioner.maxLookahead(t.toGraph()));
    }

    @Test
    void fanOutSuffixesTheSinglePort() {
        Topology t = parse("components:\n" + node("  ", "hub", "") + node("  ", "leaf", ", count: 3")
                + "links:\n  - {name: spoke, from: hub.leaf, to: 'leaf[*].hub', latency_ps: 10, bandwidth_gbps: 1}\n");
        assertEquals(3, t.links().size());
        assertEquals("leaf[2]", t.links().get(2).fromPort());
        assertEquals("leaf[2]", t.links().get(2).to());
        assertEquals("spoke[2]", t.links().get(2).name());
        t.toGraph();
    }

    @Test
    void setOverridesAParameterAndKeepsItsShape() {
        String yaml = "components:\n  - {name: a, kind: token_node, params: {seed: 1, tokens: {value: 1, source: paper},"
                + " hops: 3, max_delay_ps: 0, token_bytes: 8, pj_per_token: 1}}\n" + node("  ", "b", "")
                + "links:\n  - {name: l, from: a.o, to: b.i, latency_ps: 10, bandwidth_gbps: 1}\n";
        Topology t = parse(yaml, "a.tokens=5", "l.latency_ps=77");
        assertEquals(5, ((TokenNode.Params) t.instances().get(0).params()).tokens());
        assertEquals("--set on the command line", t.instances().get(0).provenance().get("tokens"));
        assertEquals(77, t.links().get(0).spec().latencyPs());
        assertTrue(error(yaml, "a.tokenz=5").contains("unknown parameter 'tokenz' for kind 'token_node' (did you mean 'tokens'?)"));
        assertTrue(error(yaml, "zz.tokens=5").contains("no component or link named 'zz'"));
    }

    @Test
    void errorsNameTheFileLineAndProblem() {
        assertEquals("t.yaml:3:1: malformed YAML: expected ',' or ']', but got <stream end>",
                error("components:\n  - [a, b\n"));
        assertTrue(error("componets: []\n").startsWith("t.yaml:1:12: unknown key 'componets' in top level (did you mean 'components'?)"));
        assertTrue(error("components:\n  - {name: a, kind: token_nod}\n")
                .startsWith("t.yaml:2:21: unknown component kind 'token_nod' (did you mean 'token_node'?)"));
        assertTrue(error("components:\n" + node("  ", "a", "").replace("hops: 3", "hops: three"))
                .contains("'hops' must be an integer, got 'three'"));
        assertTrue(error("components:\n" + node("  ", "a", "").replace("hops: 3", "hops: -3"))
                .contains("kind 'token_node': hops must be >= 0"));
        assertTrue(error("components:\n" + node("  ", "a", "").replace("hops: 3, ", ""))
                .contains("missing parameter 'hops' for kind 'token_node'"));
        String two = "components:\n" + node("  ", "a", "") + node("  ", "b", "");
        assertTrue(error(two).contains("the topology is disconnected: 'b'"));
        assertTrue(error(two + "links:\n  - {from: a.o, to: c.i, latency_ps: 1, bandwidth_gbps: 1}\n")
                .contains("link endpoint names 'c', which does not exist here"));
        assertTrue(error(two + "links:\n  - {from: a.o, to: b.i, latency_ps: 0, bandwidth_gbps: 1}\n")
                .contains("'latency_ps' must be > 0"));
        assertTrue(error(two + "links:\n  - {from: a.o, to: b.i, latency_ps: 1, bandwidth_gbps: 1}\n"
                + "  - {from: a.o, to: b.j, latency_ps: 1, bandwidth_gbps: 1}\n").contains("port 'a.o' is already linked"));
        assertTrue(error("components:\n" + node("  ", "a", ", count: 0")).contains("'count' must be >= 1"));
    }
}
