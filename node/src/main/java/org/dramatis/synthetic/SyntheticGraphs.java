package org.dramatis.synthetic;

import java.util.SplittableRandom;
import org.dramatis.engine.Graph;
import org.dramatis.engine.LinkSpec;

/** Synthetic component graphs that exercise the engine: a token ring and seeded random traffic. */
public final class SyntheticGraphs {

    private SyntheticGraphs() {}

    /**
     * A ring of {@code n} stages joined by 1 ns, 64 GB/s links; each stage starts {@code tokensPerNode}
     * tokens of 8 bytes that travel {@code hops} hops.
     */
    public static Graph ring(int n, int tokensPerNode, int hops) {
        Graph g = new Graph();
        for (int i = 0; i < n; i++) g.add("n" + i, new TokenNode(new TokenNode.Params(i, tokensPerNode, hops, 0, 8, 1.0)));
        LinkSpec link = new LinkSpec(1_000, 64e9, 0.1);
        for (int i = 0; i < n; i++) g.connect("ring" + i, "n" + i, "out", "n" + ((i + 1) % n), "in", link);
        return g;
    }

    /**
     * {@code n} nodes, each with 1 to 4 links to nodes drawn at random (latency 1 to 51 ns,
     * bandwidth 1 to 64 GB/s), starting 1 to 3 tokens that travel {@code hops} hops with random
     * processing delays up to 5 ns. Fully determined by {@code seed}.
     */
    public static Graph random(long seed, int n, int hops) {
        SplittableRandom r = new SplittableRandom(seed);
        Graph g = new Graph();
        for (int i = 0; i < n; i++) {
            g.add("c" + i, new TokenNode(new TokenNode.Params(r.nextLong(), 1 + r.nextInt(3), hops, 5_000,
                    8 + r.nextInt(256), 1 + r.nextInt(10) / 7.0)));
        }
        for (int i = 0; i < n; i++) {
            int degree = 1 + r.nextInt(4);
            for (int k = 0; k < degree; k++) {
                int j = r.nextInt(n);
                LinkSpec spec = new LinkSpec(1_000 + r.nextInt(50_000), 1e9 * (1 + r.nextInt(64)), r.nextInt(5) * 0.25);
                g.connect("l" + i + "_" + k, "c" + i, "o" + k, "c" + j, "i" + i + "_" + k, spec);
            }
        }
        return g;
    }
}
