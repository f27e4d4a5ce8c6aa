package org.dramatis.cli;

import java.util.function.Consumer;

/** Progress lines on stderr when it is a terminal; nothing otherwise (scripts and CI stay quiet). */
final class Progress {

    private Progress() {}

    static Consumer<String> forStderr() {
        if (System.console() == null) return s -> {};
        long start = System.nanoTime();
        return s -> System.err.printf("\r\u001b[2K[%6.1f s] %s", (System.nanoTime() - start) / 1e9, s);
    }
}
