package org.dramatis.common;

/**
 * The snake_case spelling of a camelCase name. Parameter keys are spelt this way in topology
 * files and in the errors that name them; the binder (coordinator) and the bounds check (node)
 * must agree, so both use this one definition.
 */
public final class SnakeCase {

    private SnakeCase() {}

    /** {@code adcBits -> adc_bits}, {@code maxDelayPs -> max_delay_ps}. */
    public static String of(String camel) {
        StringBuilder b = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) b.append('_');
                b.append(Character.toLowerCase(c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
