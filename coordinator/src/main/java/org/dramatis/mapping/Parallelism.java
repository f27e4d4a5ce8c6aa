package org.dramatis.mapping;

import org.dramatis.common.UserError;

/**
 * How a model is spread over a machine's devices (the top-level block instances that hold its
 * units, such as CENT's CXL devices): {@code pp} pipeline stages of {@code tp} devices each. The
 * decoder layers are cut into {@code pp} equal runs, layer {@code l} on stage
 * {@code l * pp / layers} (the embedding on the first stage, the model head on the last); inside a
 * stage every operator is split over the stage's devices as over one machine (weight columns and KV
 * heads, tensor parallelism). Zero means "what the other leaves": with neither given, one stage of
 * every device.
 */
public record Parallelism(int tp, int pp) {

    public static final Parallelism WHOLE = new Parallelism(0, 0);

    public Parallelism {
        if (tp < 0 || pp < 0) throw new IllegalArgumentException("tp and pp must be >= 0");
    }

    /** Stages and devices per stage on a machine of {@code devices} devices; a bad split is the user's error. */
    public Parallelism resolve(int devices, String mapping) {
        int t = tp > 0 ? tp : pp > 0 ? devices / pp : devices;
        int p = pp > 0 ? pp : tp > 0 ? devices / tp : 1;
        if (t < 1 || p < 1 || (long) t * p != devices) {
            throw new UserError("mapping '" + mapping + "': tp x pp must equal the machine's " + devices + " device"
                    + (devices == 1 ? "" : "s") + ", got tp " + (tp > 0 ? tp : "unset") + " and pp "
                    + (pp > 0 ? pp : "unset"));
        }
        return new Parallelism(t, p);
    }

    /** The stage of decoder layer {@code layer} of {@code layers}. */
    public int stageOf(int layer, int layers) {
        return (int) ((long) layer * pp / layers);
    }

    /** The mapping-name suffix that gives this split, empty for {@link #WHOLE}. */
    public String suffix() {
        return (tp > 0 ? ",tp=" + tp : "") + (pp > 0 ? ",pp=" + pp : "");
    }
}
