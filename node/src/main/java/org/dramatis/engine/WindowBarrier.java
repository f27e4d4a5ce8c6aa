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
 * Runs the {@link WindowProtocol} over the partitions of one run in this JVM, each a
 * {@link PartitionActor} child; cross-partition events stay engine {@link Event}s.
 */
final class WindowBarrier extends AbstractBehavior<WindowBarrier.Msg> {

    sealed interface Msg permits Done, Final {}

    record Done(PartitionActor.WindowDone done) implements Msg {}

    record Final(PartitionActor.Finished finished) implements Msg {}

    /** What the barrier hands back when the run ends. */
    record Outcome(long endPs, long windows, List<PartitionActor.Finished> partitions) {}

    private final WindowProtocol<Event> protocol;
    private final LongConsumer progress;
    private final CompletableFuture<Outcome> result;
    private final List<ActorRef<PartitionActor.Command>> partitions = new ArrayList<>();
    private final ActorRef<PartitionActor.WindowDone> doneAdapter;
    private final ActorRef<PartitionActor.Finished> finalAdapter;
    private final List<PartitionActor.Finished> finished = new ArrayList<>();
    private int awaitingFinal;

    static Behavior<Msg> create(Graph graph, Partitioning partitioning, long untilPs, LongConsumer progress,
                                CompletableFuture<Outcome> result) {
        return Behaviors.setup(ctx -> new WindowBarrier(ctx, graph, partitioning, untilPs, progress, result));
    }

    private WindowBarrier(ActorContext<Msg> ctx, Graph graph, Partitioning partitioning, long untilPs,
                          LongConsumer progress, CompletableFuture<Outcome> result) {
        super(ctx);
        this.protocol = new WindowProtocol<>(graph, partitioning, untilPs, Event::dst, Event::time);
        this.progress = progress;
        this.result = result;
        this.doneAdapter = ctx.messageAdapter(PartitionActor.WindowDone.class, Done::new);
        this.finalAdapter = ctx.messageAdapter(PartitionActor.Finished.class, Final::new);
        for (int p = 0; p < partitioning.count(); p++) {
            ActorRef<PartitionActor.Command> ref =
                    ctx.spawn(Behaviors.supervise(PartitionActor.create(new Partition(p, graph, partitioning)))
                            // the failure reaches the caller through ChildFailed; no second report in the log
                            .onFailure(SupervisorStrategy.stop().withLoggingEnabled(false)), "partition-" + p);
            ctx.watch(ref);
            partitions.add(ref);
        }
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
        if (!protocol.report(d.partition(), d.nextEventTime(), d.earliestOutput(), d.lastEventTime(), d.outbound())) return this;
        long end = protocol.advance();
        if (end == WindowProtocol.FINISHED) return finish();
        if (progress != null) progress.accept(protocol.windowStart());
        for (int p = 0; p < partitions.size(); p++) {
            if (protocol.wakes(p)) {
                partitions.get(p).tell(new PartitionActor.RunWindow(end, protocol.takeInbound(p), doneAdapter));
            }
        }
        return this;
    }

    private Behavior<Msg> finish() {
        awaitingFinal = partitions.size();
        for (ActorRef<PartitionActor.Command> ref : partitions) {
            getContext().unwatch(ref);
            ref.tell(new PartitionActor.Finish(protocol.endPs(), finalAdapter));
        }
        return this;
    }

    private Behavior<Msg> onFinal(Final m) {
        finished.add(m.finished());
        if (--awaitingFinal > 0) return this;
        finished.sort((a, b) -> Integer.compare(a.partition(), b.partition()));
        result.complete(new Outcome(protocol.endPs(), protocol.windows(), finished));
        return Behaviors.stopped();
    }

    private Behavior<Msg> onChildFailed(ChildFailed failed) {
        result.completeExceptionally(failed.getCause());
        return Behaviors.stopped();
    }
}
