package org.dramatis.components.pim;

import java.util.concurrent.TimeUnit;
import org.dramatis.components.ops.Compute;
import org.dramatis.components.ops.OpClass;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Wall time of the closed-form PIM channel on one large op, on a fresh channel each time: a 4096 x
 * 4096 x 4096 GEMM (the MAC-pass sequencer), a 16 MiB STORE and LOAD (the bank-round timer; a
 * KV-cache append and its read), on HBM3-PIM (AttAcc) and GDDR6-AiM (CENT). Run with
 * {@code bench/jmh.sh node PimChannelBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-XX:+UseParallelGC"})
@State(Scope.Benchmark)
public class PimChannelBenchmark {

    @Param({"gemm", "store", "load"})
    public String op;

    @Param({"hbm", "gddr"})
    public String dram;

    private PimChannel.Params params;
    private Compute compute;

    @Setup
    public void setUp() {
        params = dram.equals("hbm") ? PimChannel.Params.hbm3PimAttAcc() : PimChannel.Params.gddr6AimCent();
        long n = 4096;
        long bytes = 16L << 20;
        compute = switch (op) {
            case "gemm" -> new Compute(1, OpClass.GEMM, n, n, n, 2 * n * n, 2 * n * n, 2 * n * n, null);
            case "store" -> new Compute(1, OpClass.STORE, 1, bytes / 2, 0, 0, bytes, 0, null);
            case "load" -> new Compute(1, OpClass.LOAD, 1, bytes / 2, 0, 0, 0, bytes, null);
            default -> throw new IllegalArgumentException("op " + op);
        };
    }

    /** Simulated ps of the op, returned so that the JIT keeps the work. */
    @Benchmark
    public long serve() {
        return new PimChannel(params).serve(compute, 0);
    }
}
