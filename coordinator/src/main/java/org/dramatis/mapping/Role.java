package org.dramatis.mapping;

import java.util.List;

/** What a mapping asks a unit to be; each role is served by the first kind the machine has. */
public enum Role {
    /** Compute beside DRAM banks: HBM-PIM / AiM channels, hybrid-bonded bank units. */
    CID(List.of("pim_channel", "hb_unit")),
    /** Analog compute-in-memory tiles. */
    CIM(List.of("cim_tile")),
    /** Logic-die vector units (softmax, norms, RoPE, residuals, top-k). */
    VECTOR(List.of("vector_unit")),
    /** A GPU device. */
    GPU(List.of("gpu")),
    /** SRAM-PIM cores (systolic array, SRAM macros, vector unit). */
    SRAM_PIM(List.of("sram_pim_core")),
    /** The host compute next to the memory: a GPU when there is one, else CiM tiles (AttAcc's FC side). */
    HOST(List.of("gpu", "cim_tile"));

    private final List<String> kinds;

    Role(List<String> kinds) {
        this.kinds = kinds;
    }

    public List<String> kinds() {
        return kinds;
    }
}
