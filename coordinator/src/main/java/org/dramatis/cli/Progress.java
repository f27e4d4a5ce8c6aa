package org.dramatis.cli;

import java.io.PrintStream;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Progress of a long run on standard error. A message that starts with "done/total" gives the
 * share done, the elapsed time and an estimate of the time left (elapsed / done x remaining); any
 * other message is shown as it is. As a bar redrawn in place on a terminal, as a plain line at
 * most every {@link #PLAIN_INTERVAL_S} seconds when standard error is a log or a pipe (so that
 * short runs print nothing), or not at all. Every line fits 80 columns.
 */
final class Progress implements Consumer<String> {

    /** {@code --progress}: auto is a bar on a terminal and plain lines otherwise. */
    enum Mode { auto, bar, plain, none }

    static final int COLUMNS = 80;
    static final double PLAIN_INTERVAL_S = 5;
    private static final Pattern FRACTION = Pattern.compile("^(\\d+)/(\\d+) (.*)$");
    private static final int BAR_WIDTH = 20;

    private final Mode mode;
    private final PrintStream err;
    private final LongSupplier nanoTime;
    private final long start;
    private double lastPlain;
    private boolean barOpen;

    Progress(Mode mode, PrintStream err, LongSupplier nanoTime) {
        this.mode = mode == Mode.auto ? (System.console() != null ? Mode.bar : Mode.plain) : mode;
        this.err = err;
        this.nanoTime = nanoTime;
        this.start = nanoTime.getAsLong();
    }

    static Progress forStderr(Mode mode) {
        return new Progress(mode, System.err, System::nanoTime);
    }

    @Override
    public void accept(String s) {
        if (mode == Mode.none) return;
        double elapsed = (nanoTime.getAsLong() - start) / 1e9;
        Matcher m = FRACTION.matcher(s);
        boolean last = m.matches() && m.group(1).equals(m.group(2));
        if (mode == Mode.plain) {
            // the last line only when earlier ones were printed: a short run stays quiet
            if (elapsed - lastPlain < PLAIN_INTERVAL_S && !(last && lastPlain > 0)) return;
            lastPlain = elapsed;
            err.println(fit(line(m, s, elapsed, false)));
        } else {
            err.print("\r\u001b[2K" + fit(line(m, s, elapsed, true)) + (last ? "\n" : ""));
            barOpen = !last;
        }
        err.flush();
    }

    /** Ends a bar left open (the run stopped before its last step was reported). */
    void close() {
        if (barOpen) err.println();
        barOpen = false;
    }

    private static String line(Matcher m, String s, double elapsed, boolean bar) {
        if (!m.matches()) return String.format("[%6.1f s] %s", elapsed, s);
        long done = Long.parseLong(m.group(1));
        long total = Math.max(1, Long.parseLong(m.group(2)));
        String eta = done == 0 ? "--" : String.format("%.0f s", elapsed / done * (total - done));
        String head = bar ? "[" + "#".repeat((int) (BAR_WIDTH * Math.min(done, total) / total))
                + ".".repeat(BAR_WIDTH - (int) (BAR_WIDTH * Math.min(done, total) / total)) + "] " : "";
        return String.format("%s%d/%d %.1f s, ETA %s  %s", head, done, total, elapsed, eta, m.group(3));
    }

    /** Cut to the width of a terminal line, leaving the last column free (no wrap). */
    static String fit(String line) {
        return line.length() < COLUMNS ? line : line.substring(0, COLUMNS - 2) + "~";
    }
}
