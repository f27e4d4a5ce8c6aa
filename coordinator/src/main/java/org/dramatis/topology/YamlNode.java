package org.dramatis.topology;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dramatis.common.UserError;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A YAML document as a tree that remembers where each node came from (file, line, column), so
 * that every error can name the place. Scalars keep their text; callers convert them.
 */
public final class YamlNode {

    private final String file;
    private final int line;
    private final int column;
    private final Map<String, YamlNode> map;
    private final List<YamlNode> list;
    private final String scalar;
    private final boolean isNull;

    private YamlNode(String file, int line, int column, Map<String, YamlNode> map, List<YamlNode> list,
                     String scalar, boolean isNull) {
        this.file = file;
        this.line = line;
        this.column = column;
        this.map = map;
        this.list = list;
        this.scalar = scalar;
        this.isNull = isNull;
    }

    /** Parses YAML text; malformed YAML is a {@link UserError} naming file, line and column. */
    public static YamlNode parse(String file, String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(50);
        Node root;
        try {
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = m == null ? file : file + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1);
            String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
            throw new UserError(where + ": malformed YAML: " + problem.replace('\n', ' ').trim());
        } catch (YAMLException e) {
            throw new UserError(file + ": malformed YAML: " + String.valueOf(e.getMessage()).replace('\n', ' '));
        }
        if (root == null) throw new UserError(file + ": the file is empty");
        return convert(file, root);
    }

    /** Wraps a plain value given on the command line ({@code --set}). */
    static YamlNode scalar(String origin, String text) {
        return new YamlNode(origin, 0, 0, null, null, text, false);
    }

    private static YamlNode convert(String file, Node n) {
        int line = n.getStartMark().getLine() + 1;
        int col = n.getStartMark().getColumn() + 1;
        if (n instanceof MappingNode m) {
            Map<String, YamlNode> out = new LinkedHashMap<>();
            for (NodeTuple t : m.getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode k)) {
                    throw new UserError(file + ":" + line + ":" + col + ": keys must be plain names");
                }
                // SnakeYAML's compose does not check duplicates (its constructor would): the last would win
                if (out.containsKey(k.getValue())) {
                    throw new UserError(file + ":" + (k.getStartMark().getLine() + 1) + ":" + (k.getStartMark().getColumn() + 1)
                            + ": duplicate key '" + k.getValue() + "'");
                }
                out.put(k.getValue(), convert(file, t.getValueNode()));
            }
            return new YamlNode(file, line, col, out, null, null, false);
        }
        if (n instanceof SequenceNode s) {
            List<YamlNode> out = new ArrayList<>();
            for (Node c : s.getValue()) out.add(convert(file, c));
            return new YamlNode(file, line, col, null, out, null, false);
        }
        ScalarNode s = (ScalarNode) n;
        boolean isNull = s.getTag().equals(Tag.NULL);
        return new YamlNode(file, line, col, null, null, s.getValue(), isNull);
    }

    /** "file:line:column" for messages. */
    public String where() {
        return line == 0 ? file : file + ":" + line + ":" + column;
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public boolean isMap() {
        return map != null;
    }

    public boolean isList() {
        return list != null;
    }

    public boolean isScalar() {
        return scalar != null && !isNull;
    }

    public boolean isNull() {
        return isNull;
    }

    /** The entries of a mapping, in file order. */
    public Map<String, YamlNode> entries() {
        if (map == null) throw error("expected a mapping (key: value), got " + describe());
        return Collections.unmodifiableMap(map);
    }

    public List<YamlNode> items() {
        if (list == null) throw error("expected a list, got " + describe());
        return Collections.unmodifiableList(list);
    }

    public YamlNode get(String key) {
        return entries().get(key);
    }

    public YamlNode require(String key) {
        YamlNode n = get(key);
        if (n == null) throw error("missing key '" + key + "'");
        return n;
    }

    public String text() {
        if (!isScalar()) throw error("expected a value, got " + describe());
        return scalar;
    }

    public long asLong(String key) {
        String t = text().replace("_", "");
        try {
            if (t.matches("[-+]?\\d+(\\.0*)?[eE][+]?\\d+")) {
                double d = Double.parseDouble(t);
                if (d == Math.rint(d) && Math.abs(d) < 9.2e18) return (long) d;
            }
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw error("'" + key + "' must be an integer, got '" + scalar + "'");
        }
    }

    public double asDouble(String key) {
        try {
            double d = Double.parseDouble(text().replace("_", ""));
            // NaN and Infinity parse, but no parameter is meaningful there (an infinite rate makes a time zero)
            if (!Double.isFinite(d)) throw new NumberFormatException();
            return d;
        } catch (NumberFormatException e) {
            throw error("'" + key + "' must be a finite number, got '" + scalar + "'");
        }
    }

    public boolean asBoolean(String key) {
        return switch (text().toLowerCase()) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw error("'" + key + "' must be true or false, got '" + scalar + "'");
        };
    }

    /** A {@link UserError} located at this node. */
    public UserError error(String problem) {
        return new UserError(where() + ": " + problem);
    }

    private String describe() {
        if (map != null) return "a mapping";
        if (list != null) return "a list";
        if (isNull) return "nothing";
        return "'" + scalar + "'";
    }

    /** A one-entry mapping located at {@code at}. */
    static YamlNode mapOf(YamlNode at, String key, YamlNode value) {
        Map<String, YamlNode> m = new LinkedHashMap<>();
        m.put(key, value);
        return new YamlNode(at.file, at.line, at.column, m, null, null, false);
    }

    /** A copy of this mapping with one entry replaced or added (for {@code --set}). */
    YamlNode with(String key, YamlNode value) {
        Map<String, YamlNode> copy = new LinkedHashMap<>(entries());
        copy.put(key, value);
        return new YamlNode(file, line, column, copy, null, null, false);
    }

    /** A copy of this list with one item replaced. */
    YamlNode withItem(int index, YamlNode value) {
        List<YamlNode> copy = new ArrayList<>(items());
        copy.set(index, value);
        return new YamlNode(file, line, column, null, copy, null, false);
    }
}
