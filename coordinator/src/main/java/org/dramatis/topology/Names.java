package org.dramatis.topology;

import java.util.Collection;
import org.dramatis.common.SnakeCase;

/** Key-name helpers: snake_case from record names, and the closest valid key for a typo. */
public final class Names {

    private Names() {}

    /** {@code adcBits -> adc_bits}, {@code maxDelayPs -> max_delay_ps}. */
    public static String snake(String camel) {
        return SnakeCase.of(camel);
    }

    /** " (did you mean 'x'?)" when a valid key is close to {@code given}, else "". */
    public static String suggest(String given, Collection<String> valid) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String v : valid) {
            int d = distance(given.toLowerCase(), v.toLowerCase());
            if (d < bestDistance) {
                bestDistance = d;
                best = v;
            }
        }
        if (best == null || bestDistance > Math.max(2, given.length() / 3)) return "";
        return " (did you mean '" + best + "'?)";
    }

    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
