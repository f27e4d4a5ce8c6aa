package org.dramatis.cli;

import org.dramatis.common.Version;
import picocli.CommandLine;

/** picocli's {@code --version}. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"dramatis " + Version.dramatis() + " (protocol " + Version.protocol() + ", Java "
                + System.getProperty("java.version") + ")"};
    }
}
