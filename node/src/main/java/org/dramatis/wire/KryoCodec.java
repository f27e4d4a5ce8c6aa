package org.dramatis.wire;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
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
 */
public final class KryoCodec {

    /** The codec of this build's component kinds. */
    public static final KryoCodec SHARED = new KryoCodec(ComponentKinds.wireTypes());

    private final Pool<Kryo> kryos;
    private final Pool<Output> outputs;

    public KryoCodec(List<Class<?>> types) {
        List<Class<?>> registered = List.copyOf(types);
        this.kryos = new Pool<>(true, false, 16) {
            @Override
            protected Kryo create() {
                return newKryo(registered);
            }
        };
        this.outputs = new Pool<>(true, false, 16) {
            @Override
            protected Output create() {
                return new Output(4096, -1);
            }
        };
    }

    private static Kryo newKryo(List<Class<?>> types) {
        Kryo k = new Kryo();
        k.setRegistrationRequired(true);
        k.setReferences(false);
        k.setClassLoader(KryoCodec.class.getClassLoader());
        // components have constructors that take their parameters: build them without calling one
        k.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
        for (Class<?> c : new Class<?>[] {long[].class, int[].class, double[].class, boolean[].class, byte[].class,
            Object[].class, String[].class, ArrayList.class, ArrayDeque.class, HashMap.class, LinkedHashMap.class,
            TreeMap.class, HashSet.class, LinkedHashSet.class, TreeSet.class, BitSet.class, SeededRandom.class,
            Component[].class, Event[].class, Event[][].class, Partition.Snapshot.class, Report.class,
            Report.LinkReport.class, Stats.class}) {
            k.register(c);
        }
        k.register(Event.class, new EventSerializer());
        for (Class<?> c : types) k.register(c);
        return k;
    }

    /** Serialises any registered object (its class id first). */
    public byte[] encode(Object value) {
        Kryo k = kryos.obtain();
        Output out = outputs.obtain();
        try {
            out.reset();
            k.writeClassAndObject(out, value);
            return out.toBytes();
        } catch (KryoException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getName() + ": " + firstLine(e), e);
        } finally {
            outputs.free(out);
            kryos.free(k);
        }
    }

    public Object decode(byte[] bytes) {
        Kryo k = kryos.obtain();
        try {
            return k.readClassAndObject(new Input(bytes));
        } finally {
            kryos.free(k);
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
