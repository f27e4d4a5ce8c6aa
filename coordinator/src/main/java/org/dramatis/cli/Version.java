package org.dramatis.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;

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

    /** picocli's {@code --version}. */
    public static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"dramatis " + dramatis() + " (protocol " + protocol() + ", Java "
                    + System.getProperty("java.version") + ")"};
        }
    }
}
