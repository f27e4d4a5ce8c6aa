package org.dramatis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Progress lines: within 80 columns; plain lines only every few seconds; none is silent. */
class ProgressTest {

    private final AtomicLong clock = new AtomicLong();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private Progress progress(Progress.Mode mode) {
        return new Progress(mode, new PrintStream(bytes, true, StandardCharsets.UTF_8), clock::get);
    }

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private void at(double seconds) {
        clock.set((long) (seconds * 1e9));
    }

    @Test
    void plainLinesComeEveryFewSecondsAndAShortRunPrintsNothing() {
        Progress p = progress(Progress.Mode.plain);
        at(1);
        p.accept("1/10 point one");
        at(4.9);
        p.accept("2/10 point two");
        assertEquals("", printed(), "nothing in the first seconds");
        at(5.5);
        p.accept("3/10 point three");
        at(6);
        p.accept("4/10 point four");
        at(12);
        p.accept("10/10 done");
        String[] lines = printed().split("\n");
        assertEquals(2, lines.length, printed());
        assertEquals("3/10 5.5 s, ETA 13 s  point three", lines[0]);
        assertTrue(lines[1].startsWith("10/10 12.0 s, ETA 0 s"), lines[1]);

        Progress quick = progress(Progress.Mode.plain);
        bytes.reset();
        quick.accept("1/1 done");
        assertEquals("", printed(), "a run done within the interval prints no line at all");
    }

    @Test
    void everyLineFitsEightyColumns() {
        String longName = "halo/llama-2-7b/prompt=32768/generate=128/mapping=halo/attention=hybrid/weights=int8";
        for (Progress.Mode mode : new Progress.Mode[] {Progress.Mode.bar, Progress.Mode.plain}) {
            bytes.reset();
            at(0);
            Progress p = progress(mode);
            at(30);
            p.accept("17/1234 " + longName);
            p.accept("compiling " + longName);
            p.close();
            for (String line : printed().split("[\r\n]")) {
                String visible = line.replace("\u001b[2K", "");
                assertTrue(visible.length() < Progress.COLUMNS, mode + ": " + visible.length() + " columns: " + visible);
            }
            assertTrue(printed().contains("17/1234"), printed());
        }
    }

    @Test
    void aBarIsRedrawnInPlaceAndEndsItsLine() {
        Progress p = progress(Progress.Mode.bar);
        at(2);
        p.accept("1/2 first");
        assertTrue(printed().startsWith("\r\u001b[2K[##########..........] 1/2 2.0 s, ETA 2 s  first"), printed());
        assertTrue(!printed().endsWith("\n"));
        p.close();
        assertTrue(printed().endsWith("\n"), "a bar left open is ended");
    }

    @Test
    void noneIsSilent() {
        Progress p = progress(Progress.Mode.none);
        at(100);
        p.accept("1/2 first");
        p.close();
        assertEquals("", printed());
    }
}
