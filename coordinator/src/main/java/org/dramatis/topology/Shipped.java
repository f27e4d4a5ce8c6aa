package org.dramatis.topology;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The topologies and experiments that ship inside the jar (listed in index files). */
public final class Shipped {

    private Shipped() {}

    /** Names of the shipped topologies ({@code halo} for {@code halo.yaml}). */
    public static List<String> topologies() {
        return index("topologies.index");
    }

    /** Names of the shipped experiments ({@code halo} for {@code experiments/halo.yaml}). */
    public static List<String> experiments() {
        return index("experiments.index");
    }

    private static List<String> index(String file) {
        List<String> names = new ArrayList<>();
        try (InputStream in = Shipped.class.getClassLoader().getResourceAsStream("dramatis/topologies/" + file)) {
            if (in == null) return names;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) names.add(line.trim());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }
}
