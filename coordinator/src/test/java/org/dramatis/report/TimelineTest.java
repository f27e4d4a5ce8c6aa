package org.dramatis.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The power track's binning: a task's energy goes to the bins it overlaps, in proportion, and none is lost. */
class TimelineTest {

    @Test
    void energyIsSpreadOverTheBinsATaskOverlaps() {
        double[] bins = new double[4];
        // 10 bins' worth of 100 ps: a task from 50 to 250 ps, 200 pJ: 50, 100, 50 pJ over bins 0, 1, 2
        Timeline.spread(bins, 50, 250, 200, 100);
        assertArrayEquals(new double[] {50, 100, 50, 0}, bins, 1e-12);
        // an instant goes into its bin whole; a task past the last bin ends up in the last
        Timeline.spread(bins, 310, 310, 7, 100);
        Timeline.spread(bins, 350, 550, 20, 100);
        assertArrayEquals(new double[] {50, 100, 50, 27}, bins, 1e-12);
        double sum = 0;
        for (double b : bins) sum += b;
        assertEquals(227, sum, 1e-9);
    }
}
