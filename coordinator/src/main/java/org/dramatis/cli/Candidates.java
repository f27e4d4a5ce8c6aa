package org.dramatis.cli;

import java.util.Iterator;
import org.dramatis.mapping.MappingPolicies;
import org.dramatis.mapping.MappingPolicy;
import org.dramatis.topology.Shipped;
import org.dramatis.workload.ModelLoader;

/** The shipped names an argument may take, for shell completion (picocli completionCandidates). */
final class Candidates {

    private Candidates() {}

    static final class Topologies implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Shipped.topologies().iterator();
        }
    }

    static final class Experiments implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Shipped.experiments().iterator();
        }
    }

    static final class Models implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return ModelLoader.shippedNames().iterator();
        }
    }

    static final class Mappings implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return MappingPolicies.all().stream().map(MappingPolicy::name).iterator();
        }
    }
}
