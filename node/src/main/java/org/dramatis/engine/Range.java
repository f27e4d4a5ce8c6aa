package org.dramatis.engine;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A numeric parameter bounded on both sides, max inclusive: {@code @Range(min = 0, max = 1,
 * minExclusive = true)} refuses 0 with "must be in (0, 1], got 0.0". NaN fails it. Checked by
 * {@link Bounds}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Range {

    double min();

    double max();

    /** The minimum itself is refused (a share of a peak can be 1 but not 0). */
    boolean minExclusive() default false;
}
