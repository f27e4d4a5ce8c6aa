package org.dramatis.bench;

import java.util.concurrent.TimeUnit;
import org.dramatis.engine.Graph;
import org.dramatis.engine.RunOptions;
import org.dramatis.engine.SimResult;
import org.dramatis.engine.Simulation;
import org.dramatis.synthetic.SyntheticGraphs;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Engine throughput: whole simulations of (a) a ring of 1,000 token-passing components and
 * (b) 10,000 components with seeded random traffic, at 1 and 2 threads and 1 and 2 partitions.
 * The {@code events} counter reports simulated events per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g", "-XX:+UseParallelGC"})
@State(Scope.Benchmark)
public class EngineBenchmark {

    @Param({"ring", "random"})
    public String graph;

    @Param({"1", "2"})
    public int threads;

    @Param({"1", "2"})
    public int partitions;

    private Graph next;

    /** Events handled, reported by JMH as a rate. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Counters {
        public long events;
    }

    @Setup(Level.Invocation)
    public void build() {
        // a graph holds component state, so each run gets a fresh one (built outside the timing)
        next = graph.equals("ring") ? SyntheticGraphs.ring(1_000, 10, 200) : SyntheticGraphs.random(42, 10_000, 40);
    }

    @Benchmark
    public SimResult run(Counters counters) {
        SimResult r = Simulation.run(next, RunOptions.defaults().withThreads(threads).withPartitions(partitions)
                .perComponent(false));
        counters.events += r.host().events();
        return r;
    }
}
