package org.dramatis.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.dramatis.common.Outputs;
import org.dramatis.common.Version;

/**
 * Where a result came from, written beside {@code simulated} and {@code host} in every result
 * JSON: the build (version, git commit, digest of the simulator's classes), the Java runtime, the
 * full command line and every {@code --set}. Commands add what else defines their inputs.
 */
final class Provenance {
    /** The arguments of the running command line (set by {@link Main#execute}). */
    private static volatile List<String> commandLine = List.of();

    private Provenance() {}

    static void commandLine(String... args) {
        commandLine = List.of(args);
    }

    static ObjectNode of(List<String> sets) {
        ObjectNode p = Outputs.JSON.createObjectNode();
        p.put("dramatis_version", Version.dramatis());
        p.put("git_commit", Version.commit());
        p.put("code_digest", Version.codeDigest());
        p.put("java", System.getProperty("java.vendor") + " " + System.getProperty("java.version"));
        ArrayNode cl = p.putArray("command_line");
        cl.add("dramatis");
        commandLine.forEach(cl::add);
        ArrayNode s = p.putArray("sets");
        sets.forEach(s::add);
        return p;
    }
}
