package org.dramatis.experiment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of an experiment: a topology (with its {@code --set} overrides), a model, a mapping and
 * the workload. Its id is a hash of its full description, so a finished point is recognised
 * when a sweep is run again.
 */
public record Point(String topology, String model, String mapping, String attention, long prompt, long generate,
                    int batch, List<String> sets, int decodeSamples, boolean prefill, boolean staticPower) {

    /** The keys a grid, an exclude rule or a comparison may name, in description order. */
    public static final List<String> KEYS = List.of("topology", "model", "mapping", "attention", "prompt", "generate",
            "batch", "sets", "decode_samples");

    public Point {
        sets = List.copyOf(sets);
    }

    /** A point that charges static power (every point but an ablation's). */
    public Point(String topology, String model, String mapping, String attention, long prompt, long generate,
                 int batch, List<String> sets, int decodeSamples, boolean prefill) {
        this(topology, model, mapping, attention, prompt, generate, batch, sets, decodeSamples, prefill, true);
    }

    /** A point whose prefill is simulated. */
    public Point(String topology, String model, String mapping, String attention, long prompt, long generate,
                 int batch, List<String> sets, int decodeSamples) {
        this(topology, model, mapping, attention, prompt, generate, batch, sets, decodeSamples, true);
    }

    /** The value of one key as text ({@code sets} joined by spaces). */
    public String get(String key) {
        return switch (key) {
            case "topology" -> topology;
            case "model" -> model;
            case "mapping" -> mapping;
            case "attention" -> attention;
            case "prompt" -> Long.toString(prompt);
            case "generate" -> Long.toString(generate);
            case "batch" -> Integer.toString(batch);
            case "sets" -> String.join(" ", sets);
            case "decode_samples" -> Integer.toString(decodeSamples);
            default -> throw new IllegalArgumentException("no point key " + key);
        };
    }

    /** Every key with its value, in {@link #KEYS} order. */
    public Map<String, String> values() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String k : KEYS) m.put(k, get(k));
        return m;
    }

    /**
     * {@code topology=a100 model=opt-350m ...}: the full description the id is made from
     * ({@code prefill=false} at the end of a decode-only point, {@code static_power=false} at the end
     * of one that leaves static power out; other points keep the ids they always had).
     */
    public String description() {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : values().entrySet()) {
            if (b.length() > 0) b.append(' ');
            b.append(e.getKey()).append('=').append(e.getKey().equals("sets") ? "[" + e.getValue() + "]" : e.getValue());
        }
        if (!prefill) b.append(" prefill=false");
        if (!staticPower) b.append(" static_power=false");
        return b.toString();
    }

    /** The first 12 hex digits of the SHA-256 of the description. */
    public String id() {
        return sha256(description()).substring(0, 12);
    }

    /** SHA-256 of the text's UTF-8 bytes, in hex. */
    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** This point with more {@code --set} overrides after its own. */
    public Point withSets(List<String> more) {
        List<String> all = new java.util.ArrayList<>(sets);
        all.addAll(more);
        return new Point(topology, model, mapping, attention, prompt, generate, batch, all, decodeSamples, prefill,
                staticPower);
    }

    /** This point with another mapping, attention policy (null keeps each) or static power setting. */
    public Point with(String newMapping, String newAttention, boolean chargeStatic) {
        return new Point(topology, model, newMapping != null ? newMapping : mapping,
                newAttention != null ? newAttention : attention, prompt, generate, batch, sets, decodeSamples, prefill,
                chargeStatic);
    }
}
