package org.dramatis.engine;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Runs a component graph in this JVM: K partitions as Pekko actors on a dispatcher of T threads,
 * or, with one thread, the same window protocol in the caller's thread (no actor system to start
 * and stop for every run; the windows and their results are the same).
 */
public final class Simulation {

    private Simulation() {}

    public static SimResult run(Graph graph, RunOptions options) {
        return run(graph, Partitioning.contiguous(graph, options.partitions()), options);
    }

    public static SimResult run(Graph graph, Partitioning partitioning, RunOptions options) {
        if (graph.size() == 0) throw new IllegalArgumentException("the graph has no components");
        long wallStart = System.nanoTime();
        WindowBarrier.Outcome outcome = options.threads() == 1 ? inThisThread(graph, partitioning, options)
                : withActors(graph, partitioning, options);
        double wallSeconds = (System.nanoTime() - wallStart) / 1e9;
        List<Report> reports = new ArrayList<>(graph.size());
        long events = 0;
        long[] byPartition = new long[partitioning.count()];
        for (PartitionActor.Finished f : outcome.partitions()) {
            reports.addAll(f.reports());
            events += f.events();
            byPartition[f.partition()] = f.events();
        }
        reports.sort((a, b) -> Integer.compare(a.id(), b.id()));
        SimResult.Host host = new SimResult.Host(wallSeconds, options.threads(), partitioning.count(), 1, events,
                outcome.windows(), partitioning.lookahead(graph), partitioning.cutChannels(graph), byPartition);
        return SimResult.of(outcome.endPs(), events, reports, options.perComponent(), host);
    }

    /** The window protocol over the partitions in turn, in the caller's thread. */
    private static WindowBarrier.Outcome inThisThread(Graph graph, Partitioning partitioning, RunOptions options) {
        WindowProtocol<Event> protocol = new WindowProtocol<>(graph, partitioning, options.untilPs(), Event::dst, Event::time);
        List<Partition> parts = new ArrayList<>(partitioning.count());
        for (int p = 0; p < partitioning.count(); p++) {
            Partition part = new Partition(p, graph, partitioning);
            part.start();
            protocol.report(p, part.nextEventTime(), part.earliestOutput(), 0, part.drainOutbox());
            parts.add(part);
        }
        for (long end = protocol.advance(); end != WindowProtocol.FINISHED; end = protocol.advance()) {
            if (options.progress() != null) options.progress().accept(protocol.windowStart());
            for (int p = 0; p < parts.size(); p++) {
                if (!protocol.wakes(p)) continue;
                Partition part = parts.get(p);
                part.deliver(protocol.takeInbound(p));
                part.runUntil(end);
                protocol.report(p, part.nextEventTime(), part.earliestOutput(), part.lastEventTime(), part.drainOutbox());
            }
        }
        List<PartitionActor.Finished> finished = new ArrayList<>(parts.size());
        for (Partition part : parts) {
            finished.add(new PartitionActor.Finished(part.id(), part.events(), part.lastEventTime(),
                    part.report(protocol.endPs())));
        }
        return new WindowBarrier.Outcome(protocol.endPs(), protocol.windows(), finished);
    }

    /** The partitions as actors of an actor system with {@code options.threads()} threads. */
    private static WindowBarrier.Outcome withActors(Graph graph, Partitioning partitioning, RunOptions options) {
        CompletableFuture<WindowBarrier.Outcome> future = new CompletableFuture<>();
        ActorSystem<WindowBarrier.Msg> system = ActorSystem.create(
                WindowBarrier.create(graph, partitioning, options.untilPs(), options.progress(), future),
                "dramatis", config(options.threads()));
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) throw re;
            throw new IllegalStateException(cause);
        } finally {
            system.terminate();
            try {
                system.getWhenTerminated().toCompletableFuture().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException ignored) {
                // termination failures do not change the result
            }
        }
    }

    /** Pekko configuration: a dispatcher of exactly {@code threads} threads, no Java serialisation, quiet logs. */
    static Config config(int threads) {
        return ConfigFactory.parseString(
                "pekko.loglevel = WARNING\n"
                        + "pekko.stdout-loglevel = OFF\n"
                        + "pekko.log-dead-letters = off\n"
                        + "pekko.log-dead-letters-during-shutdown = off\n"
                        + "pekko.actor.allow-java-serialization = off\n"
                        + "pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off\n"
                        + "pekko.actor.default-dispatcher.fork-join-executor.parallelism-min = " + threads + "\n"
                        + "pekko.actor.default-dispatcher.fork-join-executor.parallelism-max = " + threads + "\n"
                        + "pekko.actor.default-dispatcher.fork-join-executor.parallelism-factor = 1.0\n"
                        + "pekko.actor.default-dispatcher.throughput = 100\n")
                .withFallback(ConfigFactory.load());
    }
}
