package dev.clusterstack.core.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A full Kubernetes version {@code 1.32.5} (a leading {@code v} is accepted when parsing). */
public record KubernetesVersion(int major, int minor, int patch) implements Comparable<KubernetesVersion> {
    private static final Pattern PATTERN = Pattern.compile("v?(0|[1-9][0-9]{0,3})\\.(0|[1-9][0-9]{0,3})\\.(0|[1-9][0-9]{0,3})");

    public KubernetesVersion {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("Kubernetes version parts must not be negative");
        }
    }

    /** Parses {@code 1.32.5} or {@code v1.32.5}; throws with a clear message otherwise. */
    public static KubernetesVersion parse(String text) {
        Matcher m = text == null ? null : PATTERN.matcher(text.trim());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a full Kubernetes version such as 1.32.5");
        }
        return new KubernetesVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }

    public static boolean isValid(String text) {
        return text != null && PATTERN.matcher(text.trim()).matches();
    }

    /** {@code 1-32}: the minor version as it appears in names. */
    public String minorDash() {
        return major + "-" + minor;
    }

    /** {@code 1.32}. */
    public String minorDot() {
        return major + "." + minor;
    }

    /** {@code v1.32.5}. */
    public String tag() {
        return "v" + this;
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }

    @Override
    public int compareTo(KubernetesVersion o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c == 0 ? Integer.compare(patch, o.patch) : c;
    }
}
