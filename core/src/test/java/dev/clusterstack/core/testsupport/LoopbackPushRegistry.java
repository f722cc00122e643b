package dev.clusterstack.core.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A writable OCI registry (distribution spec v2) on 127.0.0.1 (random port, plain HTTP) for tests of
 * pushing: monolithic blob uploads ({@code POST /v2/<name>/blobs/uploads/} then
 * {@code PUT <location>?digest=...}, the digest checked), {@code HEAD|GET} of blobs,
 * {@code PUT|HEAD|GET} of manifests by tag or digest, {@code GET} of the tag list (one page).
 * Like a real registry it lets a tag be overwritten:
 * refusing that is the client's job. Optional authentication: HTTP basic, or the token flow (a
 * {@code 401} with a {@code Bearer} challenge whose realm {@code /token} hands out a token for the right
 * basic credentials). Records every request and keeps everything it got.
 */
public final class LoopbackPushRegistry extends LoopbackServer {

    /** How clients must authenticate. */
    public enum Auth { NONE, BASIC, BEARER }

    private static final Pattern MANIFEST = Pattern.compile("^/v2/(.+)/manifests/([^/]+)$");
    private static final Pattern UPLOAD_START = Pattern.compile("^/v2/(.+)/blobs/uploads/?$");
    private static final Pattern UPLOAD = Pattern.compile("^/v2/(.+)/blobs/uploads/([^/]+)$");
    private static final Pattern BLOB = Pattern.compile("^/v2/(.+)/blobs/([^/]+)$");
    private static final Pattern TAGS = Pattern.compile("^/v2/(.+)/tags/list$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Auth auth;
    private final String username;
    private final String password;
    private final String token = UUID.randomUUID().toString();
    /** repository -> digest -> bytes (blobs). */
    private final Map<String, Map<String, byte[]>> blobs = new ConcurrentHashMap<>();
    /** repository -> digest -> bytes (manifests). */
    private final Map<String, Map<String, byte[]>> manifests = new ConcurrentHashMap<>();
    /** repository -> tag -> digest. */
    private final Map<String, Map<String, String>> tags = new ConcurrentHashMap<>();
    /** upload id -> repository. */
    private final Map<String, String> uploads = new ConcurrentHashMap<>();

    private LoopbackPushRegistry(Auth auth, String username, String password) throws IOException {
        super(httpServer(), "loopback-push-registry");
        this.auth = auth;
        this.username = username;
        this.password = password;
        start(this::handle);
    }

    /** A registry anyone may push to. */
    public static LoopbackPushRegistry anonymous() {
        return start(Auth.NONE, null, null);
    }

    /** A registry that wants these credentials, as basic authentication or through its token realm. */
    public static LoopbackPushRegistry start(Auth auth, String username, String password) {
        try {
            return new LoopbackPushRegistry(auth, username, password);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getRawQuery();
            record(exchange);
            exchange.getResponseHeaders().set("Docker-Distribution-API-Version", "registry/2.0");
            if (path.equals("/token")) {
                if (auth == Auth.BEARER && basicOk(exchange)) {
                    send(exchange, 200, "application/json",
                            JSON.writeValueAsBytes(Map.of("token", token)), null);
                } else {
                    error(exchange, 401, "UNAUTHORIZED", "bad credentials");
                }
                return;
            }
            if (!authorized(exchange)) {
                if (auth == Auth.BASIC) {
                    exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"loopback\"");
                } else {
                    Matcher m = Pattern.compile("^/v2/(.+)/(?:manifests|blobs|tags)/").matcher(path);
                    String scope = m.find() ? ",scope=\"repository:" + m.group(1) + ":pull,push\"" : "";
                    exchange.getResponseHeaders().set("WWW-Authenticate",
                            "Bearer realm=\"" + url() + "/token\",service=\"loopback\"" + scope);
                }
                error(exchange, 401, "UNAUTHORIZED", "authentication required");
                return;
            }
            if (path.equals("/v2/") || path.equals("/v2")) {
                send(exchange, 200, "application/json", "{}".getBytes(StandardCharsets.UTF_8), null);
                return;
            }
            Matcher m;
            if (method.equals("POST") && (m = UPLOAD_START.matcher(path)).matches()) {
                String id = UUID.randomUUID().toString();
                uploads.put(id, m.group(1));
                exchange.getResponseHeaders().set("Location", "/v2/" + m.group(1) + "/blobs/uploads/" + id);
                exchange.getResponseHeaders().set("Docker-Upload-UUID", id);
                send(exchange, 202, null, new byte[0], null);
                return;
            }
            if (method.equals("PUT") && (m = UPLOAD.matcher(path)).matches()) {
                String name = uploads.remove(m.group(2));
                String digest = queryParam(query, "digest");
                if (name == null || !name.equals(m.group(1))) {
                    error(exchange, 404, "BLOB_UPLOAD_UNKNOWN", "unknown upload " + m.group(2));
                } else if (digest == null || !digest.equals(digest(body))) {
                    error(exchange, 400, "DIGEST_INVALID", "digest " + digest + " does not match " + digest(body));
                } else {
                    blobs.computeIfAbsent(name, k -> new ConcurrentHashMap<>()).put(digest, body);
                    exchange.getResponseHeaders().set("Location", "/v2/" + name + "/blobs/" + digest);
                    send(exchange, 201, null, new byte[0], digest);
                }
                return;
            }
            if ((m = MANIFEST.matcher(path)).matches()) {
                String name = m.group(1);
                String reference = m.group(2);
                if (method.equals("PUT")) {
                    String digest = digest(body);
                    manifests.computeIfAbsent(name, k -> new ConcurrentHashMap<>()).put(digest, body);
                    if (!reference.startsWith("sha256:")) {
                        tags.computeIfAbsent(name, k -> new ConcurrentHashMap<>()).put(reference, digest);
                    }
                    exchange.getResponseHeaders().set("Location", "/v2/" + name + "/manifests/" + digest);
                    send(exchange, 201, null, new byte[0], digest);
                    return;
                }
                String digest = reference.startsWith("sha256:") ? reference
                        : tags.getOrDefault(name, Map.of()).get(reference);
                byte[] bytes = digest == null ? null : manifests.getOrDefault(name, Map.of()).get(digest);
                if (bytes == null) {
                    error(exchange, 404, "MANIFEST_UNKNOWN", "unknown manifest " + reference);
                } else {
                    send(exchange, 200, "application/vnd.oci.image.manifest.v1+json", bytes, digest);
                }
                return;
            }
            if ((m = TAGS.matcher(path)).matches() && method.equals("GET")) {
                Map<String, String> repositoryTags = tags.get(m.group(1));
                if (repositoryTags == null) {
                    error(exchange, 404, "NAME_UNKNOWN", "repository name not known to registry");
                } else {
                    send(exchange, 200, "application/json", JSON.writeValueAsBytes(Map.of("name", m.group(1),
                            "tags", new TreeMap<>(repositoryTags).keySet())), null);
                }
                return;
            }
            if ((m = BLOB.matcher(path)).matches() && (method.equals("GET") || method.equals("HEAD"))) {
                byte[] bytes = blobs.getOrDefault(m.group(1), Map.of()).get(m.group(2));
                if (bytes == null) {
                    error(exchange, 404, "BLOB_UNKNOWN", "unknown blob " + m.group(2));
                } else {
                    send(exchange, 200, "application/octet-stream", bytes, m.group(2));
                }
                return;
            }
            error(exchange, 404, "NAME_UNKNOWN", "unknown " + method + " " + path);
        }
    }

