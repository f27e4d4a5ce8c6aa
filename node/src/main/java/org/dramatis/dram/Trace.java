package org.dramatis.dram;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A memory trace, one request per line, in either simulator's spelling (the first request line
 * decides which):
 * <ul>
 * <li>DRAMsim3: {@code ADDR OP CYCLE}, the address in hexadecimal (with or without {@code 0x}),
 * the cycle in decimal; OP is {@code READ} or {@code WRITE} in any case, or DRAMsim2's
 * {@code P_MEM_RD}, {@code P_FETCH} (reads) and {@code P_MEM_WR}, {@code BOFF} (writes), as
 * DRAMsim3 reads them;</li>
 * <li>Ramulator 2's load/store trace ({@code LoadStoreTrace}): {@code LD|ST ADDR}, the address in
 * hexadecimal with {@code 0x} or in decimal. It has no times: request i is due at cycle i, one
 * request offered per cycle as Ramulator's front end offers one per tick.</li>
 * </ul>
 * Held as flat arrays so that a long trace costs 17 bytes per request.
 */
public final class Trace {

    /** The spellings of a trace file. */
    public enum Format { dramsim3, ramulator2 }

    /** A bad trace file: the message names the file, the line and the problem. */
    public static final class BadTrace extends IllegalArgumentException {
        public BadTrace(String message) {
            super(message);
        }
    }

    private long[] addr;
    private long[] cycle;
    private boolean[] write;
    private int size;

    private Trace(int capacity) {
        addr = new long[capacity];
        cycle = new long[capacity];
        write = new boolean[capacity];
    }

    public static Trace read(Path file) {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            return parse(file.toString(), r);
        } catch (IOException e) {
            throw new BadTrace(file + ": cannot read trace: " + e.getMessage());
        }
    }

    public static Trace parse(String source, Reader in) throws IOException {
        BufferedReader r = in instanceof BufferedReader b ? b : new BufferedReader(in);
        Trace t = new Trace(1024);
        Format format = null;
        String line;
        int lineNo = 0;
        while ((line = nextLine(source, r, lineNo + 1)) != null) {
            lineNo++;
            String s = line.strip();
            if (s.isEmpty()) continue;
            String[] f = s.split("\\s+");
            if (format == null) format = f.length == 2 ? Format.ramulator2 : Format.dramsim3;
            String at = source + ":" + lineNo + ": ";
            if (format == Format.dramsim3) {
                if (f.length != 3) throw new BadTrace(at + "expected 'ADDRESS READ|WRITE CYCLE' (DRAMsim3), got '" + s + "'");
                long c;
                try {
                    c = Long.parseLong(f[2]);
                } catch (NumberFormatException e) {
                    throw new BadTrace(at + "cycle is not a decimal integer: '" + f[2] + "'");
                }
                if (c < 0) throw new BadTrace(at + "cycle must be >= 0, got " + c);
                t.add(address(at, f[0], true), dramsim3Write(at, f[1]), c);
            } else {
                if (f.length != 2) throw new BadTrace(at + "expected 'LD|ST ADDRESS' (Ramulator 2), got '" + s + "'");
                boolean w = switch (f[0]) {
                    case "LD" -> false;
                    case "ST" -> true;
                    default -> throw new BadTrace(at + "operation must be LD or ST, got '" + f[0] + "'");
                };
                boolean hex = f[1].startsWith("0x") || f[1].startsWith("0X");
                t.add(address(at, f[1], hex), w, t.size);
            }
        }
        return t;
    }

    /** The next line, or a one-line refusal of bytes that are not text (a binary file). */
    private static String nextLine(String source, BufferedReader r, int lineNo) throws IOException {
        try {
            String line = r.readLine();
            if (line != null && line.indexOf('\0') >= 0) throw new BadTrace(source + ":" + lineNo + ": a NUL byte: a binary file, not a trace");
            return line;
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new BadTrace(source + ":" + lineNo + ": not ASCII text (a binary file?)");
        }
    }

    private static long address(String at, String text, boolean hex) {
        try {
            String digits = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
            return Long.parseUnsignedLong(digits, hex ? 16 : 10);
        } catch (NumberFormatException e) {
            throw new BadTrace(at + "address is not " + (hex ? "hexadecimal" : "a decimal integer") + ": '" + text + "'");
        }
    }

    private static boolean dramsim3Write(String at, String op) {
        return switch (op.toUpperCase(java.util.Locale.ROOT)) {
            case "READ", "P_MEM_RD", "P_FETCH" -> false;
            case "WRITE", "P_MEM_WR", "BOFF" -> true;
            default -> throw new BadTrace(at + "operation must be READ or WRITE (or P_MEM_RD, P_FETCH, P_MEM_WR, BOFF), got '"
                    + op + "'");
        };
    }

    /** A trace built in memory (tests, generators). */
    public static Trace of(long[] addr, boolean[] write, long[] cycle) {
        if (addr.length != write.length || addr.length != cycle.length) throw new IllegalArgumentException("lengths differ");
        Trace t = new Trace(Math.max(1, addr.length));
        for (int i = 0; i < addr.length; i++) t.add(addr[i], write[i], cycle[i]);
        return t;
    }

    private void add(long a, boolean w, long c) {
        if (size == addr.length) {
            addr = Arrays.copyOf(addr, size * 2);
            cycle = Arrays.copyOf(cycle, size * 2);
            write = Arrays.copyOf(write, size * 2);
        }
        addr[size] = a;
        write[size] = w;
        cycle[size] = c;
        size++;
    }

    public int size() {
        return size;
    }

    public long addr(int i) {
        return addr[i];
    }

    public boolean isWrite(int i) {
        return write[i];
    }

    public long cycle(int i) {
        return cycle[i];
    }
}
