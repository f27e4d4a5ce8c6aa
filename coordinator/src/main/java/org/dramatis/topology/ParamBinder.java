package org.dramatis.topology;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dramatis.common.UserError;
import org.dramatis.engine.ComponentParams;

/**
 * Binds a {@code params:} mapping of a topology file to a kind's parameter record. Every value may
 * be given plainly or as {@code {value: X, source: "where it comes from"}}; the sources are kept
 * as the parameter's provenance. Keys are the record's component names in snake_case. A key the
 * file leaves out takes the record's {@code defaults()} value if the record declares that method.
 */
public final class ParamBinder {

    /** A bound parameter record and the provenance of every value ({@code null} where none was given). */
    public record Bound(Record params, Map<String, String> provenance) {}

    private ParamBinder() {}

    public static Bound bind(String kind, Class<? extends Record> type, YamlNode params, YamlNode owner) {
        Map<String, String> provenance = new LinkedHashMap<>();
        Record value = bindRecord(kind, type, params, owner, "", provenance);
        if (value instanceof ComponentParams cp) {
            try {
                cp.validate();
            } catch (IllegalArgumentException e) {
                throw about(params, owner, e.getMessage()).error("kind '" + kind + "': " + e.getMessage());
            }
        }
        return new Bound(value, provenance);
    }

    /**
     * The node a refusal is about: the value of the parameter its message starts with (so a value
     * given by --set is named as such, a value in the file by its own line), else the whole block.
     */
    private static YamlNode about(YamlNode params, YamlNode owner, String message) {
        if (params != null && params.isMap() && message != null) {
            for (Map.Entry<String, YamlNode> e : params.entries().entrySet()) {
                if (!message.startsWith(e.getKey() + " ")) continue;
                YamlNode v = e.getValue();
                return v.isMap() && v.get("value") != null ? v.get("value") : v;
            }
        }
        return params != null ? params : owner;
    }

    private static Record bindRecord(String kind, Class<? extends Record> type, YamlNode node, YamlNode owner,
                                     String prefix, Map<String, String> provenance) {
        RecordComponent[] comps = type.getRecordComponents();
        Map<String, RecordComponent> byKey = new LinkedHashMap<>();
        for (RecordComponent c : comps) byKey.put(Names.snake(c.getName()), c);
        Map<String, YamlNode> given = node == null ? Map.of() : node.entries();
        for (Map.Entry<String, YamlNode> e : given.entrySet()) {
            if (!byKey.containsKey(e.getKey())) {
                throw e.getValue().error("unknown parameter '" + prefix + e.getKey() + "' for kind '" + kind + "'"
                        + Names.suggest(e.getKey(), byKey.keySet()));
            }
        }
        Record defaults = defaults(type);
        Object[] args = new Object[comps.length];
        Class<?>[] types = new Class<?>[comps.length];
        for (int i = 0; i < comps.length; i++) {
            RecordComponent c = comps[i];
            types[i] = c.getType();
            String key = Names.snake(c.getName());
            YamlNode v = given.get(key);
            if (v == null) {
                if (defaults == null) {
                    throw (node != null ? node : owner).error("missing parameter '" + prefix + key + "' for kind '"
                            + kind + "'");
                }
                args[i] = read(c, defaults);
                continue;
            }
            if (v.isMap() && v.get("value") != null && !Record.class.isAssignableFrom(c.getType())) {
                for (String k : v.entries().keySet()) {
                    if (!k.equals("value") && !k.equals("source")) {
                        throw v.get(k).error("a parameter with provenance takes only 'value' and 'source', not '"
                                + k + "'");
                    }
                }
                YamlNode src = v.get("source");
                provenance.put(prefix + key, src == null ? null : src.text());
                v = v.get("value");
            } else {
                provenance.putIfAbsent(prefix + key, null);
            }
            args[i] = convert(kind, c.getGenericType(), c.getType(), v, prefix + key, provenance);
        }
        try {
            Constructor<? extends Record> ctor = type.getDeclaredConstructor(types);
            ctor.setAccessible(true);
            return ctor.newInstance(args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException iae) {
                throw about(node, owner, iae.getMessage()).error("kind '" + kind + "': " + iae.getMessage());
            }
            throw new IllegalStateException(cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getName(), e);
        }
    }

    /** The record's {@code defaults()} value, or null when the kind has no defaults (every key required). */
    public static Record defaults(Class<? extends Record> type) {
        try {
            Method m = type.getDeclaredMethod("defaults");
            if (!Modifier.isStatic(m.getModifiers()) || m.getReturnType() != type) return null;
            m.setAccessible(true);
            return (Record) m.invoke(null);
        } catch (NoSuchMethodException e) {
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The value of one component of a record. */
    public static Object read(RecordComponent c, Record from) {
        try {
            Method accessor = c.getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(from);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object convert(String kind, Type generic, Class<?> type, YamlNode v, String key,
                                  Map<String, String> provenance) {
        if (type == int.class || type == Integer.class) {
            long l = v.asLong(key);
            if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) throw v.error("'" + key + "' is out of range: " + l);
            return (int) l;
        }
        if (type == long.class || type == Long.class) return v.asLong(key);
        if (type == double.class || type == Double.class) return v.asDouble(key);
        if (type == boolean.class || type == Boolean.class) return v.asBoolean(key);
        if (type == String.class) return v.text();
        if (type.isEnum()) {
            List<String> names = new ArrayList<>();
            for (Object c : type.getEnumConstants()) {
                names.add(((Enum<?>) c).name().toLowerCase());
                if (((Enum<?>) c).name().equalsIgnoreCase(v.text())) return c;
            }
            throw v.error("'" + key + "' must be one of " + names + ", got '" + v.text() + "'"
                    + Names.suggest(v.text(), names));
        }
        if (Record.class.isAssignableFrom(type)) {
            return bindRecord(kind, (Class<? extends Record>) type, v, v, key + ".", provenance);
        }
        if (List.class.isAssignableFrom(type) && generic instanceof ParameterizedType pt) {
            Type item = pt.getActualTypeArguments()[0];
            Class<?> itemClass = item instanceof Class<?> ic ? ic : (Class<?>) ((ParameterizedType) item).getRawType();
            List out = new ArrayList<>();
            List<YamlNode> items = v.items();
            for (int i = 0; i < items.size(); i++) {
                out.add(convert(kind, item, itemClass, items.get(i), key + "[" + i + "]", provenance));
            }
            return List.copyOf(out);
        }
        throw new UserError(v.where() + ": parameter '" + key + "' has a type the binder does not support: " + type);
    }
}
