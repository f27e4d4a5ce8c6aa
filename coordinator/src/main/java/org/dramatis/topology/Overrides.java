package org.dramatis.topology;

import java.util.List;
import org.dramatis.common.UserError;

/**
 * {@code --set path.to.key=value}: the path names components by their names (through blocks, with
 * no indices: a block's definition is shared by all its instances) and ends with a parameter key,
 * {@code count} or {@code grid}; or it names a link and one of its keys; or a top-level key. A value that had a
 * source keeps the shape {@code {value, source}} with the source "--set on the command line".
 */
final class Overrides {

    private Overrides() {}

    static YamlNode apply(YamlNode root, String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) throw new UserError("--set '" + assignment + "': expected path.to.key=value");
        String path = assignment.substring(0, eq).trim();
        String text = assignment.substring(eq + 1).trim();
        YamlNode value = YamlNode.parse("--set " + path, text.isEmpty() ? "''" : text);
        String[] keys = path.split("\\.");
        if (keys.length == 1) {
            if (root.get(keys[0]) == null) {
                throw new UserError("--set '" + path + "': the topology has no key '" + keys[0] + "'"
                        + Names.suggest(keys[0], root.entries().keySet()));
            }
            return root.with(keys[0], value);
        }
        String block = null;
        YamlNode scope = root;
        for (int i = 0; i < keys.length - 1; i++) {
            String name = keys[i];
            boolean lastName = i == keys.length - 2;
            int c = indexByName(scope.get("components"), name);
            if (c < 0) {
                int l = lastName ? indexByName(scope.get("links"), name) : -1;
                if (l < 0) throw new UserError("--set '" + path + "': no component or link named '" + name + "'");
                YamlNode links = scope.get("links");
                YamlNode link = links.items().get(l);
                YamlNode changed = link.with(keys[i + 1], withSource(link.get(keys[i + 1]), value));
                return replace(root, block, scope.with("links", links.withItem(l, changed)));
            }
            YamlNode comps = scope.get("components");
            YamlNode comp = comps.items().get(c);
            if (comp.get("block") != null && !lastName) {
                block = comp.get("block").text();
                YamlNode blocks = root.get("blocks");
                scope = blocks == null ? null : blocks.get(block);
                if (scope == null) throw new UserError("--set '" + path + "': unknown block '" + block + "'");
                continue;
            }
            if (!lastName) {
                throw new UserError("--set '" + path + "': '" + name + "' is a component; give one parameter key after it");
            }
            String key = keys[i + 1];
            YamlNode changed;
            if (key.equals("count") || key.equals("grid")) {
                changed = comp.with(key, value);
            } else {
                YamlNode params = comp.get("params");
                YamlNode v = withSource(params == null ? null : params.get(key), value);
                changed = comp.with("params", params == null ? YamlNode.mapOf(comp, key, v) : params.with(key, v));
            }
            return replace(root, block, scope.with("components", comps.withItem(c, changed)));
        }
        throw new UserError("--set '" + path + "': nothing to set");
    }

    private static int indexByName(YamlNode list, String name) {
        if (list == null) return -1;
        List<YamlNode> items = list.items();
        for (int i = 0; i < items.size(); i++) {
            YamlNode n = items.get(i).get("name");
            if (n != null && n.isScalar() && n.text().equals(name)) return i;
        }
        return -1;
    }

    private static YamlNode replace(YamlNode root, String block, YamlNode scope) {
        if (block == null) return scope;
        return root.with("blocks", root.get("blocks").with(block, scope));
    }

    private static YamlNode withSource(YamlNode old, YamlNode value) {
        if (old != null && old.isMap() && old.get("value") != null) {
            return old.with("value", value).with("source", YamlNode.scalar("--set", "--set on the command line"));
        }
        return value;
    }
}
