package org.dramatis.dram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Java port of gen_trace.py writes the same bytes as the script (checked when python3 is present). */
class GenTraceTest {

    private static final Path SCRIPT = Path.of("/work/shared/tools/gen_trace.py");

    @ParameterizedTest
    @ValueSource(strings = {"stream 300 11 8", "random 3000 11 8", "mixed 3000 11 0.05", "random 500 0 1",
        "mixed 2000 12345678901 0.25"})
    void portMatchesScriptByteForByte(String args) throws Exception {
        assumeTrue(Files.isReadable(SCRIPT), "gen_trace.py not available");
        String expected = runPython(args);
        assumeTrue(expected != null, "python3 not available");
        assertEquals(expected, GenTrace.text(GenTrace.generate(args)));
    }

    private static String runPython(String args) throws IOException, InterruptedException {
        Process p;
        try {
            var cmd = new java.util.ArrayList<String>(java.util.List.of("python3", SCRIPT.toString()));
            cmd.addAll(java.util.List.of(args.split(" ")));
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            return null;
        }
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) return null;
        return new String(out, StandardCharsets.US_ASCII);
    }
}
