package org.dramatis.components;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.dramatis.components.cim.CimTile;
import org.dramatis.components.gpu.Gpu;
import org.dramatis.components.hb.HbUnit;
import org.dramatis.components.logic.Controller;
import org.dramatis.components.logic.Program;
import org.dramatis.components.logic.VectorUnit;
import org.dramatis.components.noc.Crossbar;
import org.dramatis.components.noc.Multicast;
import org.dramatis.components.noc.NocAddress;
import org.dramatis.components.noc.Routed;
import org.dramatis.components.noc.Router;
import org.dramatis.components.ops.Compute;
import org.dramatis.components.ops.Done;
import org.dramatis.components.ops.Fetch;
import org.dramatis.components.ops.OpClass;
import org.dramatis.components.ops.OpUnit;
import org.dramatis.components.ops.WeightData;
import org.dramatis.components.pim.PimChannel;
import org.dramatis.components.sram.SramPimCore;
import org.dramatis.dram.ChannelState;
import org.dramatis.dram.DramChannel;
import org.dramatis.engine.Component;
import org.dramatis.engine.ComponentParams;
import org.dramatis.synthetic.TokenNode;

/**
 * Every component kind a topology file may name: the kind's name, its parameter record, its
 * factory and its {@link Traits} (the roles it serves in a mapping, whether it holds the weights
 * and the KV cache). Adding a kind is one class plus one line here, and one {@code wire(...)} line naming
 * the component class and the classes of its state and message payloads: checkpoints and the
 * cluster wire serialise them with Kryo, which accepts registered classes only. A class keeps its
 * private state classes private and lists them in a static {@code wireTypes()}.
 */
public final class ComponentKinds {

    /** A registered kind. */
    public record Kind<P extends Record & ComponentParams>(String name, Class<P> params, Function<P, Component> factory,
                                                           Traits traits) {
        @SuppressWarnings("unchecked")
        public Component create(Object p) {
            return factory.apply((P) p);
        }
    }

    private static final Map<String, Kind<?>> KINDS = new TreeMap<>();
    /** The kinds in registration order: a role is served by the first kind a machine has in this order. */
    private static final List<Kind<?>> REGISTERED = new ArrayList<>();
    private static final List<Class<?>> WIRE_TYPES = new ArrayList<>();
    /** The kinds registered here (the first of {@link #REGISTERED}): only they cross the wire. */
    private static final int BUILT_IN;

    static {
        register("token_node", TokenNode.Params.class, TokenNode::new, Traits.NONE);
        register("cim_tile", CimTile.Params.class, CimTile::new, Traits.serving(Role.CIM).fallbackFor(Role.HOST));
        register("sram_pim_core", SramPimCore.Params.class, SramPimCore::new, Traits.serving(Role.SRAM_PIM));
        register("vector_unit", VectorUnit.Params.class, VectorUnit::new, Traits.serving(Role.VECTOR));
        register("controller", Controller.Params.class, Controller::new, Traits.NONE);
        register("router", Router.Params.class, Router::new, Traits.NONE);
        register("crossbar", Crossbar.Params.class, Crossbar::new, Traits.NONE);
        register("gpu", Gpu.Params.class, Gpu::new, Traits.serving(Role.GPU, Role.HOST).memory());
        register("dram_channel", DramChannel.Params.class, DramChannel::new, Traits.NONE.memory());
        register("pim_channel", PimChannel.Params.class, PimChannel::new, Traits.serving(Role.CID).memory());
        register("hb_unit", HbUnit.Params.class, HbUnit::new, Traits.serving(Role.CID).memory());
        wire(TokenNode.class, TokenNode.Token.class);
        // the compute-op protocol: messages that cross partitions in LLM runs, and the op queue
        wire(Compute.class, OpClass.class, Done.class, Fetch.class, WeightData.class, Routed.class, Multicast.class,
                NocAddress.class);
        wire(OpUnit.wireTypes());
        wire(CimTile.class);
        wire(SramPimCore.class);
        wire(VectorUnit.class);
        wire(Controller.class, Program.class, Program.Task.class);
        wire(Router.class);
        wire(Crossbar.class);
        wire(Gpu.class);
        wire(HbUnit.class);
        wire(ChannelState.wireTypes());
        wire(DramChannel.class, DramChannel.Request.class, DramChannel.QueueStatus.class);
        wire(DramChannel.wireTypes());
        wire(PimChannel.wireTypes());
        BUILT_IN = REGISTERED.size();
    }

    private ComponentKinds() {}

    /**
     * Registers a kind. The built-in kinds register above; a kind outside this package (a study's
     * own hardware, a test's toy) registers before the topology that names it is loaded, and its
     * component and payload classes stay off the Kryo wire (local single-JVM runs only).
     */
    public static synchronized <P extends Record & ComponentParams> void register(String name, Class<P> params,
                                                                                  Function<P, Component> factory,
                                                                                  Traits traits) {
        Kind<P> kind = new Kind<>(name, params, factory, traits);
        if (KINDS.putIfAbsent(name, kind) != null) throw new IllegalStateException("component kind registered twice: " + name);
        REGISTERED.add(kind);
    }

    private static void wire(Class<?>... types) {
        wire(List.of(types));
    }

    private static void wire(List<Class<?>> types) {
        for (Class<?> t : types) {
            if (WIRE_TYPES.contains(t)) throw new IllegalStateException("wire type registered twice: " + t.getName());
            WIRE_TYPES.add(t);
        }
    }

    /**
     * Classes to register with Kryo, in a fixed order (the class ids on the wire depend on it):
     * every kind's parameter record, by kind name, then the component and payload classes.
     */
    public static List<Class<?>> wireTypes() {
        List<Class<?>> types = new ArrayList<>();
        for (Kind<?> k : KINDS.values()) if (REGISTERED.indexOf(k) < BUILT_IN) types.add(k.params());
        types.addAll(WIRE_TYPES);
        return Collections.unmodifiableList(types);
    }

    /** The kind, or null when no kind has this name. */
    public static Kind<?> get(String name) {
        return KINDS.get(name);
    }

    /**
     * The names of the kinds that serve {@code role}, in the order a machine picks among them: the
     * kinds that serve it in registration order, then those that stand in for it.
     */
    public static List<String> serving(Role role) {
        List<String> names = new ArrayList<>();
        for (Kind<?> k : REGISTERED) if (k.traits().serves().contains(role)) names.add(k.name());
        for (Kind<?> k : REGISTERED) if (k.traits().fallbackFor().contains(role)) names.add(k.name());
        return names;
    }

    public static Map<String, Kind<?>> all() {
        return Collections.unmodifiableMap(KINDS);
    }
}
