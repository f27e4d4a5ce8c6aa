package org.dramatis.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counters, values and energy that one component reports at the end of a run. Insertion order
 * is kept so that a result is byte-identical however it was computed.
 */
public final class Stats {
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Map<String, Double> energyPj = new LinkedHashMap<>();
    /** The categories of {@link #energyPj} that are static: drawn for time, not for work. */
    private final Map<String, Double> staticPj = new LinkedHashMap<>();
    private final long endPs;
    private long busyPs;

    public Stats(long endPs) {
        this.endPs = endPs;
    }

    /** Simulated time at which the run ended (for background energy and utilisation). */
    public long endPs() {
        return endPs;
    }

    public Stats count(String key, long value) {
        values.put(key, value);
        return this;
    }

    public Stats value(String key, double value) {
        values.put(key, value);
        return this;
    }

    /** Adds energy in picojoules under a category (for example {@code act}, {@code mac}, {@code adc}). */
    public Stats energy(String category, double pj) {
        energyPj.merge(category, pj, Double::sum);
        return this;
    }

    /**
     * Adds static energy (pJ) under a category: energy drawn for the time that passed rather than
     * for work done (leakage, standby, idle power), reported apart from the dynamic energy.
     */
    public Stats staticEnergy(String category, double pj) {
        energy(category, pj);
        staticPj.merge(category, pj, Double::sum);
        return this;
    }

    /** Time the component spent doing work, for utilisation. */
    public Stats busy(long ps) {
        busyPs += ps;
        return this;
    }

    public Map<String, Object> values() {
        return values;
    }

    public Map<String, Double> energyPj() {
        return energyPj;
    }

    /** Every category's energy, dynamic and static. */
    public double totalEnergyPj() {
        double sum = 0;
        for (double e : energyPj.values()) sum += e;
        return sum;
    }

    /** The static part of {@link #totalEnergyPj()}. */
    public double staticEnergyPj() {
        double sum = 0;
        for (double e : staticPj.values()) sum += e;
        return sum;
    }

    public long busyPs() {
        return busyPs;
    }
}
