package org.dramatis.common;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** The Dramatis version and wire-protocol version, filled in by the build. */
public final class Version {
    private static final Properties PROPS = load();
    private static String codeDigest;

    private Version() {}

    public static String dramatis() {
        return PROPS.getProperty("version", "unknown");
    }

    /**
     * The git commit the build came from, with {@code -dirty} when the working tree had changes,
     * or {@code unknown} when it was not built from a git checkout.
     */
    public static String commit() {
        String c = PROPS.getProperty("commit", "");
        if (c.isEmpty() || c.startsWith("${")) return "unknown";
        return "true".equals(PROPS.getProperty("dirty")) ? c + "-dirty" : c;
    }

    /** SHA-256 (hex) of some text, e.g. a model config as given. */
    public static String sha256(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    public static int protocol() {
        return Integer.parseInt(PROPS.getProperty("protocol", "0"));
    }

    /**
     * SHA-256 (hex) of the simulator's own class files ({@code org/dramatis/**}) on the class path,
     * by name and content: a result cached under it is recomputed when the code changes, even
     * when the version string does not (a snapshot), and reused across rebuilds of the same code.
     */
    public static synchronized String codeDigest() {
        if (codeDigest == null) {
            Map<String, byte[]> classes = new TreeMap<>();
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                collect(Path.of(entry), classes);
            }
            MessageDigest all = sha256();
            for (Map.Entry<String, byte[]> c : classes.entrySet()) {
                all.update(c.getKey().getBytes(StandardCharsets.UTF_8));
                all.update(sha256().digest(c.getValue()));
            }
            codeDigest = HexFormat.of().formatHex(all.digest());
        }
        return codeDigest;
    }

    private static void collect(Path entry, Map<String, byte[]> classes) {
        try {
            if (Files.isDirectory(entry)) {
                Path root = entry.resolve("org/dramatis");
                if (!Files.isDirectory(root)) return;
                try (Stream<Path> files = Files.walk(root)) {
                    for (Path f : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                        classes.put(entry.relativize(f).toString().replace(File.separatorChar, '/'), Files.readAllBytes(f));
                    }
                }
            } else if (Files.isRegularFile(entry)) {
                try (JarFile jar = new JarFile(entry.toFile())) {
                    for (JarEntry e : (Iterable<JarEntry>) jar.stream()::iterator) {
                        if (!e.getName().startsWith("org/dramatis/") || !e.getName().endsWith(".class")) continue;
                        try (InputStream in = jar.getInputStream(e)) {
                            classes.put(e.getName(), in.readAllBytes());
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the class path entry " + entry + ": " + e.getMessage(), e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
