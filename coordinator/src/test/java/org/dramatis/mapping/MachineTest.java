package org.dramatis.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.dramatis.common.UserError;
import org.dramatis.components.noc.NocAddress;
import org.dramatis.topology.TopologyLoader;
import org.junit.jupiter.api.Test;

/** How the controller finds its units: directly, or behind a device's crossbar. */
class MachineTest {

    static final String VEC = "{lanes: 16, frequency_hz: 1.0e9, pj_per_op: 1, buffer_pj_per_byte: 1, static_power_w: 0}";

    /** A controller, and {@code n} vector units behind crossbar {@code xbar}, joined by {@code links}. */
    static String machine(int n, String links) {
        return "name: t\ncomponents:\n"
                + "  - {name: host, kind: controller}\n"
                + "  - {name: xbar, kind: crossbar, params: {hop_latency_ps: 1000, pj_per_bit_hop: 0.1, static_power_w: 0}}\n"
                + "  - {name: vec, kind: vector_unit, count: " + n + ", params: " + VEC + "}\n"
                + "links:\n" + links;
    }

    static String link(String name, String from, String to) {
        return "  - {name: " + name + ", from: '" + from + "', to: '" + to + "'"
                + ", latency_ps: 1000, bandwidth_gbps: 10, energy_pj_per_bit: 1}\n";
    }

    @Test
    void thePartsBehindACrossbarAreUnitsAddressedByTheirDownPort() {
        Machine m = Machine.of(TopologyLoader.parse("t.yaml",
                machine(3, link("ext", "host.v", "xbar.up") + link("int", "xbar.down", "vec[*].host")), List.of()));
        List<Machine.Unit> units = m.units("vector_unit");
        assertEquals(List.of("vec[0]", "vec[1]", "vec[2]"), units.stream().map(u -> u.instance().path()).toList());
        assertEquals(List.of(new NocAddress(0, 0), new NocAddress(1, 0), new NocAddress(2, 0)),
                units.stream().map(Machine.Unit::dst).toList());
        // all of them are reached through the controller's one port to the crossbar
        assertEquals(List.of("v", "v", "v"), units.stream().map(Machine.Unit::port).toList());
    }

    @Test
    void everyCentChannelIsReachedThroughItsDevicesCrossbar() {
        Machine m = Machine.of(TopologyLoader.load("cent", List.of()));
        List<Machine.Unit> channels = m.units("pim_channel");
        assertEquals(8 * 32, channels.size());
        Machine.Unit u = channels.get(32 + 5);
        assertEquals("dev[1].ch[5]", u.instance().path());
        assertEquals(new NocAddress(5, 0), u.dst());
    }

    @Test
    void aCrossbarEnteredOnAnotherPortThanUpIsAnError() {
        String yaml = machine(2, link("ext", "host.v", "xbar.side") + link("int", "xbar.down", "vec[*].host"));
        String msg = assertThrows(UserError.class, () -> Machine.of(TopologyLoader.parse("t.yaml", yaml, List.of())))
                .getMessage();
        assertTrue(msg.contains("t.yaml:") && msg.contains("'ext'") && msg.contains("'up' port"), msg);
    }

    @Test
    void eachGroupOfACrossbarsPortsHasItsOwnRowOfAddresses() {
        String yaml = machine(2, link("ext", "host.v", "xbar.up") + link("b", "xbar.b", "vec[*].host")
                + link("a", "xbar.a", "other[*].host")).replace("links:\n",
                "  - {name: other, kind: vector_unit, count: 3, params: " + VEC + "}\nlinks:\n");
        List<Machine.Unit> units = Machine.of(TopologyLoader.parse("t.yaml", yaml, List.of())).units("vector_unit");
        // groups in name order: a (other[0..2]) is row 0, b (vec[0..1]) row 1
        assertEquals(List.of("other[0]", "other[1]", "other[2]", "vec[0]", "vec[1]"),
                units.stream().map(u -> u.instance().path()).toList());
        assertEquals(List.of(new NocAddress(0, 0), new NocAddress(1, 0), new NocAddress(2, 0), new NocAddress(0, 1),
                new NocAddress(1, 1)), units.stream().map(Machine.Unit::dst).toList());
    }

    @Test
    void aCrossbarPortWithoutAnIndexBelowItIsAnError() {
        String yaml = machine(1, link("ext", "host.v", "xbar.up") + link("int", "xbar.side", "vec[0].host"));
        String msg = assertThrows(UserError.class, () -> Machine.of(TopologyLoader.parse("t.yaml", yaml, List.of())))
                .getMessage();
        assertTrue(msg.contains("t.yaml:8:") && msg.contains("'int'") && msg.contains("port 'side'"), msg);
    }
}
