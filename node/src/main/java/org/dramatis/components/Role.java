package org.dramatis.components;

/**
 * What a mapping asks a unit to be. A kind says on its registration line which roles it serves
 * ({@link Traits}); a role is served by the first kind the machine has, in registration order,
 * kinds that serve it only as a fallback last.
 */
public enum Role {
    /** Compute beside DRAM banks: HBM-PIM / AiM channels, hybrid-bonded bank units. */
    CID,
    /** Analog compute-in-memory tiles. */
    CIM,
    /** Logic-die vector units (softmax, norms, RoPE, residuals, top-k). */
    VECTOR,
    /** A GPU device. */
    GPU,
    /** SRAM-PIM cores (systolic array, SRAM macros, vector unit). */
    SRAM_PIM,
    /** The host compute next to the memory: a GPU when there is one, else CiM tiles (AttAcc's FC side). */
    HOST
}
