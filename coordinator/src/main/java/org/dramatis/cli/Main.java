package org.dramatis.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
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
            SweepCommand.class,
            ReproduceCommand.class,
            ScriptCommand.class,
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
        boolean verbose = false;
        for (String a : args) if (a.equals("-v") || a.equals("--verbose")) verbose = true;
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(verbose ? Level.DEBUG : Level.WARN);
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler(new Errors.Handler());
        cli.setParameterExceptionHandler(new Errors.ParameterHandler());
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            return Errors.outOfMemory(cli.getErr());
        }
    }
}
