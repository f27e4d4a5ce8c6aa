package org.dramatis.engine;

import java.util.List;

/** What one component reported at the end of a run, with the channels it sent on. */
public record Report(int id, String name, String kind, Stats stats, List<LinkReport> links) {

    /** Traffic and energy of one direction of a link. */
    public record LinkReport(String link, String from, String to, long messages, long bytes, long busyPs,
                             double energyPj) {}
}
