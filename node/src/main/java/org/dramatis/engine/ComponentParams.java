package org.dramatis.engine;

/**
 * The parameter record of a component kind. Topology files bind to it by name (snake_case keys
 * map to camelCase record components), so one record holds every parameter of a kind. The
 * defaults below feed {@code dramatis describe}; a kind overrides the figures it has. Simple
 * bounds are declared on the components ({@link AtLeast}, {@link Positive}, {@link Range}).
 */
public interface ComponentParams {

    /** Bytes of storage this component holds (DRAM capacity, CiM array capacity, SRAM). */
    default long capacityBytes() {
        return 0;
    }

    /** Peak multiply-accumulates per second. */
    default double peakMacsPerSecond() {
        return 0;
    }

    /** Peak bandwidth to its own storage, in bytes per second (bank-to-PU, array read-out). */
    default double peakInternalBytesPerSecond() {
        return 0;
    }

    /** Peak bandwidth of its interface to the rest of the machine (a memory channel's bus), bytes/s. */
    default double peakExternalBytesPerSecond() {
        return 0;
    }

    /**
     * Parts this component models inside itself, by kind (a DRAM channel's banks: {@code bank -> 16}),
     * so that {@code describe} counts them.
     */
    default java.util.Map<String, Long> contains() {
        return java.util.Map.of();
    }

    /**
     * Power drawn whether or not the component works, in watts: leakage, standby and idle power
     * (what depends on the work, refresh included where it is counted per command, is dynamic).
     * The run charges it for its whole time and reports it apart ({@code energy.static_pj}).
     */
    default double staticPowerW() {
        return 0;
    }

    /**
     * Checks ranges; throws {@link IllegalArgumentException} naming the key that is wrong. The
     * default checks the bounds the record declares on its components ({@link Bounds}); a kind
     * with checks across parameters overrides this, calling {@link Bounds#check} first.
     */
    default void validate() {
        if (this instanceof Record r) Bounds.check(r);
    }
}
