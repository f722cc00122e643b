package dev.clusterstack.core.publish;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An OCI repository address {@code oci://host[:port]/path}: the registry ({@code host[:port]}, lower
 * case) and the repository name ({@code path}, as the distribution API spells names). The one place
 * that parses such addresses, for publishing and for baselines alike.
 *
 * @param authority {@code host[:port]}
 * @param name      the repository name, e.g. {@code acme/cluster-stacks}
 */
public record OciRepository(String authority, String name) {

    private static final Pattern NAME = Pattern.compile(
            "[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*)*");
    private static final String EXPECTED = "is not an OCI repository address like oci://host[:port]/path";

    /** Checks both parts. */
    public OciRepository {
        Objects.requireNonNull(authority, "authority");
        if (!NAME.matcher(Objects.requireNonNull(name, "name")).matches()) {
            throw new IllegalArgumentException("invalid OCI repository name '" + name + "'");
        }
    }

    /**
     * Whether {@code text} is meant as an OCI address (starts with {@code oci:}), as opposed to a folder.
     *
     * @param text an address or a path, may be null
     * @return true for {@code oci:...}
     */
    public static boolean isOciAddress(String text) {
        return text != null && text.strip().regionMatches(true, 0, "oci:", 0, 4);
    }

    /**
     * Parses {@code oci://host[:port]/path}.
     *
     * @param address the address as written (surrounding blanks are ignored)
     * @return the repository
     * @throws IllegalArgumentException naming the address and what is wrong with it
     */
    public static OciRepository parse(String address) {
        Objects.requireNonNull(address, "address");
        URI uri;
        try {
            uri = new URI(address.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + address + "' " + EXPECTED);
        }
        return of(uri, address);
    }

    /**
     * The repository of an {@code oci://host[:port]/path} URI.
     *
     * @param uri the address
     * @return the repository
     * @throws IllegalArgumentException naming the address and what is wrong with it
     */
    public static OciRepository of(URI uri) {
        return of(Objects.requireNonNull(uri, "uri"), uri.toString());
    }

    private static OciRepository of(URI uri, String written) {
        if (!"oci".equalsIgnoreCase(uri.getScheme()) || uri.getRawAuthority() == null || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("'" + written + "' " + EXPECTED);
        }
        String name = uri.getPath() == null ? "" : uri.getPath().replaceAll("^/+|/+$", "");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("'" + written + "' " + EXPECTED);
        }
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + written + "' " + EXPECTED + ": the repository path must be lower"
                    + " case, [a-z0-9] parts joined by '/', '.', '_' or '-' (e.g. oci://registry.example.com/cluster-stacks),"
                    + " was '" + name + "'");
        }
        return new OciRepository(uri.getRawAuthority().toLowerCase(Locale.ROOT), name);
    }

    /** @return {@code oci://host[:port]/path} */
    public String address() {
        return "oci://" + authority + "/" + name;
    }

    /**
     * A URL of the distribution API v2 for this repository.
     *
     * @param plainHttp {@code http} instead of {@code https}
     * @param suffix    after {@code /v2/<name>/}, e.g. {@code tags/list} or {@code manifests/<tag>}
     * @return the URL
     */
    public URI url(boolean plainHttp, String suffix) {
        return URI.create(scheme(plainHttp) + "://" + authority + "/v2/" + name + "/" + suffix);
    }

    /**
     * The registry and repository for messages.
     *
     * @param plainHttp whether the registry is spoken to in plain HTTP
     * @return e.g. {@code registry https://ghcr.io (repository acme/cluster-stacks)}
     */
    public String display(boolean plainHttp) {
        return "registry " + scheme(plainHttp) + "://" + authority + " (repository " + name + ")";
    }

    private static String scheme(boolean plainHttp) {
        return plainHttp ? "http" : "https";
    }

    @Override
    public String toString() {
        return address();
    }
}
