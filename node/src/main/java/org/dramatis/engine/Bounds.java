package org.dramatis.engine;

import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import org.dramatis.common.SnakeCase;

/**
 * Checks the bounds a parameter record declares on its components ({@link AtLeast},
 * {@link Positive}, {@link Range}), in declaration order, and throws
 * {@link IllegalArgumentException} at the first one broken, naming its snake_case key as a
 * topology file spells it: "banks_per_unit must be >= 1, got 0". Declaring the bounds as data
 * keeps one wording and one NaN rule for every kind; what relates two parameters stays in the
 * record's {@link ComponentParams#validate()}, after this check.
 */
public final class Bounds {

    private Bounds() {}

    /** One bound on one component. */
    private record Check(Method accessor, String key, boolean real, Annotation bound) {}

    // The bounds of a record type are read once: validate() runs for every component built.
    private static final ClassValue<List<Check>> CHECKS = new ClassValue<>() {
        @Override
        protected List<Check> computeValue(Class<?> type) {
            return checksOf(type);
        }
    };

    /** Throws {@link IllegalArgumentException} for the first declared bound {@code params} breaks. */
    public static void check(Record params) {
        for (Check c : CHECKS.get(params.getClass())) {
            Number v = value(c.accessor(), params);
            String wanted = broken(c, v);
            if (wanted != null) throw new IllegalArgumentException(c.key() + " must be " + wanted + ", got " + v);
        }
    }

    /** What the bound asks for, as the error words it, or null when {@code v} meets it. */
    private static String broken(Check c, Number v) {
        double d = v.doubleValue();
        // comparisons written so that NaN fails them
        if (c.bound() instanceof AtLeast a) {
            boolean ok = c.real() ? d >= a.value() && !(a.finite() && Double.isInfinite(d)) : v.longValue() >= a.value();
            return ok ? null : ">= " + a.value() + (a.finite() ? " and finite" : "");
        }
        if (c.bound() instanceof Positive) {
            boolean ok = c.real() ? d > 0 : v.longValue() > 0;
            return ok ? null : "> 0";
        }
        Range r = (Range) c.bound();
        boolean ok = (r.minExclusive() ? d > r.min() : d >= r.min()) && d <= r.max();
        return ok ? null : "in " + (r.minExclusive() ? "(" : "[") + number(r.min()) + ", " + number(r.max()) + "]";
    }

    /** 0 and 1 rather than 0.0 and 1.0 in a message. */
    private static String number(double d) {
        return d == Math.rint(d) && !Double.isInfinite(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static Number value(Method accessor, Record params) {
        try {
            return (Number) accessor.invoke(params);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(accessor + " threw", e.getCause());
        }
    }

    private static List<Check> checksOf(Class<?> type) {
        List<Check> checks = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            for (Annotation a : c.getAnnotations()) {
                if (!(a instanceof AtLeast || a instanceof Positive || a instanceof Range)) continue;
                Class<?> t = c.getType();
                boolean real = t == double.class || t == float.class;
                if (!real && t != int.class && t != long.class && t != short.class && t != byte.class) {
                    throw new IllegalStateException("@" + a.annotationType().getSimpleName() + " on " + type.getName()
                            + "." + c.getName() + ", which is not a primitive number");
                }
                Method accessor = c.getAccessor();
                // a record nested in a non-public class (a test's) has a public accessor it cannot call otherwise
                accessor.setAccessible(true);
                checks.add(new Check(accessor, SnakeCase.of(c.getName()), real, a));
            }
        }
        return List.copyOf(checks);
    }
}
