package org.dramatis.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class VersionTest {

    @Test
    void theCodeDigestCoversTheClassesOnTheClassPath() throws Exception {
        String d = Version.codeDigest();
        assertTrue(d.matches("[0-9a-f]{64}"), d);
        assertEquals(d, Version.codeDigest());
        // the digest of no classes at all: the class path's own classes must have been found
        String none = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest());
        assertNotEquals(none, d);
    }
}
