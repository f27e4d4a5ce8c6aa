package org.dramatis.engine;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A numeric parameter's lower bound, inclusive: {@code @AtLeast(1) int banks} refuses 0 with
 * "banks must be >= 1, got 0". A {@code double} that is NaN fails it. Checked by {@link Bounds}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface AtLeast {

    long value();

    /** Refuse infinity as well ("must be >= 0 and finite"), for a figure that is multiplied out. */
    boolean finite() default false;
}
