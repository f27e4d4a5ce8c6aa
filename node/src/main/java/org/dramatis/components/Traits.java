package org.dramatis.components;

import java.util.List;

/**
 * What a kind is to a mapping, declared on its registration line: the roles it serves (and the
 * roles it stands in for when the machine has no kind that serves them), and whether its
 * capacity holds the model's weights and KV cache. Mapping and run code ask these, never a name.
 *
 * @param serves          roles the kind serves
 * @param fallbackFor     roles it serves only when the machine has no kind that {@code serves} them
 * @param holdsWeights    its capacity counts towards the memory that holds the weights
 * @param holdsKv         it keeps the KV cache of the attention it runs (a unit that does not is
 *                        sent the cache with each request)
 */
public record Traits(List<Role> serves, List<Role> fallbackFor, boolean holdsWeights, boolean holdsKv) {

    /** A kind no mapping places work on (controllers, routers, synthetic nodes). */
    public static final Traits NONE = new Traits(List.of(), List.of(), false, false);

    public Traits {
        serves = List.copyOf(serves);
        fallbackFor = List.copyOf(fallbackFor);
    }

    public static Traits serving(Role... roles) {
        return new Traits(List.of(roles), List.of(), false, false);
    }

    public Traits fallbackFor(Role... roles) {
        return new Traits(serves, List.of(roles), holdsWeights, holdsKv);
    }

    /** Memory: its capacity holds the weights and the KV cache of the heads it serves. */
    public Traits memory() {
        return new Traits(serves, fallbackFor, true, true);
    }
}
