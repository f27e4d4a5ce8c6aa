package org.dramatis.engine;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A numeric parameter that must be above 0 ("must be > 0, got V"), a rate or frequency that is
 * divided by; NaN fails it. Checked by {@link Bounds}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Positive {}
