package org.dramatis.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The Dramatis version and wire-protocol version, filled in by the build. */
public final class Version {
    private static final Properties PROPS = load();

    private Version() {}

    public static String dramatis() {
        return PROPS.getProperty("version", "unknown");
    }

    public static int protocol() {
        return Integer.parseInt(PROPS.getProperty("protocol", "0"));
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/dramatis-version.properties")) {
            if (in != null) p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
