package org.dramatis.workload;

/** The two phases of generation. */
public enum Phase {
    /** All prompt tokens of each sequence at once: GEMMs, causal attention over the prompt. */
    PREFILL,
    /** One new token per sequence: GEMVs, attention over the KV cache. */
    DECODE
}
