package org.dramatis.topology;

import java.util.HashMap;
import java.util.Map;

/** A topology whose components do not all reach each other over links is almost surely a mistake. */
final class Connectivity {

    private Connectivity() {}

    static void requireConnected(Topology t, YamlNode root) {
        int n = t.instances().size();
        if (n <= 1) return;
        Map<String, Integer> id = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) id.put(t.instances().get(i).path(), i);
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) parent[i] = i;
        for (Topology.Link l : t.links()) union(parent, id.get(l.from()), id.get(l.to()));
        int root0 = find(parent, 0);
        for (int i = 1; i < n; i++) {
            if (find(parent, i) != root0) {
                Topology.Instance lonely = t.instances().get(i);
                throw root.error("the topology is disconnected: '" + lonely.path() + "' (" + lonely.where()
                        + ") cannot reach '" + t.instances().get(0).path() + "' over any link");
            }
        }
    }

    static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    static void union(int[] parent, int a, int b) {
        parent[find(parent, a)] = find(parent, b);
    }
}
