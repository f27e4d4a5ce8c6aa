package org.dramatis.cluster;

import com.google.protobuf.UnsafeByteOperations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Down;
import org.apache.pekko.cluster.typed.Subscribe;
import org.dramatis.engine.Graph;
import org.dramatis.engine.Partitioning;
import org.dramatis.engine.Report;
import org.dramatis.engine.WindowProtocol;
import org.dramatis.proto.FinishPartition;
import org.dramatis.proto.Job;
import org.dramatis.proto.PartitionCommand;
import org.dramatis.proto.PartitionReply;
import org.dramatis.proto.RemoteEvent;
import org.dramatis.proto.RestorePartition;
import org.dramatis.proto.RunWindow;
import org.dramatis.proto.StartPartition;
import org.dramatis.proto.TakeCheckpoint;
import org.dramatis.wire.KryoCodec;

/**
 * Runs the {@link WindowProtocol} of one job over partition entities on the cluster's nodes.
 * Cross-partition events stay in their wire form here: the coordinator routes them by destination
 * and time without decoding payloads.
 *
 * <p>Every {@code checkpointEvery} windows, between two windows, it takes a consistent checkpoint:
 * the protocol's state (including the events in flight between partitions) and every partition's
 * Kryo snapshot, held in this process's memory. A node that dies cannot lose it, no shared file
 * system is needed across hosts, and the coordinator is the one process the run cannot survive
 * losing anyway. When a node hosting a partition is lost, the coordinator downs it (so Cluster
 * Sharding moves its shards), bumps the epoch (late replies of the abandoned windows are then
 * ignored), restores every partition and the protocol from the checkpoint, and goes on.
 */
final class ClusterCoordinator extends AbstractBehavior<Object> {

    /** What the run hands back. */
    record Outcome(long endPs, long windows, long[] eventsByPartition, List<Report> reports,
                   Map<String, Long> peakHeapByNode, int recoveries) {
        long events() {
            return Arrays.stream(eventsByPartition).sum();
        }
    }

    private record Checkpoint(WindowProtocol.State<RemoteEvent> state, byte[][] partitions) {}

    private record MemberChange(ClusterEvent.ClusterDomainEvent event) {}

    private enum Stall { INSTANCE }

    private enum RetryRestore { INSTANCE }

    static final Duration RESTORE_RETRY = Duration.ofSeconds(3);
    static final int MAX_RESTORE_ATTEMPTS = 20;
    /**
     * Restores travel to the nodes on the ordinary lane, whose frames hold 4 MiB: snapshots go in
     * parts of this size (system property {@code dramatis.restore-part-bytes}, default 2 MiB).
     */
    static int restorePartBytes() {
        return Math.max(1, Integer.getInteger("dramatis.restore-part-bytes", 2 << 20));
    }

    private static int parts(byte[] snapshot) {
        return Math.max(1, (snapshot.length + restorePartBytes() - 1) / restorePartBytes());
    }

    /** How long the coordinator waits without any answer before it gives up. */
    static final Duration STALL = Duration.ofSeconds(120);

    private final Job job;
    private final int k;
    private final ActorRef<PartitionCommand> region;
    private final WindowProtocol<RemoteEvent> protocol;
    private final int checkpointEvery;
    private final Consumer<String> log;
    private final CompletableFuture<Outcome> result;
    private final TimerScheduler<Object> timers;
    private final Cluster cluster;
    private final String replyTo;
    private final String[] hostOf;
    private final byte[][] pending;
    private final List<Report> reports = new ArrayList<>();
    private final Map<String, Long> peakHeap = new TreeMap<>();
    private Checkpoint checkpoint;
    private long checkpointWindow;
    private long epoch;
    private int awaiting;
    private final long[] eventsByPartition;
    private int recoveries;
    private int restoreAttempts;
    private boolean checkpointLogged;

