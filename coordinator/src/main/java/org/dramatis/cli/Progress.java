package org.dramatis.cli;

import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A progress bar on stderr when it is a terminal; nothing otherwise (scripts and CI stay quiet).
 * A message that starts with "done/total" draws the bar with the elapsed time and an estimate of
 * the time left (elapsed / done * remaining); any other message is shown as it is.
 */
final class Progress {

    private static final Pattern FRACTION = Pattern.compile("^(\\d+)/(\\d+) (.*)$");
    private static final int WIDTH = 24;

    private Progress() {}

    static Consumer<String> forStderr() {
        if (System.console() == null) return s -> {};
        long start = System.nanoTime();
        return s -> {
            double elapsed = (System.nanoTime() - start) / 1e9;
            Matcher m = FRACTION.matcher(s);
            String line;
            if (m.matches()) {
                long done = Long.parseLong(m.group(1));
                long total = Math.max(1, Long.parseLong(m.group(2)));
                int filled = (int) (WIDTH * Math.min(done, total) / total);
                String eta = done == 0 ? "--" : String.format("%.0f s", elapsed / done * (total - done));
                line = String.format("[%s%s] %d/%d  %5.1f s, ETA %s  %s", "#".repeat(filled), ".".repeat(WIDTH - filled),
                        done, total, elapsed, eta, m.group(3));
            } else {
                line = String.format("[%6.1f s] %s", elapsed, s);
            }
            System.err.print("\r\u001b[2K" + line + (m.matches() && m.group(1).equals(m.group(2)) ? "\n" : ""));
            System.err.flush();
        };
    }
}
