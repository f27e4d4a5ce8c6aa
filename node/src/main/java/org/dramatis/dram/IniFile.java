package org.dramatis.dram;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A DRAMsim3-style {@code .ini} file read the way DRAMsim3's inih reader reads it: {@code [section]}
 * headers, {@code name = value} (or {@code name: value}) lines, {@code ;} and {@code #} comments,
 * section and key names case-insensitive, and a number that is followed by a comment
 * ({@code tRPRE = 1; read preamble}) taken as the number. An empty value means "use the default",
 * as in DRAMsim3. Unlike DRAMsim3, a malformed line, a repeated key or a value that is not a
 * number where a number is needed is an error naming the file and line.
 */
public final class IniFile {

    /** A bad config file: the message names the file, the line and the problem. */
    public static final class BadConfig extends IllegalArgumentException {
        public BadConfig(String message) {
            super(message);
        }
    }

    /**
     * Where a value came from: its line (0 when unknown) and, for a config written in another
     * format and translated into these keys ({@link Ramulator2Config}), the name the user wrote
     * (errors name it instead of the DRAMsim3 key).
     */
    private record Entry(String value, int line, String label) {}

    /** One key/value of a config translated from another format, with the line and name it came from. */
    public record Value(String section, String name, String value, int line, String label) {}

    private final String source;
    private final Map<String, Entry> entries = new HashMap<>();
    /** Each key's name as written. */
    private final Map<String, String> written = new java.util.LinkedHashMap<>();

    private IniFile(String source) {
        this.source = source;
    }

    public static IniFile read(Path file) {
        List<String> lines;
        try {
            lines = org.dramatis.common.TextFiles.read(file).lines().toList();
        } catch (org.dramatis.common.UserError e) {
            throw new BadConfig(e.getMessage());
        }
        return parse(file.toString(), lines);
    }

    public static IniFile parse(String source, List<String> lines) {
        IniFile ini = new IniFile(source);
        String section = "";
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith(";") || line.startsWith("#")) continue;
            if (line.startsWith("[")) {
                int close = line.indexOf(']');
                if (close < 0) throw new BadConfig(source + ":" + lineNo + ": section header without ']'");
                section = line.substring(1, close).strip().toLowerCase(Locale.ROOT);
                continue;
            }
            int eq = firstOf(line, '=', ':');
            if (eq <= 0) throw new BadConfig(source + ":" + lineNo + ": expected 'name = value', got '" + line + "'");
            String name = line.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(eq + 1);
            int comment = firstOf(value, ';', '#');
            if (comment >= 0) value = value.substring(0, comment);
            String key = section + "." + name;
            ini.written.putIfAbsent(key, line.substring(0, eq).strip());
            if (ini.entries.put(key, new Entry(value.strip(), lineNo, null)) != null) {
                throw new BadConfig(source + ":" + lineNo + ": '" + name + "' is set twice in [" + section + "]");
            }
        }
        return ini;
    }

    /**
     * Key/values translated from another format ({@code source} is that file): the same reading
     * and checks as a {@code .ini}, with errors naming each value's own line and label.
     */
    public static IniFile of(String source, List<Value> values) {
        IniFile ini = new IniFile(source);
        for (Value v : values) {
            String key = v.section().toLowerCase(Locale.ROOT) + "." + v.name().toLowerCase(Locale.ROOT);
            ini.written.putIfAbsent(key, v.name());
            if (ini.entries.put(key, new Entry(v.value(), v.line(), v.label())) != null) {
                throw new IllegalArgumentException("[" + v.section() + "] " + v.name() + " translated twice");
            }
        }
        return ini;
    }

    private static int firstOf(String s, char a, char b) {
        int ia = s.indexOf(a);
        int ib = s.indexOf(b);
        if (ia < 0) return ib;
        if (ib < 0) return ia;
        return Math.min(ia, ib);
    }

    public String source() {
        return source;
    }

    private Entry entry(String section, String name) {
        Entry e = entries.get(section.toLowerCase(Locale.ROOT) + "." + name.toLowerCase(Locale.ROOT));
        return e == null || e.value.isEmpty() ? null : e;
    }

    /** The names given a value in {@code section}, as written (in file order for a {@code .ini}). */
    public List<String> names(String section) {
        String prefix = section.toLowerCase(Locale.ROOT) + ".";
        return written.entrySet().stream().filter(e -> e.getKey().startsWith(prefix) && has(section, e.getValue()))
                .map(Map.Entry::getValue).toList();
    }

    public boolean has(String section, String name) {
        return entry(section, name) != null;
    }

    public String getString(String section, String name, String def) {
        Entry e = entry(section, name);
        return e == null ? def : e.value;
    }

    public int getInt(String section, String name, int def) {
        Entry e = entry(section, name);
        if (e == null) return def;
        try {
            return Integer.decode(e.value);
        } catch (NumberFormatException ex) {
            throw bad(e, name, "is not an integer: '" + e.value + "'");
        }
    }

    public double getReal(String section, String name, double def) {
        Entry e = entry(section, name);
        if (e == null) return def;
        double d;
        try {
            d = Double.parseDouble(e.value);
        } catch (NumberFormatException ex) {
            throw bad(e, name, "is not a number: '" + e.value + "'");
        }
        if (!Double.isFinite(d)) throw bad(e, name, "must be a finite number, got '" + e.value + "'");
        return d;
    }

    public boolean getBoolean(String section, String name, boolean def) {
        Entry e = entry(section, name);
        if (e == null) return def;
        switch (e.value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1":
                return true;
            case "false", "no", "off", "0":
                return false;
            default:
                throw bad(e, name, "is not a boolean: '" + e.value + "'");
        }
    }

    /** An error about the value of {@code name}, naming its line (or the file when the key is absent). */
    public BadConfig bad(String section, String name, String problem) {
        Entry e = entries.get(section.toLowerCase(Locale.ROOT) + "." + name.toLowerCase(Locale.ROOT));
        return e == null ? new BadConfig(source + ": [" + section + "] " + name + " " + problem) : bad(e, name, problem);
    }

    private BadConfig bad(Entry e, String name, String problem) {
        String what = e.label == null ? name : e.label;
        return new BadConfig(source + (e.line > 0 ? ":" + e.line : "") + ": " + what + " " + problem);
    }
}
