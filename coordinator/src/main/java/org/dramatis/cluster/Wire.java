package org.dramatis.cluster;

import com.google.protobuf.UnsafeByteOperations;
import java.util.ArrayList;
import java.util.List;
import org.dramatis.engine.Event;
import org.dramatis.proto.RemoteEvent;
import org.dramatis.wire.KryoCodec;

/** Engine events to and from their protobuf form; payloads travel Kryo-encoded. */
final class Wire {

    private Wire() {}

    static List<RemoteEvent> toWire(List<Event> events) {
        List<RemoteEvent> out = new ArrayList<>(events.size());
        for (Event e : events) {
            out.add(RemoteEvent.newBuilder().setTimePs(e.time()).setDst(e.dst()).setSrc(e.src()).setSeq(e.seq())
                    .setInPort(e.inPort())
                    .setPayload(UnsafeByteOperations.unsafeWrap(KryoCodec.SHARED.encode(e.payload()))).build());
        }
        return out;
    }

    static List<Event> fromWire(List<RemoteEvent> events) {
        List<Event> out = new ArrayList<>(events.size());
        for (RemoteEvent r : events) {
            out.add(Event.of(r.getTimePs(), r.getDst(), r.getSrc(), r.getSeq(), r.getInPort(),
                    KryoCodec.SHARED.decode(r.getPayload().toByteArray())));
        }
        return out;
    }
}
