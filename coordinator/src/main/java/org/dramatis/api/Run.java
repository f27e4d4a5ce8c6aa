package org.dramatis.api;

import java.util.List;
import org.dramatis.experiment.Point;
import org.dramatis.experiment.PointRunner;
import org.dramatis.topology.Topology;

/** A run being set up: {@code Dramatis.on(t).model("opt-350m").prompt(64).generate(8).run()}. */
public final class Run {

    private final Topology topology;
    private String model;
    private String mapping;
    private String attention = "dense";
    private long prompt = 1024;
    private long generate = 128;
    private int batch = 1;
    private int decodeSamples = 3;

    Run(Topology topology) {
        this.topology = topology;
        this.mapping = topology.defaultMapping();
    }

    /** A shipped model name or a Hugging Face config.json path. */
    public Run model(String m) {
        model = m;
        return this;
    }

    public Run mapping(String m) {
        mapping = m;
        return this;
    }

    /** dense, streaming, quest or hybrid. */
    public Run attention(String a) {
        attention = a;
        return this;
    }

    public Run prompt(long p) {
        prompt = p;
        return this;
    }

    public Run generate(long g) {
        generate = g;
        return this;
    }

    public Run batch(int b) {
        batch = b;
        return this;
    }

    /** Decode steps simulated; the others are interpolated linearly in context. */
    public Run decodeSamples(int n) {
        decodeSamples = n;
        return this;
    }

    public Result run() {
        if (model == null) throw new IllegalArgumentException("no model: call .model(\"opt-350m\") first");
        if (mapping == null) throw new IllegalArgumentException(topology.name() + " names no default mapping: call .mapping(...)");
        if (prompt < 1 || generate < 0 || batch < 1 || decodeSamples < 2) {
            throw new IllegalArgumentException("need prompt >= 1, generate >= 0, batch >= 1, decodeSamples >= 2");
        }
        Point p = new Point(topology.name(), model, mapping, attention, prompt, generate, batch, List.of(), decodeSamples);
        return new Result(p, PointRunner.run(topology, p).get("simulated"), null);
    }
}