    static Behavior<Object> create(Job job, Graph graph, Partitioning parts, ActorRef<PartitionCommand> region,
                                   int checkpointEvery, Consumer<String> log, CompletableFuture<Outcome> result) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
                new ClusterCoordinator(ctx, timers, job, graph, parts, region, checkpointEvery, log, result)));
    }

    private ClusterCoordinator(ActorContext<Object> ctx, TimerScheduler<Object> timers, Job job, Graph graph,
                               Partitioning parts, ActorRef<PartitionCommand> region, int checkpointEvery,
                               Consumer<String> log, CompletableFuture<Outcome> result) {
        super(ctx);
        this.timers = timers;
        this.job = job;
        this.k = parts.count();
        this.eventsByPartition = new long[k];
        this.region = region;
        this.protocol = new WindowProtocol<>(graph, parts, job.getUntilPs(), RemoteEvent::getDst, RemoteEvent::getTimePs);
        this.checkpointEvery = checkpointEvery;
        this.log = log;
        this.result = result;
        this.cluster = Cluster.get(ctx.getSystem());
        this.replyTo = ActorRefResolver.get(ctx.getSystem()).toSerializationFormat(ctx.getSelf());
        this.hostOf = new String[k];
        this.pending = new byte[k][];
        cluster.subscriptions().tell(Subscribe.create(
                ctx.messageAdapter(ClusterEvent.MemberRemoved.class, MemberChange::new), ClusterEvent.MemberRemoved.class));
        cluster.subscriptions().tell(Subscribe.create(
                ctx.messageAdapter(ClusterEvent.UnreachableMember.class, MemberChange::new),
                ClusterEvent.UnreachableMember.class));
        awaiting = k;
        for (int p = 0; p < k; p++) send(p, command(p).setStart(StartPartition.newBuilder().setJob(job)));
        timers.startSingleTimer(Stall.INSTANCE, STALL);
    }

    @Override
    public Receive<Object> createReceive() {
        return newReceiveBuilder()
                .onMessage(PartitionReply.class, this::onReply)
                .onMessage(MemberChange.class, this::onMember)
                .onMessageEquals(RetryRestore.INSTANCE, () -> restore())
                .onMessageEquals(Stall.INSTANCE, () -> fail("no answer from the partitions for " + STALL.toSeconds()
                        + " s"))
                .build();
    }

    private PartitionCommand.Builder command(int p) {
        return PartitionCommand.newBuilder().setJobId(job.getId()).setPartition(p).setEpoch(epoch).setReplyTo(replyTo);
    }

    private void send(int p, PartitionCommand.Builder cmd) {
        region.tell(cmd.build());
    }

    private Behavior<Object> onReply(PartitionReply r) {
        if (r.getEpoch() != epoch) return this;
        timers.startSingleTimer(Stall.INSTANCE, STALL);
        int p = r.getPartition();
        hostOf[p] = r.getNode();
        switch (r.getReplyCase()) {
            case DONE -> {
                if (protocol.report(p, r.getDone().getNextEventPs(), r.getDone().getEarliestOutputPs(), r.getDone().getLastEventPs(),
                        r.getDone().getOutboundList())) {
                    return betweenWindows();
                }
            }
            case CHECKPOINT -> {
                pending[p] = r.getCheckpoint().getSnapshot().toByteArray();
                if (--awaiting == 0) {
                    checkpoint = new Checkpoint(protocol.snapshot(), pending.clone());
                    checkpointWindow = protocol.windows();
                    if (!checkpointLogged) {
                        // the first one of the run (and after a recovery) only: a long run takes thousands
                        log.accept("checkpoint at window " + checkpointWindow + " (then every " + checkpointEvery
                                + " windows)");
                        checkpointLogged = true;
                    }
                    return nextWindow();
                }
            }
            case RESTORED -> {
                if (--awaiting == 0) {
                    timers.cancel(RetryRestore.INSTANCE);
                    return nextWindow();
                }
            }
            case FINISHED -> {
                eventsByPartition[p] = r.getFinished().getEvents();
                @SuppressWarnings("unchecked")
                List<Report> rs = (List<Report>) KryoCodec.SHARED.decode(r.getFinished().getReports().toByteArray());
                reports.addAll(rs);
                peakHeap.merge(r.getNode(), r.getFinished().getPeakHeapBytes(), Math::max);
                if (--awaiting == 0) {
                    reports.sort((a, b) -> Integer.compare(a.id(), b.id()));
                    result.complete(new Outcome(protocol.endPs(), protocol.windows(), eventsByPartition, reports, peakHeap,
                            recoveries));
                    return Behaviors.stopped();
                }
            }
            case LOST -> {
                return recover(r.getLost());
            }
            case FAILED -> {
                return fail(r.getFailed());
            }
            default -> {
                return fail("unexpected reply " + r.getReplyCase() + " from partition " + p);
            }
        }
        return this;
    }

    /** Every partition has reported: take a checkpoint when one is due, then open the next window. */
    private Behavior<Object> betweenWindows() {
        long w = protocol.windows();
        if (w == 0 && epoch == 0) {
            log.accept("started " + k + " partitions on nodes " + String.join(", ", new TreeSet<>(Arrays.asList(hostOf))));
        }
        if (checkpointEvery > 0 && w > 0 && w % checkpointEvery == 0 && w != checkpointWindow) {
            awaiting = k;
            for (int p = 0; p < k; p++) send(p, command(p).setCheckpoint(TakeCheckpoint.getDefaultInstance()));
            return this;
        }
        return nextWindow();
    }

    private Behavior<Object> nextWindow() {
        long end = protocol.advance();
        if (end == WindowProtocol.FINISHED) {
            awaiting = k;
            for (int p = 0; p < k; p++) {
                send(p, command(p).setFinish(FinishPartition.newBuilder().setEndPs(protocol.endPs())));
            }
            return this;
        }
        for (int p = 0; p < k; p++) {
            if (!protocol.wakes(p)) continue;
            send(p, command(p).setWindow(RunWindow.newBuilder().setPartition(p).setWindowEndPs(end)
                    .addAllInbound(protocol.takeInbound(p))));
        }
        return this;
    }

    private Behavior<Object> onMember(MemberChange m) {
        if (m.event() instanceof ClusterEvent.UnreachableMember u && u.member().hasRole(ClusterConfig.NODE_ROLE)) {
            // nobody else downs it: without that its shards would never move
            cluster.manager().tell(new Down(u.member().address()));
            return this;
        }
        if (m.event() instanceof ClusterEvent.MemberRemoved r && r.member().hasRole(ClusterConfig.NODE_ROLE)) {
            String lost = ClusterConfig.hostPort(r.member().address());
            for (String h : hostOf) {
                if (lost.equals(h)) return recover("node " + lost + " was lost");
            }
        }
        return this;
    }

    private Behavior<Object> recover(String reason) {
        if (checkpoint == null) {
            return fail(reason + " before the first checkpoint (taken every " + checkpointEvery
                    + " windows); cannot recover");
        }
        int nodes = 0;
        for (Member m : cluster.state().getMembers()) {
            if (m.hasRole(ClusterConfig.NODE_ROLE) && m.status() == MemberStatus.up()) nodes++;
        }
        if (nodes == 0) return fail(reason + " and no node is left to take over its partitions");
        recoveries++;
        restoreAttempts = 0;
        checkpointLogged = false;
        long bytes = 0;
        int parts = 0;
        for (byte[] snap : checkpoint.partitions()) {
            bytes += snap.length;
            parts += parts(snap);
        }
        log.accept(reason + "; restoring every partition from the checkpoint at window " + checkpointWindow
                + " on " + nodes + " node(s) (" + bytes + " bytes in " + parts + " messages)");
        return restore();
    }

    /**
     * Sends every partition its checkpoint under a new epoch, and again every few seconds until
     * all have answered (the first send may reach the lost node before sharding has noticed the
     * loss). A partition ignores commands of older epochs, so a late duplicate never rewinds a
     * partition that has moved on.
     */
    private Behavior<Object> restore() {
        if (restoreAttempts++ == MAX_RESTORE_ATTEMPTS) {
            return fail("the partitions could not be restored within "
                    + MAX_RESTORE_ATTEMPTS * RESTORE_RETRY.toSeconds() + " s");
        }
        epoch++;
        protocol.restore(checkpoint.state());
        awaiting = k;
        Arrays.fill(hostOf, null);
        int size = restorePartBytes();
        for (int p = 0; p < k; p++) {
            byte[] snap = checkpoint.partitions()[p];
            int parts = parts(snap);
            for (int i = 0; i < parts; i++) {
                int from = i * size;
                RestorePartition.Builder part = RestorePartition.newBuilder().setPart(i).setParts(parts)
                        .setSnapshot(UnsafeByteOperations.unsafeWrap(snap, from, Math.min(size, snap.length - from)));
                if (i == 0) part.setJob(job);
                send(p, command(p).setRestore(part));
            }
        }
        timers.startSingleTimer(RetryRestore.INSTANCE, RESTORE_RETRY);
        return this;
    }

    private Behavior<Object> fail(String reason) {
        result.completeExceptionally(new ClusterFailure(reason));
        return Behaviors.stopped();
    }
}
