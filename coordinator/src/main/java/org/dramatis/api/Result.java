package org.dramatis.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import org.dramatis.experiment.Point;

/** The result of one LLM run, for scripts: the headline numbers, and the whole JSON for the rest. */
public final class Result {

    private final Point point;
    private final JsonNode simulated;
    private final String error;

    Result(Point point, JsonNode simulated, String error) {
        this.point = point;
        this.simulated = simulated;
        this.error = error;
    }

    /** Whether the run finished (a failed sweep point carries its {@link #error()}). */
    public boolean ok() {
        return error == null;
    }

    public String error() {
        return error;
    }

    public String topology() {
        return point.topology();
    }

    public String model() {
        return point.model();
    }

    public String mapping() {
        return point.mapping();
    }

    public long prompt() {
        return point.prompt();
    }

    public long generate() {
        return point.generate();
    }

    /** Time to the first token (the prefill), ms. */
    public double ttftMs() {
        return get("ttft_ms");
    }

    /** Mean time per generated token, ms. */
    public double tpotMs() {
        return get("tpot_ms");
    }

    public double totalMs() {
        return get("total_ms");
    }

    public double energyMj() {
        return get("energy_mj");
    }

    public double energyPerTokenMj() {
        return get("energy_per_token_mj");
    }

    /** Any numeric key of the {@code simulated} result. */
    public double get(String key) {
        if (!ok()) throw new IllegalStateException("the run failed: " + error);
        JsonNode v = simulated.get(key);
        if (v == null || !v.isNumber()) throw new IllegalArgumentException("no numeric result '" + key + "'");
        return v.asDouble();
    }

    /** The {@code simulated} part of the result, as written by {@code run --json}. */
    public JsonNode json() {
        return simulated;
    }

    @Override
    public String toString() {
        String what = point.model() + " on " + point.topology() + " (" + point.mapping() + ", prompt " + point.prompt()
                + ", generate " + point.generate() + ")";
        if (!ok()) return what + ": failed: " + error;
        return String.format(Locale.ROOT, "%s: TTFT %.4g ms, TPOT %.4g ms, energy %.4g mJ (%.4g mJ/token)", what,
                ttftMs(), tpotMs(), energyMj(), energyPerTokenMj());
    }
}
