package org.dramatis.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dramatis.common.Outputs;
import org.dramatis.common.UserError;
import org.dramatis.dram.GenTrace;
import org.dramatis.dram.Trace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Writes a synthetic memory trace, the kind the DRAMsim3 validation traces are. */
@Command(name = "gen-trace", mixinStandardHelpOptions = true,
        description = {"Write a synthetic memory trace: stream, random or mixed.",
            "stream: consecutive 64-byte lines; random: random 64-byte-aligned addresses below 4 GiB; mixed: 64",
            "sequential and 64 random lines in turn, a third writes. The same arguments give the same bytes as the",
            "gen_trace.py of the validation suite."},
        footer = {"", "Examples:",
            "  dramatis gen-trace stream --requests 10000 --out stream.trace",
            "  dramatis gen-trace mixed --requests 100000 --rate 0.25 --seed 7 --out mixed.trace",
            "  dramatis gen-trace random --requests 10000 --format ramulator2 --out random.ldst"})
public final class GenTraceCommand implements Callable<Integer> {

    @Parameters(paramLabel = "KIND", description = "stream, random or mixed")
    GenTrace.Kind kind;

    @Option(names = "--requests", required = true, paramLabel = "N", description = "requests in the trace")
    int requests;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the trace file (- for standard output)")
    Path out;

    @Option(names = "--seed", paramLabel = "S", description = "random seed, >= 0 (default: ${DEFAULT-VALUE})")
    long seed = 1;

    @Option(names = "--rate", paramLabel = "R", description = "requests per cycle: request i is due at cycle int(i / R) (default: ${DEFAULT-VALUE})")
    double rate = 1;

    @Option(names = "--format", description = "dramsim3 ('0xADDR READ|WRITE CYCLE') or ramulator2 ('LD|ST 0xADDR', no times) (default: ${DEFAULT-VALUE})")
    Trace.Format format = Trace.Format.dramsim3;

    @Override
    public Integer call() {
        Outputs.checkFile(out, "--out");
        if (requests < 0) throw new UserError("--requests must be >= 0, got " + requests);
        if (seed < 0) throw new UserError("--seed must be >= 0, got " + seed);
        if (!(rate > 0) || Double.isInfinite(rate)) throw new UserError("--rate must be > 0 and finite, got " + rate);
        Outputs.writeText(out, GenTrace.text(GenTrace.generate(kind, requests, seed, rate), format));
        if (!Outputs.isStandardOutput(out)) System.out.println("wrote " + requests + " requests (" + kind + ", " + format + ") to " + out);
        return 0;
    }
}
