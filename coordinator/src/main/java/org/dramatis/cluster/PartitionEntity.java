package org.dramatis.cluster;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorRefResolver;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.cluster.sharding.typed.ShardingMessageExtractor;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.cluster.typed.Cluster;
import org.dramatis.engine.Graph;
import org.dramatis.engine.Partition;
import org.dramatis.engine.Partitioning;
import org.dramatis.proto.Job;
import org.dramatis.proto.PartitionCheckpoint;
import org.dramatis.proto.PartitionCommand;
import org.dramatis.proto.PartitionFinished;
import org.dramatis.proto.PartitionReply;
import org.dramatis.proto.RestorePartition;
import org.dramatis.proto.Restored;
import org.dramatis.proto.WindowDone;
import org.dramatis.wire.KryoCodec;

/**
 * One partition of a job as a Cluster Sharding entity on a node: it rebuilds the job's graph,
 * hosts the same {@link Partition} the local engine uses, and answers the coordinator's window,
 * checkpoint, restore and finish commands. It keeps no state that a checkpoint does not hold.
 */
public final class PartitionEntity extends AbstractBehavior<PartitionCommand> {

    public static final EntityTypeKey<PartitionCommand> TYPE = EntityTypeKey.create(PartitionCommand.class, "partition");

    /**
     * Starts sharding of partitions: the region on a node, a proxy on the coordinator. The shard is
     * the partition index, so partition p of every job lives where shard p was first placed
     * (placement spreads shards over the nodes) until that node fails.
     */
    public static ActorRef<PartitionCommand> init(ActorSystem<?> system) {
        return ClusterSharding.get(system).init(Entity.of(TYPE, ctx -> create())
                .withRole(ClusterConfig.NODE_ROLE)
                .withMessageExtractor(new ShardingMessageExtractor<PartitionCommand, PartitionCommand>() {
                    @Override
                    public String entityId(PartitionCommand m) {
                        return m.getJobId() + "/" + m.getPartition();
                    }

                    @Override
                    public String shardId(String entityId) {
                        return entityId.substring(entityId.lastIndexOf('/') + 1);
                    }

                    @Override
                    public PartitionCommand unwrapMessage(PartitionCommand m) {
                        return m;
                    }
                }));
    }

    private final ActorRefResolver resolver;
    private final String node;
    private Partition partition;
    private long epoch = -1;
    /** The parts of a snapshot being restored, and the job that came with the first. */
    private final List<ByteString> restoreParts = new ArrayList<>();
    private Job restoreJob;

    static Behavior<PartitionCommand> create() {
        return Behaviors.setup(PartitionEntity::new);
    }

    private PartitionEntity(ActorContext<PartitionCommand> ctx) {
        super(ctx);
        this.resolver = ActorRefResolver.get(ctx.getSystem());
        this.node = ClusterConfig.hostPort(Cluster.get(ctx.getSystem()).selfMember().address());
    }

    @Override
    public Receive<PartitionCommand> createReceive() {
        return newReceiveBuilder().onMessage(PartitionCommand.class, this::onCommand).build();
    }

    private Behavior<PartitionCommand> onCommand(PartitionCommand cmd) {
        if (cmd.getEpoch() < epoch) return this;
        ActorRef<PartitionReply> replyTo = resolver.resolveActorRef(cmd.getReplyTo());
        PartitionReply.Builder reply = PartitionReply.newBuilder().setPartition(cmd.getPartition())
                .setEpoch(cmd.getEpoch()).setNode(node);
        try {
            switch (cmd.getCommandCase()) {
                case START -> {
                    epoch = cmd.getEpoch();
                    partition = build(cmd.getStart().getJob(), cmd.getPartition());
                    partition.start();
                    reply.setDone(done(0));
                }
                case RESTORE -> {
                    RestorePartition r = cmd.getRestore();
                    if (r.getPart() == 0 || cmd.getEpoch() > epoch) {
                        restoreParts.clear();
                        restoreJob = r.getJob();
                    }
                    epoch = cmd.getEpoch();
                    partition = null;
                    if (r.getPart() != restoreParts.size()) {
                        throw new IllegalStateException("restore part " + r.getPart() + " of " + r.getParts()
                                + " arrived after " + restoreParts.size() + " parts");
                    }
                    restoreParts.add(r.getSnapshot());
                    if (restoreParts.size() < r.getParts()) return this;
                    partition = build(restoreJob, cmd.getPartition());
                    partition.restore((Partition.Snapshot) KryoCodec.SHARED.decode(
                            ByteString.copyFrom(restoreParts).toByteArray()));
                    restoreParts.clear();
                    restoreJob = null;
                    reply.setRestored(Restored.getDefaultInstance());
                }
                case WINDOW -> {
                    if (partition == null) {
                        reply.setLost("partition " + cmd.getPartition() + " has no state on node " + node);
                    } else {
                        partition.deliver(Wire.fromWire(cmd.getWindow().getInboundList()));
                        reply.setDone(done(partition.runUntil(cmd.getWindow().getWindowEndPs())));
                    }
                }
                case CHECKPOINT -> {
                    if (partition == null) {
                        reply.setLost("partition " + cmd.getPartition() + " has no state on node " + node);
                    } else {
                        reply.setCheckpoint(PartitionCheckpoint.newBuilder().setSnapshot(
                                UnsafeByteOperations.unsafeWrap(KryoCodec.SHARED.encode(partition.snapshot()))));
                    }
                }
                case FINISH -> {
                    if (partition == null) {
                        reply.setLost("partition " + cmd.getPartition() + " has no state on node " + node);
                    } else {
                        long end = cmd.getFinish().getEndPs();
                        reply.setFinished(PartitionFinished.newBuilder().setEvents(partition.events())
                                .setReports(UnsafeByteOperations.unsafeWrap(
                                        KryoCodec.SHARED.encode(partition.report(end))))
                                .setPeakHeapBytes(peakHeapBytes()));
                        replyTo.tell(reply.build());
                        return Behaviors.stopped();
                    }
                }
                default -> reply.setFailed("unknown command " + cmd.getCommandCase());
            }
        } catch (RuntimeException e) {
            replyTo.tell(reply.setFailed("partition " + cmd.getPartition() + " on node " + node + ": " + e).build());
            return Behaviors.stopped();
        }
        replyTo.tell(reply.build());
        return this;
    }

    private WindowDone.Builder done(long events) {
        List<org.dramatis.engine.Event> out = partition.drainOutbox();
        return WindowDone.newBuilder().setPartition(partition.id()).setNextEventPs(partition.nextEventTime())
                .setEarliestOutputPs(partition.earliestOutput())
                .setLastEventPs(partition.lastEventTime()).setEvents(events).addAllOutbound(Wire.toWire(out));
    }

    private static Partition build(Job job, int p) {
        Graph g = JobGraphs.build(job, p);
        int[] owner = job.getOwnerList().stream().mapToInt(Integer::intValue).toArray();
        if (owner.length != g.size()) {
            throw new IllegalStateException("job " + job.getId() + " assigns " + owner.length
                    + " components, the graph built here has " + g.size());
        }
        return new Partition(p, g, Partitioning.of(owner, job.getPartitions()));
    }

    /** Sum of the heap pools' peak use since the JVM started. */
    static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) sum += pool.getPeakUsage().getUsed();
        }
        return sum;
    }
}
