package org.dramatis.dram;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The generator writes the same bytes as gen_trace.py, the script that wrote the DRAMsim3 golden
 * traces: the SHA-256 of the script's output for each argument set was recorded on 2026-12-03
 * ({@code python3 gen_trace.py KIND N SEED RATE | sha256sum}, CPython 3).
 */
class GenTraceTest {

    @ParameterizedTest
    @CsvSource({
        "stream 300 11 8, 29b3d3bbbade3266ebe18d5be6aacde9663c7a5789d7ef84d83c5b79cff1f7fd",
        "random 3000 11 8, b4e8b870c06e98396893c2a3b6723157dde5b48f5183b5e7cefaf1ca208089f5",
        "mixed 3000 11 0.05, b11e8d52e142f47a7143c0d692a4b70ad82b8b61cb9116c60180ee8724b5f259",
        "random 500 0 1, 1082e3580c9fdcf101f869448a024e99bada046e8759146fee646f61cee6c716",
        "mixed 2000 12345678901 0.25, bde215be24e7c9d19e5bbfcfd959c75189eb408db25a0ebf0e2c2829e9996bd1"})
    void writesTheScriptsBytes(String args, String sha256) throws Exception {
        String text = GenTrace.text(GenTrace.generate(args), Trace.Format.dramsim3);
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
        assertEquals(sha256, HexFormat.of().formatHex(digest), args);
    }

    @Test
    void theFirstLinesAsTheScriptPrintsThem() {
        // python3 gen_trace.py mixed 6 11 0.05: sequential lines, every request 20 cycles apart
        assertEquals("0x00000000 READ 0\n0x00000040 READ 20\n0x00000080 READ 40\n0x000000C0 READ 60\n"
                + "0x00000100 READ 80\n0x00000140 READ 100\n",
                GenTrace.text(GenTrace.generate("mixed 6 11 0.05"), Trace.Format.dramsim3));
        assertEquals("LD 0x0\nLD 0x40\n", GenTrace.text(GenTrace.generate("stream 2 1 1"), Trace.Format.ramulator2));
    }
}
