package dev.clusterstack.core.capi;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

/**
 * Kubernetes {@code metav1.Duration} values as Go writes and reads them ({@code time.ParseDuration},
 * {@code Duration.String()}), and Cluster API's conversion between durations and whole seconds
 * ({@code ConvertToSeconds}: truncated, capped at the largest int32; {@code ConvertFromSeconds}).
 */
public final class GoDuration {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final Map<String, Long> UNITS = new TreeMap<>();

    static {
        UNITS.put("ns", 1L);
        UNITS.put("us", 1_000L);
        UNITS.put("\u00b5s", 1_000L);
        UNITS.put("\u03bcs", 1_000L);
        UNITS.put("ms", 1_000_000L);
        UNITS.put("s", NANOS_PER_SECOND);
        UNITS.put("m", 60 * NANOS_PER_SECOND);
        UNITS.put("h", 3600 * NANOS_PER_SECOND);
    }

    private GoDuration() {
    }

    /**
     * Parses a Go duration ({@code 90s}, {@code 1m30s}, {@code 1.5h}, {@code 300ms}, {@code 0}) into nanoseconds.
     *
     * @throws IllegalArgumentException when the text is no Go duration
     */
    static long parseNanos(String text) {
        return exactNanos(text).longValue();
    }

    /**
     * Go's {@code time.ParseDuration} in exact nanoseconds, fractions of a nanosecond and values beyond a long kept, so
     * that a caller can tell whole seconds from a truncated value.
     *
     * @throws IllegalArgumentException when the text is no Go duration
     */
    public static BigDecimal exactNanos(String text) {
        String s = text;
        boolean negative = false;
        if (s.startsWith("-") || s.startsWith("+")) {
            negative = s.startsWith("-");
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return BigDecimal.ZERO;
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException("invalid duration \"" + text + "\"");
        }
        BigDecimal total = BigDecimal.ZERO;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            String number = s.substring(start, i);
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            String unit = s.substring(unitStart, i);
            Long factor = UNITS.get(unit);
            if (number.isEmpty() || number.equals(".") || factor == null) {
                throw new IllegalArgumentException("invalid duration \"" + text + "\""
                        + (factor == null && !unit.isEmpty() && !number.isEmpty() ? ": unknown unit \"" + unit + "\"" : ""));
            }
            total = total.add(new BigDecimal(number).multiply(BigDecimal.valueOf(factor)));
        }
        return negative ? total.negate() : total;
    }

    /** {@link #exactNanos}, or null when the text is no Go duration. */
    public static BigDecimal exactNanosOrNull(String text) {
        try {
            return exactNanos(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Cluster API's {@code ConvertToSeconds}: whole seconds, truncated toward zero, capped at 2147483647. */
    static long toSeconds(String duration) {
        long seconds = parseNanos(duration) / NANOS_PER_SECOND;
        return Math.min(seconds, Integer.MAX_VALUE);
    }

    /** Cluster API's {@code ConvertFromSeconds} as the API server writes it: Go's {@code Duration.String()}. */
    static String fromSeconds(long seconds) {
        if (seconds == 0) {
            return "0s";
        }
        StringBuilder b = new StringBuilder();
        long s = Math.abs(seconds);
        if (seconds < 0) {
            b.append('-');
        }
        long hours = s / 3600;
        long minutes = s % 3600 / 60;
        long rest = s % 60;
        if (hours > 0) {
            b.append(hours).append('h').append(minutes).append('m');
        } else if (minutes > 0) {
            b.append(minutes).append('m');
        }
        return b.append(rest).append('s').toString();
    }
}
