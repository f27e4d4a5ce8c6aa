package org.dramatis.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dramatis.api.Scripts;
import org.dramatis.common.TextFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Runs a JShell script against the Java API (org.dramatis.api). */
@Command(name = "script", mixinStandardHelpOptions = true,
        description = {"Run a JShell script with the Dramatis Java API.",
            "org.dramatis.api is imported: Dramatis.load/topology/on/run/sweep/plot. See topologies/scripts/ for examples."},
        footer = {"", "Examples:", "  dramatis script topologies/scripts/custom-topology.jsh",
            "  dramatis script topologies/scripts/prompt-study.jsh"})
public final class ScriptCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE.jsh", description = "the script")
    Path file;

    @Override
    public Integer call() {
        Scripts.run(file.toString(), TextFiles.read(file));
        return 0;
    }
}
