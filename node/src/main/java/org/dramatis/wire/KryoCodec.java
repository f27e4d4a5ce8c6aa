package org.dramatis.wire;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.ImmutableCollectionsSerializers;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import com.esotericsoftware.kryo.util.Pool;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.TreeSet;
import org.dramatis.components.ComponentKinds;
import org.dramatis.engine.Component;
import org.dramatis.engine.Event;
import org.dramatis.engine.Partition;
import org.dramatis.engine.Report;
import org.dramatis.engine.SeededRandom;
import org.dramatis.engine.Stats;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * Kryo for what the engine must copy between JVMs: message payloads that cross a node boundary
 * (inside the protobuf {@code RemoteEvent}) and partition checkpoints. Registration is required
 * and the class ids follow one fixed list (engine types, then {@link ComponentKinds#wireTypes()}),
 * so every node of one Dramatis version agrees on them, and a class nobody registered fails
 * loudly instead of writing class names. Kryo instances are not thread-safe: they are pooled.
 *
 * <p>A partition snapshot is written with references tracked: component state shares objects (a
 * DRAM channel's command queue reads the same bank state the channel updates; a controller's
 * running program is the one in its parameters), and a restored checkpoint must share them the
 * same way. Everything else (message payloads, reports) is written without: payloads are
 * immutable records, and tracking would slow every remote message down (measured: encoding and
 * decoding a routed op took about a quarter longer). One leading byte says which.
 *
 * <p>Collections come back in the order they were written; a {@code LinkedHashMap} in access
 * order would come back in insertion order, so components keep their own LRU order instead. A
 * {@code PriorityQueue} keeps its comparator (Kryo writes it; a lambda is not registered and
 * fails loudly).
 */
public final class KryoCodec {

    /** The codec of this build's component kinds. */
    public static final KryoCodec SHARED = new KryoCodec(ComponentKinds.wireTypes());

    private static final byte PLAIN = 0, TRACKED = 1;

    private final Pool<Kryo> plain;
    private final Pool<Kryo> tracked;
    private final Pool<Output> outputs;

    public KryoCodec(List<Class<?>> types) {
        this.plain = pool(List.copyOf(types), false);
        this.tracked = pool(List.copyOf(types), true);
        this.outputs = new Pool<>(true, false, 16) {
            @Override
            protected Output create() {
                return new Output(4096, -1);
            }
        };
    }

    private static Pool<Kryo> pool(List<Class<?>> types, boolean references) {
        return new Pool<>(true, false, 16) {
            @Override
            protected Kryo create() {
                return newKryo(types, references);
            }
        };
    }

    private static Kryo newKryo(List<Class<?>> types, boolean references) {
        Kryo k = new Kryo();
        k.setRegistrationRequired(true);
        k.setReferences(references);
        k.setClassLoader(KryoCodec.class.getClassLoader());
        // components have constructors that take their parameters: build them without calling one
        k.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
        for (Class<?> c : new Class<?>[] {long[].class, int[].class, double[].class, boolean[].class, byte[].class,
            long[][].class, int[][].class, int[][][].class, Object[].class, String[].class, ArrayList.class,
            ArrayDeque.class, HashMap.class, LinkedHashMap.class, TreeMap.class, HashSet.class, LinkedHashSet.class,
            TreeSet.class, PriorityQueue.class, BitSet.class, SeededRandom.class,
            Component[].class, Event[].class, Event[][].class, Partition.Snapshot.class, Report.class,
            Report.LinkReport.class, Stats.class}) {
            k.register(c);
        }
        k.register(Event.class, new EventSerializer());
        // List.of / List.copyOf (and their Set and Map kin): immutable, no constructor to fill them
        ImmutableCollectionsSerializers.registerSerializers(k);
        for (Class<?> c : types) k.register(c);
        return k;
    }

    /** Serialises any registered object (whether references are tracked, then its class id). */
    public byte[] encode(Object value) {
        boolean snapshot = value instanceof Partition.Snapshot;
        Pool<Kryo> pool = snapshot ? tracked : plain;
        Kryo k = pool.obtain();
        Output out = outputs.obtain();
        try {
            out.reset();
            out.writeByte(snapshot ? TRACKED : PLAIN);
            k.writeClassAndObject(out, value);
            return out.toBytes();
        } catch (KryoException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getName() + ": " + firstLine(e), e);
        } finally {
            outputs.free(out);
            pool.free(k);
        }
    }

    public Object decode(byte[] bytes) {
        Input in = new Input(bytes);
        Pool<Kryo> pool = in.readByte() == TRACKED ? tracked : plain;
        Kryo k = pool.obtain();
        try {
            return k.readClassAndObject(in);
        } finally {
            pool.free(k);
        }
    }

    private static String firstLine(Throwable e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** Events are immutable and have no no-argument constructor: written field by field. */
    private static final class EventSerializer extends Serializer<Event> {
        @Override
        public void write(Kryo kryo, Output out, Event e) {
            out.writeLong(e.time());
            out.writeInt(e.dst(), true);
            out.writeInt(e.src(), true);
            out.writeLong(e.seq(), true);
            out.writeInt(e.inPort());
            kryo.writeClassAndObject(out, e.payload());
        }

        @Override
        public Event read(Kryo kryo, Input in, Class<? extends Event> type) {
            return Event.of(in.readLong(), in.readInt(true), in.readInt(true), in.readLong(true), in.readInt(),
                    kryo.readClassAndObject(in));
        }
    }
}
