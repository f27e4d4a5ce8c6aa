package org.dramatis.dram;

import java.nio.file.Files;
import java.nio.file.Path;

/** The DRAM configs that ship in topologies/dram, found from the node module or the repo root. */
final class DramTestConfigs {
    private DramTestConfigs() {}

    static Path path(String name) {
        for (Path dir : new Path[] {Path.of("../topologies/dram"), Path.of("topologies/dram")}) {
            Path p = dir.resolve(name + ".ini");
            if (Files.exists(p)) return p;
        }
        throw new IllegalStateException("config " + name + ".ini not found under topologies/dram");
    }

    static DramConfig load(String name) {
        return DramConfig.load(path(name));
    }
}
