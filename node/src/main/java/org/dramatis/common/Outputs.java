package org.dramatis.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes result files all-or-nothing: to a temporary file beside the target, then an atomic
 * rename, so a failed or interrupted run never leaves a partial file behind. Files are readable
 * by everyone (0644), as files people share should be; the path {@code -} is standard output.
 */
public final class Outputs {

    public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Where {@code -} writes: set when the command line moved its own messages off standard output. */
    private static volatile PrintStream standardOutput;

    private Outputs() {}

    /** {@code -} as an output path: standard output. */
    public static boolean isStandardOutput(Path target) {
        return target != null && target.toString().equals("-");
    }

    /** The stream {@code -} writes to (the process's standard output when nothing else was set). */
    public static void standardOutput(PrintStream out) {
        standardOutput = out;
    }

    /**
     * Refuses, before any work, an output file that could not be written: an empty path, a
     * directory, or a place where no file can be created. {@code option} names the flag.
     */
    public static void checkFile(Path target, String option) {
        if (target == null || isStandardOutput(target)) return;
        if (target.toString().isBlank()) throw new UserError(option + ": the path is empty");
        Path abs = target.toAbsolutePath();
        if (Files.isDirectory(abs)) throw new UserError(option + " " + target + ": is a directory, not a file");
        checkCreatable(abs.getParent(), option + " " + target);
    }

    /** Refuses, before any work, an output folder that could not be created or written into. */
    public static void checkDirectory(Path dir, String option) {
        if (dir == null) return;
        if (dir.toString().isBlank()) throw new UserError(option + ": the path is empty");
        Path abs = dir.toAbsolutePath();
        if (Files.exists(abs) && !Files.isDirectory(abs)) throw new UserError(option + " " + dir + ": is a file, not a folder");
        checkCreatable(abs, option + " " + dir);
    }

    /** The nearest existing folder of {@code dir} must be one that takes a new file. */
    private static void checkCreatable(Path dir, String what) {
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        if (existing == null) return;
        if (!Files.isDirectory(existing)) throw new UserError(what + ": " + existing + " is not a folder");
        try {
            Files.deleteIfExists(Files.createTempFile(existing, ".dramatis-check", ".tmp"));
        } catch (IOException | UnsupportedOperationException e) {
            throw new UserError(what + ": cannot create files in " + existing + " (" + reason(e) + ")");
        }
    }

    /** The file system's reason in words, without the exception's class name. */
    private static String reason(Exception e) {
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof java.nio.file.NoSuchFileException) return "the file system takes no new files there";
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) return f.getReason();
        return e.getMessage() == null ? "unsupported" : e.getMessage();
    }

    public static void writeJson(Path target, JsonNode tree) {
        try {
            writeText(target, JSON.writeValueAsString(tree) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void writeText(Path target, String text) {
        writeBytes(target, text.getBytes(StandardCharsets.UTF_8));
    }

    public static void writeBytes(Path target, byte[] bytes) {
        if (isStandardOutput(target)) {
            PrintStream out = standardOutput != null ? standardOutput : System.out;
            out.write(bytes, 0, bytes.length);
            out.flush();
            return;
        }
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        try {
            if (dir != null) Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".tmp");
            try {
                Files.write(tmp, bytes);
                if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
                }
                try {
                    Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UserError("cannot write " + target + " (" + reason(e) + ")", e);
        }
    }
}
