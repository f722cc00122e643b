package dev.clusterstack.core.release;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cluster stack component version as the operator reads it: stable {@code v<N>} ({@code N >= 1},
 * no leading zeros) or hash mode {@code v0-sha.<7 characters [a-z0-9]>}. Resource names use the
 * {@linkplain #dashForm() dash form} {@code v0-sha-<7 characters>}.
 *
 * <p>csctl's custom mode also takes channel versions such as {@code v1-alpha.0}; this type does
 * not, as the contract only names the two forms above. {@code v0} is not a stable version:
 * {@code v0} belongs to hash versions.
 */
public final class StackVersion {

    private static final Pattern STABLE = Pattern.compile("v([1-9][0-9]{0,8})");
    private static final Pattern HASH = Pattern.compile("v0-sha\\.([a-z0-9]{7})");
    private static final Pattern HASH_DASH = Pattern.compile("v0-sha-([a-z0-9]{7})");
    private static final String EXPECTED = "expected v<N> (N >= 1, no leading zeros, e.g. v3) or v0-sha.<7 characters a-z0-9>"
            + " (e.g. v0-sha.3960147)";

    private final int number;
    private final String sha;

    private StackVersion(int number, String sha) {
        this.number = number;
        this.sha = sha;
    }

    /**
     * Parses {@code v<N>} or {@code v0-sha.<7 chars>}.
     *
     * @param text the version text
     * @return the version
     * @throws IllegalArgumentException naming the text and the expected forms
     */
    public static StackVersion parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("missing version: " + EXPECTED);
        }
        Matcher stable = STABLE.matcher(text);
        if (stable.matches()) {
            return new StackVersion(Integer.parseInt(stable.group(1)), null);
        }
        Matcher hash = HASH.matcher(text);
        if (hash.matches()) {
            return new StackVersion(0, hash.group(1));
        }
        if (HASH_DASH.matcher(text).matches()) {
            throw new IllegalArgumentException("invalid version '" + text + "': this is the dash form used in resource"
                    + " names; write v0-sha." + text.substring("v0-sha-".length()));
        }
        throw new IllegalArgumentException("invalid version '" + text + "': " + EXPECTED);
    }

    /**
     * The stable version {@code v<number>}.
     *
     * @param number 1 or more
     * @return the version
     */
    public static StackVersion stable(int number) {
        if (number < 1) {
            throw new IllegalArgumentException("stable version number must be 1 or more, was " + number);
        }
        return new StackVersion(number, null);
    }

    /**
     * The hash version {@code v0-sha.<first 7 characters of hash>}, as csctl's hash mode builds it.
     *
     * @param hash a cleaned csctl hash ({@code [a-z0-9]}, at least 7 characters)
     * @return the version
     */
    public static StackVersion ofHash(String hash) {
        Objects.requireNonNull(hash, "hash");
        if (hash.length() < 7 || !hash.substring(0, 7).matches("[a-z0-9]{7}")) {
            throw new IllegalArgumentException("a hash version needs a hash starting with 7 characters a-z0-9, was '"
                    + hash + "'");
        }
        return new StackVersion(0, hash.substring(0, 7));
    }

    /** @return true for {@code v0-sha.*} versions */
    public boolean isHash() {
        return sha != null;
    }

    /** @return {@code N} of {@code v<N>}, 0 for a hash version */
    public int number() {
        return number;
    }

    /**
     * The next stable version.
     *
     * @return {@code v<N+1>}
     * @throws IllegalStateException for a hash version, which has no successor
     */
    public StackVersion next() {
        if (isHash()) {
            throw new IllegalStateException("hash version " + this + " has no next stable version");
        }
        if (number == 999_999_999) {
            throw new IllegalStateException("version " + this + " is the last one");
        }
        return new StackVersion(number + 1, null);
    }

    /** @return {@code v<N>}, or {@code v0-sha-<7 chars>} for a hash version (the form in resource names) */
    public String dashForm() {
        return isHash() ? "v0-sha-" + sha : toString();
    }

    /** @return {@code v<N>} or {@code v0-sha.<7 chars>} */
    @Override
    public String toString() {
        return isHash() ? "v0-sha." + sha : "v" + number;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StackVersion v && v.number == number && Objects.equals(v.sha, sha);
    }

    @Override
    public int hashCode() {
        return Objects.hash(number, sha);
    }
}
