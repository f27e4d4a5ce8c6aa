package org.dramatis.engine;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Each declared bound refuses a bad value with the wording the kinds used by hand, and takes a good one. */
class BoundsTest {

    record Toy(@AtLeast(1) int banksPerUnit, @AtLeast(0) long arrayReadPs, @AtLeast(0) double pjPerFlop,
               @AtLeast(value = 0, finite = true) double pjPerInstruction, @Positive double frequencyHz,
               @Range(min = 0, max = 1, minExclusive = true) double computeCap, @Range(min = 0, max = 1) double share,
               String name) implements ComponentParams {

        static Toy good() {
            return new Toy(1, 0, 0, 0, 1e9, 1, 0, "t");
        }

        Toy with(int banks, long readPs, double pj, double pjInstr, double hz, double cap, double share) {
            return new Toy(banks, readPs, pj, pjInstr, hz, cap, share, name);
        }
    }

    record Unbounded(int anything) implements ComponentParams {}

    record Misplaced(@AtLeast(1) String name) implements ComponentParams {}

    private static String error(Toy t) {
        return assertThrows(IllegalArgumentException.class, t::validate).getMessage();
    }

    @Test
    void goodValuesPass() {
        Toy g = Toy.good();
        assertDoesNotThrow(g::validate);
        assertDoesNotThrow(g.with(7, 5, 0.5, 3.0, Double.POSITIVE_INFINITY, 0.5, 1)::validate);
        // only @AtLeast(finite = true) refuses infinity
        assertDoesNotThrow(g.with(1, 0, Double.POSITIVE_INFINITY, 0, 1, 1, 0)::validate);
        assertDoesNotThrow(new Unbounded(-5)::validate);
    }

    @Test
    void eachBoundRefusesWithTheKeyAndValue() {
        Toy g = Toy.good();
        assertEquals("banks_per_unit must be >= 1, got 0", error(g.with(0, 0, 0, 0, 1, 1, 0)));
        assertEquals("array_read_ps must be >= 0, got -1", error(g.with(1, -1, 0, 0, 1, 1, 0)));
        assertEquals("pj_per_flop must be >= 0, got -0.5", error(g.with(1, 0, -0.5, 0, 1, 1, 0)));
        assertEquals("pj_per_instruction must be >= 0 and finite, got Infinity",
                error(g.with(1, 0, 0, Double.POSITIVE_INFINITY, 1, 1, 0)));
        assertEquals("pj_per_instruction must be >= 0 and finite, got -1.0", error(g.with(1, 0, 0, -1, 1, 1, 0)));
        assertEquals("frequency_hz must be > 0, got 0.0", error(g.with(1, 0, 0, 0, 0, 1, 0)));
        assertEquals("compute_cap must be in (0, 1], got 0.0", error(g.with(1, 0, 0, 0, 1, 0, 0)));
        assertEquals("compute_cap must be in (0, 1], got 1.5", error(g.with(1, 0, 0, 0, 1, 1.5, 0)));
        assertEquals("share must be in [0, 1], got -0.1", error(g.with(1, 0, 0, 0, 1, 1, -0.1)));
    }

    @Test
    void nanFailsEveryBound() {
        Toy g = Toy.good();
        double nan = Double.NaN;
        assertEquals("pj_per_flop must be >= 0, got NaN", error(g.with(1, 0, nan, 0, 1, 1, 0)));
        assertEquals("pj_per_instruction must be >= 0 and finite, got NaN", error(g.with(1, 0, 0, nan, 1, 1, 0)));
        assertEquals("frequency_hz must be > 0, got NaN", error(g.with(1, 0, 0, 0, nan, 1, 0)));
        assertEquals("compute_cap must be in (0, 1], got NaN", error(g.with(1, 0, 0, 0, 1, nan, 0)));
        assertEquals("share must be in [0, 1], got NaN", error(g.with(1, 0, 0, 0, 1, 1, nan)));
    }

    @Test
    void theFirstBrokenBoundInDeclarationOrderIsReported() {
        assertEquals("banks_per_unit must be >= 1, got 0", error(Toy.good().with(0, -1, -1, -1, 0, 0, -1)));
        assertEquals("frequency_hz must be > 0, got -1.0", error(Toy.good().with(1, 0, 0, 0, -1, 0, -1)));
    }

    @Test
    void aBoundOnANonNumberIsAProgrammingError() {
        IllegalStateException e = assertThrows(IllegalStateException.class, new Misplaced("x")::validate);
        assertEquals("@AtLeast on " + Misplaced.class.getName() + ".name, which is not a primitive number", e.getMessage());
    }
}
