package org.dramatis.common;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a text file a user gave (topology, experiment, model config, DRAM config, script) as
 * UTF-8, a byte-order mark allowed: a folder, a binary file or bytes that are not UTF-8 are one
 * line naming the file (and the line), never a decoder's "Input length = 1".
 */
public final class TextFiles {
    private TextFiles() {}

    public static String read(Path file) {
        if (Files.isDirectory(file)) throw new UserError(file + ": is a folder, not a file");
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UserError(file + ": no such file");
        } catch (java.nio.file.AccessDeniedException e) {
            throw new UserError(file + ": cannot read it (permission denied)");
        } catch (IOException e) {
            throw new UserError(file + ": cannot read it (" + e.getMessage() + ")");
        }
        return decode(file.toString(), bytes);
    }

    /** UTF-8 text of {@code bytes} read from {@code source}, without a leading byte-order mark. */
    public static String decode(String source, byte[] bytes) {
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
        for (int i = start; i < bytes.length; i++) {
            if (bytes[i] == 0) throw new UserError(source + ":" + lineAt(bytes, i) + ": a NUL byte: this is a binary file, not text");
        }
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = d.decode(in, out, true);
        if (r.isError()) {
            throw new UserError(source + ":" + lineAt(bytes, in.position()) + ": not UTF-8 text (a binary file?)");
        }
        d.flush(out);
        return out.flip().toString();
    }

    private static int lineAt(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) if (bytes[i] == '\n') line++;
        return line;
    }
}
