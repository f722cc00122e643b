package dev.clusterstack.core.plan.variables;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The string formats the Kubernetes API server checks ({@code strfmt.Default} of kube-openapi). A format not listed
 * here is not checked (as Kubernetes ignores formats it does not know).
 */
final class Formats {
    private static final Pattern UUID = Pattern.compile("(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$");
    private static final Pattern UUID3 = Pattern.compile("(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?3[0-9a-f]{3}-?[0-9a-f]{4}-?[0-9a-f]{12}$");
    private static final Pattern UUID4 = Pattern.compile("(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?4[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$");
    private static final Pattern UUID5 = Pattern.compile("(?i)^[0-9a-f]{8}-?[0-9a-f]{4}-?5[0-9a-f]{3}-?[89ab][0-9a-f]{3}-?[0-9a-f]{12}$");
    private static final Pattern HOSTNAME = Pattern.compile(
            "^([a-zA-Z0-9\\p{S}\\p{L}]((-?[a-zA-Z0-9\\p{S}\\p{L}]{0,62})?)|([a-zA-Z0-9\\p{S}\\p{L}](([a-zA-Z0-9-\\p{S}\\p{L}]{0,61}[a-zA-Z0-9\\p{S}\\p{L}])?)(\\.)){1,}([a-zA-Z\\p{L}]){2,63})$");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s<>()\\[\\],;:\"]+@[^@\\s<>()\\[\\],;:\"]+$");
    private static final Pattern MAC = Pattern.compile(
            "(?i)^([0-9a-f]{2}([:-])[0-9a-f]{2}(\\2[0-9a-f]{2}){4}|[0-9a-f]{2}([:-])[0-9a-f]{2}(\\4[0-9a-f]{2}){6}|[0-9a-f]{2}([:-])[0-9a-f]{2}(\\6[0-9a-f]{2}){18}|[0-9a-f]{4}\\.[0-9a-f]{4}\\.[0-9a-f]{4}|[0-9a-f]{4}(\\.[0-9a-f]{4}){3}|[0-9a-f]{4}(\\.[0-9a-f]{4}){9})$");
    private static final Pattern HEXCOLOR = Pattern.compile("^#([A-Fa-f0-9]{6}|[A-Fa-f0-9]{3})$");
    private static final Pattern RGBCOLOR = Pattern.compile(
            "^rgb\\(\\s*(0|[1-9]\\d?|1\\d\\d?|2[0-4]\\d|25[0-5])\\s*,\\s*(0|[1-9]\\d?|1\\d\\d?|2[0-4]\\d|25[0-5])\\s*,\\s*(0|[1-9]\\d?|1\\d\\d?|2[0-4]\\d|25[0-5])\\s*\\)$");
    private static final Pattern DURATION = Pattern.compile(
            "^((\\d+(\\.\\d*)?|\\.\\d+)\\s*(ns|us|µs|μs|ms|s|m|h|d|w|[a-z]+)\\s*)+$");
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");

    private Formats() {
    }

    /** {@code null} when {@code value} is a valid {@code format} (or the format is not checked), else a reason. */
    static String check(String format, String value) {
        boolean ok = switch (format) {
            case "uri" -> isUri(value);
            case "email" -> EMAIL.matcher(value).matches();
            case "hostname" -> value.length() <= 255 && HOSTNAME.matcher(value).matches();
            case "ipv4" -> isIpv4(value);
            case "ipv6" -> value.contains(":") && isIpv6(value);
            case "cidr" -> isCidr(value);
            case "mac" -> MAC.matcher(value).matches();
            case "uuid" -> UUID.matcher(value).matches();
            case "uuid3" -> UUID3.matcher(value).matches();
            case "uuid4" -> UUID4.matcher(value).matches();
            case "uuid5" -> UUID5.matcher(value).matches();
            case "byte" -> isBase64(value);
            case "date" -> isDate(value);
            case "date-time", "datetime" -> isDateTime(value);
            case "duration" -> DURATION.matcher(value).matches();
            case "hexcolor" -> HEXCOLOR.matcher(value).matches();
            case "rgbcolor" -> RGBCOLOR.matcher(value).matches();
            default -> true;
        };
        return ok ? null : "not a valid " + format;
    }

    private static boolean isUri(String v) {
        // Go's url.ParseRequestURI: an absolute URI or an absolute path, no control characters or spaces in the host
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return false;
            }
        }
        if (v.startsWith("/")) {
            return true;
        }
        if (!SCHEME.matcher(v).matches()) {
            return false;
        }
        String rest = v.substring(v.indexOf(':') + 1);
        if (rest.startsWith("//")) {
            String authority = rest.substring(2);
            int end = authority.indexOf('/');
            String host = end < 0 ? authority : authority.substring(0, end);
            return !host.contains(" ");
        }
        return true;
    }

    static boolean isIpv4(String v) {
        String[] parts = v.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)
                    || (p.length() > 1 && p.charAt(0) == '0') || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    static boolean isIpv6(String v) {
        if (v.isEmpty() || v.contains("%")) {
            return false;
        }
        String s = v;
        int groupsNeeded = 8;
        int lastColon = s.lastIndexOf(':');
        if (s.indexOf('.') >= 0) {
            if (!isIpv4(s.substring(lastColon + 1))) {
                return false;
            }
            s = s.substring(0, lastColon + 1) + "0:0";
        }
        int dbl = s.indexOf("::");
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) {
            return false;
        }
        String[] halves = dbl >= 0 ? new String[] {s.substring(0, dbl), s.substring(dbl + 2)} : new String[] {s};
        int groups = 0;
        for (String half : halves) {
            if (half.isEmpty()) {
                continue;
            }
            for (String g : half.split(":", -1)) {
                if (g.isEmpty() || g.length() > 4 || !g.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                    return false;
                }
                groups++;
            }
        }
        return dbl >= 0 ? groups < groupsNeeded : groups == groupsNeeded;
    }

    static boolean isCidr(String v) {
        int slash = v.indexOf('/');
        if (slash < 0) {
            return false;
        }
        String ip = v.substring(0, slash);
        String bits = v.substring(slash + 1);
        if (bits.isEmpty() || bits.length() > 3 || !bits.chars().allMatch(Character::isDigit)
                || (bits.length() > 1 && bits.charAt(0) == '0')) {
            return false;
        }
        int n = Integer.parseInt(bits);
        if (isIpv4(ip)) {
            return n <= 32;
        }
        return ip.contains(":") && isIpv6(ip) && n <= 128;
    }

    private static boolean isBase64(String v) {
        try {
            Base64.getDecoder().decode(v);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean isDate(String v) {
        try {
            LocalDate.parse(v);
            return v.length() == 10;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean isDateTime(String v) {
        try {
            OffsetDateTime.parse(v.toUpperCase(Locale.ROOT));
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
