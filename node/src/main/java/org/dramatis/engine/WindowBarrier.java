package org.dramatis.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.ChildFailed;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Conservative window synchronisation over the partitions of one run. Each window runs from the
 * earliest pending event (empty time is skipped) to that time plus the lookahead; partitions that
 * have nothing earlier than the window's end are not woken, so a window costs in proportion to
 * the active partitions. Cross-partition events are routed at the window's end.
 */
final class WindowBarrier extends AbstractBehavior<WindowBarrier.Msg> {

    sealed interface Msg permits Done, Final {}

    record Done(PartitionActor.WindowDone done) implements Msg {}

    record Final(PartitionActor.Finished finished) implements Msg {}

    /** What the barrier hands back when the run ends. */
    record Outcome(long endPs, long windows, List<PartitionActor.Finished> partitions) {}

    private final int[] owner;
    private final long lookahead;
    private final long until;
    private final LongConsumer progress;
    private final CompletableFuture<Outcome> result;
    private final List<ActorRef<PartitionActor.Command>> partitions = new ArrayList<>();
    private final long[] nextLocal;
    private final long[] nextInbound;
    private final List<List<Event>> inbound = new ArrayList<>();
    private final ActorRef<PartitionActor.WindowDone> doneAdapter;
    private final ActorRef<PartitionActor.Finished> finalAdapter;
    private final List<PartitionActor.Finished> finished = new ArrayList<>();
    private int awaiting;
    private long windows;
    private long lastEventTime;
    private long endPs;

    static Behavior<Msg> create(Graph graph, Partitioning partitioning, long untilPs, LongConsumer progress,
                                CompletableFuture<Outcome> result) {
        return Behaviors.setup(ctx -> new WindowBarrier(ctx, graph, partitioning, untilPs, progress, result));
    }

    private WindowBarrier(ActorContext<Msg> ctx, Graph graph, Partitioning partitioning, long untilPs,
                          LongConsumer progress, CompletableFuture<Outcome> result) {
        super(ctx);
        this.owner = partitioning.owners();
        this.lookahead = partitioning.lookahead(graph);
        this.until = untilPs;
        this.progress = progress;
        this.result = result;
        int k = partitioning.count();
        this.nextLocal = new long[k];
        this.nextInbound = new long[k];
        java.util.Arrays.fill(nextInbound, Long.MAX_VALUE);
        this.doneAdapter = ctx.messageAdapter(PartitionActor.WindowDone.class, Done::new);
        this.finalAdapter = ctx.messageAdapter(PartitionActor.Finished.class, Final::new);
        for (int p = 0; p < k; p++) {
            ActorRef<PartitionActor.Command> ref =
                    ctx.spawn(Behaviors.supervise(PartitionActor.create(new Partition(p, graph, partitioning)))
                            // the failure reaches the caller through ChildFailed; no second report in the log
                            .onFailure(SupervisorStrategy.stop().withLoggingEnabled(false)), "partition-" + p);
            ctx.watch(ref);
            partitions.add(ref);
            inbound.add(new ArrayList<>());
        }
        awaiting = k;
        for (ActorRef<PartitionActor.Command> ref : partitions) ref.tell(new PartitionActor.Start(doneAdapter));
    }

    @Override
    public Receive<Msg> createReceive() {
        return newReceiveBuilder()
                .onMessage(Done.class, this::onDone)
                .onMessage(Final.class, this::onFinal)
                .onSignal(ChildFailed.class, this::onChildFailed)
                .build();
    }

    private Behavior<Msg> onDone(Done m) {
        PartitionActor.WindowDone d = m.done();
        nextLocal[d.partition()] = d.nextEventTime();
        lastEventTime = Math.max(lastEventTime, d.lastEventTime());
        for (Event e : d.outbound()) {
            int p = owner[e.dst];
            inbound.get(p).add(e);
            nextInbound[p] = Math.min(nextInbound[p], e.time);
        }
        if (--awaiting > 0) return this;
        long start = Long.MAX_VALUE;
        for (int p = 0; p < nextLocal.length; p++) start = Math.min(start, Math.min(nextLocal[p], nextInbound[p]));
        if (start == Long.MAX_VALUE || start >= until) return finish();
        long end = Math.min(until, lookahead == Long.MAX_VALUE ? Long.MAX_VALUE : saturatingAdd(start, lookahead));
        windows++;
        if (progress != null) progress.accept(start);
        for (int p = 0; p < partitions.size(); p++) {
            if (Math.min(nextLocal[p], nextInbound[p]) >= end) continue;
            List<Event> in = inbound.get(p);
            inbound.set(p, new ArrayList<>());
            nextInbound[p] = Long.MAX_VALUE;
            awaiting++;
            partitions.get(p).tell(new PartitionActor.RunWindow(end, in, doneAdapter));
        }
        return this;
    }

    private Behavior<Msg> finish() {
        endPs = until == Long.MAX_VALUE ? lastEventTime : until;
        awaiting = partitions.size();
        for (ActorRef<PartitionActor.Command> ref : partitions) {
            getContext().unwatch(ref);
            ref.tell(new PartitionActor.Finish(endPs, finalAdapter));
        }
        return this;
    }

    private Behavior<Msg> onFinal(Final m) {
        finished.add(m.finished());
        if (--awaiting > 0) return this;
        finished.sort((a, b) -> Integer.compare(a.partition(), b.partition()));
        result.complete(new Outcome(endPs, windows, finished));
        return Behaviors.stopped();
    }

    private Behavior<Msg> onChildFailed(ChildFailed failed) {
        result.completeExceptionally(failed.getCause());
        return Behaviors.stopped();
    }

    static long saturatingAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
