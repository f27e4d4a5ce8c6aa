package org.dramatis.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.PrintStream;
import org.dramatis.common.Outputs;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code dramatis} command line. */
@Command(name = "dramatis",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Simulator of memory-centric accelerators for large language models.",
        subcommands = {
            RunCommand.class,
            NodeCommand.class,
            DescribeCommand.class,
            ValidateCommand.class,
            DemoCommand.class,
            TraceCommand.class,
            GenTraceCommand.class,
            KindsCommand.class,
            SweepCommand.class,
            ReproduceCommand.class,
            ScriptCommand.class,
            CompletionCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the CLI and returns the exit code: 0 success, 2 bad input, 1 internal failure. */
    public static int execute(String... args) {
        Provenance.commandLine(args);
        boolean verbose = false;
        for (String a : args) if (a.equals("-v") || a.equals("--verbose")) verbose = true;
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(verbose ? Level.DEBUG : Level.WARN);
        CommandLine cli = new CommandLine(new Main());
        // --weights int8 as the help spells it, and INT8 too
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler(new Errors.Handler());
        cli.setParameterExceptionHandler(new Errors.ParameterHandler());
        // with --json - standard output carries the JSON alone: the summary lines go to standard error
        PrintStream out = System.out;
        boolean jsonToStdout = jsonToStandardOutput(args);
        if (jsonToStdout) {
            Outputs.standardOutput(out);
            System.setOut(System.err);
        }
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            return Errors.outOfMemory(cli.getErr());
        } finally {
            if (jsonToStdout) {
                System.setOut(out);
                Outputs.standardOutput(null);
            }
        }
    }

    private static boolean jsonToStandardOutput(String... args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--json=-") || (args[i].equals("--json") && i + 1 < args.length && args[i + 1].equals("-"))) {
                return true;
            }
        }
        return false;
    }
}
