package org.dramatis.components.noc;

import org.dramatis.engine.Graph;
import org.dramatis.engine.LinkSpec;

/**
 * For tests: builds a {@code width x height} mesh of {@link Router}s in a {@link Graph} and attaches endpoint
 * components to it. Router (x, y) is named {@code prefix_x_y}; neighbours are joined both ways by
 * {@code link} (each direction its own serialisation queue). An endpoint talks to its router over
 * its port {@code noc}: it sends {@link Routed} messages there and receives them from there.
 */
public final class Mesh {

    private final String prefix;
    private final int width;
    private final int height;

    private Mesh(String prefix, int width, int height) {
        this.prefix = prefix;
        this.width = width;
        this.height = height;
    }

    /** Adds the routers and the mesh links; every router gets {@code hopLatencyPs} and {@code pjPerBitHop}. */
    public static Mesh build(Graph g, String prefix, int width, int height, long hopLatencyPs, double pjPerBitHop,
                             LinkSpec link) {
        if (width < 1 || height < 1) throw new IllegalArgumentException("mesh must be at least 1 x 1, got " + width + " x " + height);
        Mesh mesh = new Mesh(prefix, width, height);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                g.add(mesh.router(x, y), new Router(new Router.Params(x, y, hopLatencyPs, pjPerBitHop, 0)));
            }
        }
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (x + 1 < width) {
                    g.connectBoth(prefix + "_x" + x + "_" + y, mesh.router(x, y), "east", mesh.router(x + 1, y), "west", link);
                }
                if (y + 1 < height) {
                    g.connectBoth(prefix + "_y" + x + "_" + y, mesh.router(x, y), "north", mesh.router(x, y + 1), "south", link);
                }
            }
        }
        return mesh;
    }

    /** Joins {@code endpoint.noc <-> router(x, y).local} with {@code link}. */
    public Mesh attach(Graph g, String endpoint, int x, int y, LinkSpec link) {
        g.connectBoth(prefix + "_local_" + x + "_" + y, router(x, y), "local", endpoint, "noc", link);
        return this;
    }

    public String router(int x, int y) {
        if (x < 0 || x >= width || y < 0 || y >= height) {
            throw new IllegalArgumentException("(" + x + "," + y + ") is outside the " + width + " x " + height + " mesh");
        }
        return prefix + "_" + x + "_" + y;
    }
}
