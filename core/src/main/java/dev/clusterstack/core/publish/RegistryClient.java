package dev.clusterstack.core.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Talks to one repository of an OCI registry (distribution API v2) with the JDK's HTTP client:
 * sends requests with the current authorization and answers a {@code 401} once per request by
 * authenticating. Authentication: anonymous, HTTP basic, or the registry token flow (a {@code 401}
 * with {@code WWW-Authenticate: Bearer realm=...} is answered by fetching a token from the realm, with
 * the credentials as basic authentication when there are any). Every message starts with the
 * caller's prefix, which names what is being done and where.
 */
final class RegistryClient {

    private static final Pattern CHALLENGE_PARAM = Pattern.compile("([A-Za-z]+)=(?:\"([^\"]*)\"|([^,\\s]*))");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final OciRepository repository;
    private final boolean plainHttp;
    private final Credentials credentials;
    private final boolean push;
    private final String prefix;
    private String authorization;

    /**
     * @param http        the HTTP client
     * @param repository  the repository
     * @param plainHttp   {@code http://} instead of {@code https://}
     * @param credentials credentials, or null for anonymous access
     * @param push        whether a token must allow pushing (else pulling is enough)
     * @param prefix      the start of every message, e.g. {@code publishing ... to registry ...: }
     */
    RegistryClient(HttpClient http, OciRepository repository, boolean plainHttp, Credentials credentials, boolean push,
            String prefix) {
        this.http = Objects.requireNonNull(http, "http");
        this.repository = Objects.requireNonNull(repository, "repository");
        this.plainHttp = plainHttp;
        this.credentials = credentials;
        this.push = push;
        this.prefix = prefix;
    }

    /** A client with its own HTTP client (30 s connect timeout, normal redirects). */
    static HttpClient defaultHttpClient() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    OciRepository repository() {
        return repository;
    }

    String display() {
        return repository.display(plainHttp);
    }

    URI url(String suffix) {
        return repository.url(plainHttp, suffix);
    }

    String prefix() {
        return prefix;
    }

    HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b;
    }

    IOException failure(String action, int status, String body) {
        String detail = registryMessage(body);
        return new IOException(prefix + action + " failed: HTTP " + status + reason(status)
                + (detail.isEmpty() ? "" : " (" + detail + ")"));
    }

    <T> HttpResponse<T> send(String action, Supplier<HttpRequest.Builder> request,
            HttpResponse.BodyHandler<T> handler) throws IOException {
        HttpResponse<T> response = exchange(action, build(action, request), handler);
        if (response.statusCode() != 401) {
            return response;
        }
        String challenge = response.headers().firstValue("WWW-Authenticate").orElse("");
        authenticate(action, challenge);
        response = exchange(action, build(action, request), handler);
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new IOException(prefix + action + " failed: HTTP " + response.statusCode()
                    + reason(response.statusCode()) + (credentials == null ? " without credentials"
                    : " with the credentials of user " + credentials.username()));
        }
        return response;
    }

    private HttpRequest build(String action, Supplier<HttpRequest.Builder> request) throws IOException {
        try {
            return request.get().build();
        } catch (UncheckedIOException e) {
            throw new IOException(prefix + action + ": " + e.getCause().getMessage(), e.getCause());
        }
    }

    private <T> HttpResponse<T> exchange(String action, HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException {
        try {
            return http.send(request, handler);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(prefix + action + ": interrupted", e);
        } catch (UncheckedIOException e) {
            throw new IOException(prefix + action + ": " + e.getCause().getMessage(), e.getCause());
        } catch (IOException e) {
            throw new IOException(prefix + action + ": cannot reach the registry: " + e, e);
        }
    }

    private void authenticate(String action, String challenge) throws IOException {
        String scheme = challenge.strip().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
        if (scheme.equals("basic")) {
            if (credentials == null) {
                throw new IOException(prefix + action + " failed: HTTP 401 Unauthorized: the registry wants"
                        + " credentials and none are configured");
            }
            authorization = basic(credentials);
            return;
        }
        if (!scheme.equals("bearer")) {
            throw new IOException(prefix + action + " failed: HTTP 401 Unauthorized with an unsupported"
                    + " challenge '" + challenge + "'");
        }
        Map<String, String> params = new LinkedHashMap<>();
        Matcher m = CHALLENGE_PARAM.matcher(challenge.strip().substring(6));
        while (m.find()) {
            params.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2) != null ? m.group(2) : m.group(3));
        }
        String realm = params.get("realm");
        if (realm == null || realm.isEmpty()) {
            throw new IOException(prefix + action + " failed: HTTP 401 Unauthorized with a Bearer challenge"
                    + " without realm: '" + challenge + "'");
        }
        String scope = params.get("scope");
        String needed = push ? "push" : "pull";
        if (scope == null || !scope.contains(needed)) {
            scope = "repository:" + repository.name() + (push ? ":pull,push" : ":pull");
        }
        StringBuilder query = new StringBuilder();
        if (params.get("service") != null) {
            query.append("service=").append(URLEncoder.encode(params.get("service"), StandardCharsets.UTF_8)).append('&');
        }
        query.append("scope=").append(URLEncoder.encode(scope, StandardCharsets.UTF_8));
        URI tokenUri;
        try {
            tokenUri = URI.create(realm + (realm.contains("?") ? "&" : "?") + query);
        } catch (IllegalArgumentException e) {
            throw new IOException(prefix + "invalid token realm '" + realm + "'", e);
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(tokenUri).timeout(Duration.ofMinutes(1)).GET();
        if (credentials != null) {
            b.header("Authorization", basic(credentials));
        }
        HttpResponse<String> response = exchange("get a token from " + realm, b.build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(prefix + "get a token from " + realm + " failed: HTTP " + response.statusCode()
                    + reason(response.statusCode()) + (credentials == null ? " without credentials"
                    : " with the credentials of user " + credentials.username()));
        }
        String token = null;
        try {
            JsonNode body = JSON.readTree(response.body());
            for (String key : List.of("token", "access_token")) {
                if (body != null && body.path(key).isTextual() && !body.path(key).asText().isEmpty()) {
                    token = body.path(key).asText();
                    break;
                }
            }
        } catch (JsonProcessingException e) {
            // handled below
        }
        if (token == null) {
            throw new IOException(prefix + "get a token from " + realm + ": the answer has no token");
        }
        authorization = "Bearer " + token;
    }

    private static String basic(Credentials c) {
        return "Basic " + Base64.getEncoder().encodeToString(
                (c.username() + ":" + c.password()).getBytes(StandardCharsets.UTF_8));
    }

    static String reason(int status) {
        return switch (status) {
            case 400 -> " Bad Request";
            case 401 -> " Unauthorized";
            case 403 -> " Forbidden";
            case 404 -> " Not Found";
            case 405 -> " Method Not Allowed";
            case 409 -> " Conflict";
            case 413 -> " Payload Too Large";
            case 429 -> " Too Many Requests";
            case 500 -> " Internal Server Error";
            case 502 -> " Bad Gateway";
            case 503 -> " Service Unavailable";
            default -> "";
        };
    }

    /** The first {@code errors[].code: message} of a registry error body, or "". */
    static String registryMessage(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            JsonNode first = JSON.readTree(body).path("errors").path(0);
            if (first.isObject()) {
                return (first.path("code").asText("") + ": " + first.path("message").asText("")).strip();
            }
        } catch (JsonProcessingException e) {
            // not a registry error body
        }
        String line = body.strip().lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
