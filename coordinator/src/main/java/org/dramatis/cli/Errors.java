package org.dramatis.cli;

import java.io.PrintWriter;
import org.dramatis.cluster.ClusterFailure;
import org.dramatis.common.UserError;
import picocli.CommandLine;

/** Maps failures to exit codes: bad input gives one line and exit code 2. */
final class Errors {
    static final int BAD_INPUT = 2;
    static final int INTERNAL = 1;

    private Errors() {}

    static final class Handler implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cli, CommandLine.ParseResult parsed) {
            PrintWriter err = cli.getErr();
            Throwable t = ex;
            while (!(t instanceof UserError) && !(t instanceof ClusterFailure) && t.getCause() != null && t.getCause() != t) t = t.getCause();
            if (t instanceof ClusterFailure) {
                err.println("dramatis: cluster run failed: " + t.getMessage());
                err.flush();
                return INTERNAL;
            }
            if (t instanceof UserError) {
                err.println("dramatis: " + t.getMessage());
                err.flush();
                return BAD_INPUT;
            }
            if (t instanceof OutOfMemoryError) return outOfMemory(err);
            err.println("dramatis: internal error: " + ex);
            ex.printStackTrace(err);
            err.flush();
            return INTERNAL;
        }
    }

    /** One line instead of a stack trace: the run needs a bigger heap than this JVM has. */
    static int outOfMemory(PrintWriter err) {
        err.println("dramatis: out of memory (this JVM's heap holds " + (Runtime.getRuntime().maxMemory() >> 20)
                + " MB): give it more with DRAMATIS_JAVA_OPTS=\"-Xss4m -Xmx<size>\", or simulate less at once");
        err.flush();
        return INTERNAL;
    }

    static final class ParameterHandler implements CommandLine.IParameterExceptionHandler {
        @Override
        public int handleParseException(CommandLine.ParameterException ex, String[] args) {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("dramatis: " + ex.getMessage());
            // picocli's "did you mean" for a misspelt command or option
            if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
                err.println("Did you mean: " + String.join(" or ", u.getSuggestions()) + "?");
            }
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            err.flush();
            return BAD_INPUT;
        }
    }
}
