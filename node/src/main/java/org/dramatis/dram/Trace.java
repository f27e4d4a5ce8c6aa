package org.dramatis.dram;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A memory trace in DRAMsim3's format: one request per line, {@code ADDR READ|WRITE CYCLE}, the
 * address in hexadecimal (with or without {@code 0x}) and the cycle in decimal. Held as flat
 * arrays so that a long trace costs 17 bytes per request.
 */
public final class Trace {

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
        String line;
        int lineNo = 0;
        while ((line = r.readLine()) != null) {
            lineNo++;
            String s = line.strip();
            if (s.isEmpty()) continue;
            String[] f = s.split("\\s+");
            if (f.length != 3) {
                throw new BadTrace(source + ":" + lineNo + ": expected 'ADDRESS READ|WRITE CYCLE', got '" + s + "'");
            }
            long a;
            try {
                String hex = f[0].startsWith("0x") || f[0].startsWith("0X") ? f[0].substring(2) : f[0];
                a = Long.parseUnsignedLong(hex, 16);
            } catch (NumberFormatException e) {
                throw new BadTrace(source + ":" + lineNo + ": address is not hexadecimal: '" + f[0] + "'");
            }
            boolean w;
            if (f[1].equals("READ")) {
                w = false;
            } else if (f[1].equals("WRITE")) {
                w = true;
            } else {
                throw new BadTrace(source + ":" + lineNo + ": operation must be READ or WRITE, got '" + f[1] + "'");
            }
            long c;
            try {
                c = Long.parseLong(f[2]);
            } catch (NumberFormatException e) {
                throw new BadTrace(source + ":" + lineNo + ": cycle is not a decimal integer: '" + f[2] + "'");
            }
            if (c < 0) throw new BadTrace(source + ":" + lineNo + ": cycle must be >= 0, got " + c);
            t.add(a, w, c);
        }
        return t;
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