    private boolean authorized(HttpExchange exchange) {
        return switch (auth) {
            case NONE -> true;
            case BASIC -> basicOk(exchange);
            case BEARER -> ("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"));
        };
    }

    private boolean basicOk(HttpExchange exchange) {
        String expected = "Basic " + Base64.getEncoder().encodeToString(
                (username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return expected.equals(exchange.getRequestHeaders().getFirst("Authorization"));
    }

    private static String queryParam(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String part : query.split("&")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).equals(name)) {
                return URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://" + hostPort();
    }

    /** The manifest a tag points to, or null. */
    public byte[] manifest(String repository, String tag) {
        String digest = tags.getOrDefault(repository, Map.of()).get(tag);
        return digest == null ? null : manifests.get(repository).get(digest);
    }

    /** A blob, or null. */
    public byte[] blob(String repository, String digest) {
        return blobs.getOrDefault(repository, Map.of()).get(digest);
    }

    /** Tag -> manifest digest of a repository, sorted. */
    public Map<String, String> tags(String repository) {
        return new TreeMap<>(tags.getOrDefault(repository, Map.of()));
    }

    /**
     * Everything stored, as sorted lines {@code <repository> tag|manifest|blob <key> <sha256 of content>}: equal
     * snapshots mean nothing changed.
     */
    public List<String> snapshot() {
        List<String> out = new java.util.ArrayList<>();
        tags.forEach((r, t) -> t.forEach((tag, d) -> out.add(r + " tag " + tag + " " + d)));
        manifests.forEach((r, ms) -> ms.forEach((d, b) -> out.add(r + " manifest " + d + " " + digest(b))));
        blobs.forEach((r, bs) -> bs.forEach((d, b) -> out.add(r + " blob " + d + " " + digest(b))));
        out.sort(null);
        return out;
    }
}
