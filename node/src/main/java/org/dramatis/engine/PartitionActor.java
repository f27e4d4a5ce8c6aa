package org.dramatis.engine;

import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/** The Pekko actor that hosts one {@link Partition} and runs its windows on the barrier's command. */
public final class PartitionActor extends AbstractBehavior<PartitionActor.Command> {

    public sealed interface Command permits Start, RunWindow, Finish {}

    /** Start the components at time 0, then report the first pending event. */
    public record Start(ActorRef<WindowDone> replyTo) implements Command {}

    /** Take the inbound events, then handle every event earlier than {@code windowEnd}. */
    public record RunWindow(long windowEnd, List<Event> inbound, ActorRef<WindowDone> replyTo) implements Command {}

    /** Collect the component reports. */
    public record Finish(long endPs, ActorRef<Finished> replyTo) implements Command {}

    public record WindowDone(int partition, long nextEventTime, long earliestOutput, long lastEventTime, long events,
                             List<Event> outbound) {}

    public record Finished(int partition, long events, long lastEventTime, List<Report> reports) {}

    private final Partition partition;

    public static Behavior<Command> create(Partition partition) {
        return Behaviors.setup(ctx -> new PartitionActor(ctx, partition));
    }

    private PartitionActor(ActorContext<Command> ctx, Partition partition) {
        super(ctx);
        this.partition = partition;
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Start.class, this::onStart)
                .onMessage(RunWindow.class, this::onRunWindow)
                .onMessage(Finish.class, this::onFinish)
                .build();
    }

    private Behavior<Command> onStart(Start m) {
        partition.start();
        m.replyTo().tell(new WindowDone(partition.id(), partition.nextEventTime(), partition.earliestOutput(), 0, 0,
                partition.drainOutbox()));
        return this;
    }

    private Behavior<Command> onRunWindow(RunWindow m) {
        partition.deliver(m.inbound());
        long n = partition.runUntil(m.windowEnd());
        m.replyTo().tell(new WindowDone(partition.id(), partition.nextEventTime(), partition.earliestOutput(),
                partition.lastEventTime(), n,
                partition.drainOutbox()));
        return this;
    }

    private Behavior<Command> onFinish(Finish m) {
        m.replyTo().tell(new Finished(partition.id(), partition.events(), partition.lastEventTime(),
                partition.report(m.endPs())));
        return Behaviors.stopped();
    }
}
