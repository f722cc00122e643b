package dev.clusterstack.core.release;

import dev.clusterstack.core.contract.ReleaseLayout;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pushes a release folder to an OCI registry the way {@code csctl publish} does: one artifact per
 * release, tagged {@code <provider>-<name>-<maj>-<min>-<version>} (the dash form {@code v0-sha-xxxxxxx}
 * for hash versions), artifact type {@value #ARTIFACT_TYPE}, the empty config, one layer per file of
 * the folder (sorted by file name, titled with it) and the annotations {@code hash} (the first seven
 * characters of the {@code clusterStack} hash, as csctl writes it) and {@code kubernetesVersion}.
 *
 * <p>Uses the distribution API v2 with the JDK's HTTP client only: {@code HEAD} of the tag first (an
 * existing tag is refused, never overwritten), then per blob {@code HEAD}, and if missing a monolithic
 * upload ({@code POST .../blobs/uploads/} then {@code PUT <location>?digest=...}), then {@code PUT} of
 * the manifest. Authentication: anonymous, HTTP basic, or the registry token flow (a {@code 401} with
 * {@code WWW-Authenticate: Bearer realm=...} is answered by fetching a token from the realm, with the
 * credentials as basic authentication when there are any).
 *
 * <p>The manifest is deterministic (fixed key order, no creation time): the same folder always gives
 * the same manifest digest. A tag pushed by someone else between the check and the manifest upload
 * cannot be detected: the v2 API has no conditional manifest upload.
 */
public final class OciPublisher {

    /** Artifact type of a cluster stack release. */
    public static final String ARTIFACT_TYPE = ReleaseLayout.ARTIFACT_TYPE;
    /** OCI image manifest media type. */
    public static final String MANIFEST_MEDIA_TYPE = "application/vnd.oci.image.manifest.v1+json";
    /** The empty config ({@code {}}) as ORAS packs it for artifacts. */
    public static final String EMPTY_CONFIG_MEDIA_TYPE = "application/vnd.oci.empty.v1+json";
    /** Media type of files csctl has no media type for (ORAS's default for a file). */
    public static final String DEFAULT_LAYER_MEDIA_TYPE = ReleaseLayout.DEFAULT_LAYER_MEDIA_TYPE;
    /** Layer annotation with the file name. */
    public static final String TITLE_ANNOTATION = "org.opencontainers.image.title";

    private static final byte[] EMPTY_CONFIG = "{}".getBytes(StandardCharsets.UTF_8);
    private static final Pattern REPOSITORY_NAME = Pattern.compile(
            "[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\\.|_|__|-+)[a-z0-9]+)*)*");
    private static final Pattern CHALLENGE_PARAM = Pattern.compile("([A-Za-z]+)=(?:\"([^\"]*)\"|([^,\\s]*))");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Registry credentials; {@link #toString()} hides the password. */
    public record Credentials(String username, String password) {
        /** Both must be given. */
        public Credentials {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "Credentials[username=" + username + ", password=***]";
        }
    }

    /**
     * The pushed artifact.
     *
     * @param reference {@code <host[:port]>/<repository>:<tag>}
     * @param tag       the tag
     * @param digest    the manifest digest, {@code sha256:<hex>}
     * @param uploaded  number of blobs uploaded (blobs the registry had already are not sent again)
     */
    public record Result(String reference, String tag, String digest, int uploaded) {
    }

    /** One layer: a file of the release folder. */
    record Layer(Path file, String mediaType, String digest, long size) {
        String title() {
            return file.getFileName().toString();
        }
    }

    private final HttpClient http;

    /** A publisher with its own HTTP client (30 s connect timeout, normal redirects). */
    public OciPublisher() {
        this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
                .followRedirects(HttpClient.Redirect.NORMAL).build());
    }

    /** A publisher with the given client (e.g. one with a company CA in its SSL context). */
    public OciPublisher(HttpClient http) {
        this.http = Objects.requireNonNull(http, "http");
    }

    /**
     * The media type csctl gives a release file.
     *
     * @param fileName the file name
     * @return its layer media type
     */
    public static String mediaType(String fileName) {
        return ReleaseLayout.mediaType(fileName);
    }

    /**
     * The tag of a release folder: its name with the version in dash form.
     *
     * @param releaseFolder a release folder with {@code metadata.yaml}
     * @return e.g. {@code docker-scs-1-32-v1} or {@code docker-scs-1-32-v0-sha-1234abc}
     * @throws IOException if {@code metadata.yaml} is missing or invalid, or the folder name does not match it
     */
    public static String tag(Path releaseFolder) throws IOException {
        return tag(releaseFolder, ReleaseMetadata.read(releaseFolder.resolve(ReleaseMetadata.FILE_NAME)));
    }

    private static String tag(Path releaseFolder, ReleaseMetadata metadata) throws IOException {
        String folderName = releaseFolder.getFileName().toString();
        StackVersion version = metadata.versions().clusterStack();
        String suffix = "-" + metadata.kubernetesMinorDash() + "-" + version;
        if (!folderName.endsWith(suffix) || folderName.length() == suffix.length()) {
            throw new IOException("release folder " + releaseFolder + ": its name does not end with '" + suffix
                    + "' as its metadata.yaml (Kubernetes " + metadata.kubernetesVersion() + ", clusterStack " + version
                    + ") says");
        }
        return folderName.substring(0, folderName.length() - version.toString().length()) + version.dashForm();
    }

    /**
     * The manifest this publisher pushes for a release folder.
     *
     * @param releaseFolder the release folder
     * @return the manifest bytes (UTF-8 JSON)
     * @throws IOException if the folder cannot be read
     */
    public static byte[] manifest(Path releaseFolder) throws IOException {
        return manifest(layers(releaseFolder), annotations(releaseFolder));
    }

    /**
     * Publishes one release folder.
     *
     * @param releaseFolder the release folder ({@code metadata.yaml}, {@code hashes.json} and the archives)
     * @param repository    {@code oci://host[:port]/path}; the artifact goes to repository {@code path}
     * @param credentials   credentials, or null for anonymous access
     * @param plainHttp     {@code http://} instead of {@code https://}
     * @return the tag and manifest digest
     * @throws IOException naming the release folder, the registry and the HTTP status; also when the tag exists
     */
    public Result publish(Path releaseFolder, URI repository, Credentials credentials, boolean plainHttp)
            throws IOException {
        Objects.requireNonNull(releaseFolder, "releaseFolder");
        Target target = Target.of(repository, plainHttp);
        if (!Files.isDirectory(releaseFolder)) {
            throw new IOException("release folder " + releaseFolder + " does not exist");
        }
        ReleaseMetadata metadata = ReleaseMetadata.read(releaseFolder.resolve(ReleaseMetadata.FILE_NAME));
        String tag = tag(releaseFolder, metadata);
        List<Layer> layers = layers(releaseFolder);
        byte[] manifest = manifest(layers, annotations(releaseFolder));
        String manifestDigest = digest(manifest);
        Session session = new Session(target, credentials, releaseFolder, tag);

        HttpResponse<Void> head = session.send("check tag " + tag, () -> session.request(target.url("manifests/" + tag))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Accept", MANIFEST_MEDIA_TYPE + ", application/vnd.oci.image.index.v1+json, "
                        + "application/vnd.docker.distribution.manifest.v2+json"), HttpResponse.BodyHandlers.discarding());
        if (head.statusCode() == 200) {
            String existing = head.headers().firstValue("Docker-Content-Digest").orElse("?");
            throw new IOException("release folder " + releaseFolder + ": tag " + tag + " exists already in "
                    + target.display() + " (manifest " + existing + "); an existing tag is never overwritten");
        }
        if (head.statusCode() != 404) {
            throw session.failure("check tag " + tag, head.statusCode(), "");
        }

        int uploaded = 0;
        if (pushBlob(session, target, EMPTY_CONFIG_MEDIA_TYPE, digest(EMPTY_CONFIG), EMPTY_CONFIG.length, EMPTY_CONFIG, null)) {
            uploaded++;
        }
        for (Layer layer : layers) {
            if (pushBlob(session, target, layer.mediaType(), layer.digest(), layer.size(), null, layer.file())) {
                uploaded++;
            }
        }

        HttpResponse<String> put = session.send("upload manifest " + tag, () -> session.request(target.url("manifests/" + tag))
                .header("Content-Type", MANIFEST_MEDIA_TYPE)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)), HttpResponse.BodyHandlers.ofString());
        if (put.statusCode() != 201 && put.statusCode() != 200) {
            throw session.failure("upload manifest " + tag, put.statusCode(), put.body());
        }
        String returned = put.headers().firstValue("Docker-Content-Digest").orElse(manifestDigest);
        if (!returned.equals(manifestDigest)) {
            throw new IOException("release folder " + releaseFolder + ": " + target.display() + " stored the manifest of "
                    + tag + " as " + returned + ", expected " + manifestDigest);
        }
        return new Result(target.authority() + "/" + target.name() + ":" + tag, tag, manifestDigest, uploaded);
    }

    /** @return true if uploaded, false if the registry had it */
    private static boolean pushBlob(Session session, Target target, String mediaType, String digest, long size,
            byte[] bytes, Path file) throws IOException {
        String what = file == null ? "config blob" : "blob " + file.getFileName() + " (" + mediaType + ")";
        HttpResponse<Void> head = session.send("check " + what, () -> session.request(target.url("blobs/" + digest))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.discarding());
        if (head.statusCode() == 200) {
            return false;
        }
        if (head.statusCode() != 404) {
            throw session.failure("check " + what, head.statusCode(), "");
        }
        HttpResponse<String> start = session.send("start upload of " + what, () -> session.request(target.url("blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.ofString());
        if (start.statusCode() != 202) {
            throw session.failure("start upload of " + what, start.statusCode(), start.body());
        }
        String location = start.headers().firstValue("Location").orElseThrow(() -> new IOException(
                session.prefix() + "start upload of " + what + ": the registry sent no Location"));
        URI base = start.request().uri();
        URI upload;
        try {
            URI resolved = base.resolve(new URI(location));
            upload = new URI(resolved + (resolved.getRawQuery() == null ? "?" : "&") + "digest="
                    + URLEncoder.encode(digest, StandardCharsets.UTF_8));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IOException(session.prefix() + "start upload of " + what + ": invalid Location '" + location + "'", e);
        }
        HttpResponse<String> put = session.send("upload " + what, () -> {
            HttpRequest.BodyPublisher body;
            try {
                body = file != null ? HttpRequest.BodyPublishers.ofFile(file) : HttpRequest.BodyPublishers.ofByteArray(bytes);
            } catch (FileNotFoundException e) {
                throw new UncheckedIOException(e);
            }
            return session.request(upload).header("Content-Type", "application/octet-stream").PUT(body);
        }, HttpResponse.BodyHandlers.ofString());
        if (put.statusCode() != 201 && put.statusCode() != 204) {
            throw session.failure("upload " + what + " (" + size + " bytes)", put.statusCode(), put.body());
        }
        return true;
    }

    // ------------------------------------------------------------------ manifest

    static List<Layer> layers(Path releaseFolder) throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(releaseFolder)) {
            for (Path p : s) {
                String name = p.getFileName().toString();
                if (Files.isRegularFile(p) && !name.startsWith(".")) {
                    files.add(p);
                }
            }
        }
        files.sort(Comparator.comparing(p -> p.getFileName().toString()));
        List<Layer> layers = new ArrayList<>();
        for (Path f : files) {
            layers.add(new Layer(f, mediaType(f.getFileName().toString()), digest(f), Files.size(f)));
        }
        return layers;
    }

    private static Map<String, String> annotations(Path releaseFolder) throws IOException {
        ReleaseMetadata metadata = ReleaseMetadata.read(releaseFolder.resolve(ReleaseMetadata.FILE_NAME));
        Path hashesFile = releaseFolder.resolve(ReleaseHashes.FILE_NAME);
        if (!Files.isRegularFile(hashesFile)) {
            throw new IOException(hashesFile + " does not exist");
        }
        String hash = ReleaseHashes.read(hashesFile).clusterStack();
        Map<String, String> annotations = new LinkedHashMap<>();
        // keys sorted, as Go writes a map
        annotations.put("hash", hash.length() >= 7 ? hash.substring(0, 7) : hash);
        annotations.put("kubernetesVersion", metadata.kubernetesVersion());
        return annotations;
    }

    private static byte[] manifest(List<Layer> layers, Map<String, String> annotations) throws IOException {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("mediaType", EMPTY_CONFIG_MEDIA_TYPE);
        config.put("digest", digest(EMPTY_CONFIG));
        config.put("size", EMPTY_CONFIG.length);
        config.put("data", Base64.getEncoder().encodeToString(EMPTY_CONFIG));
        List<Map<String, Object>> layerList = new ArrayList<>();
        for (Layer l : layers) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("mediaType", l.mediaType());
            d.put("digest", l.digest());
            d.put("size", l.size());
            d.put("annotations", Map.of(TITLE_ANNOTATION, l.title()));
            layerList.add(d);
        }
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", MANIFEST_MEDIA_TYPE);
        manifest.put("artifactType", ARTIFACT_TYPE);
        manifest.put("config", config);
        manifest.put("layers", layerList);
        manifest.put("annotations", annotations);
        return JSON.writeValueAsBytes(manifest);
    }

    static String digest(byte[] bytes) {
        return "sha256:" + HexFormat.of().formatHex(sha256().digest(bytes));
    }

    static String digest(Path file) throws IOException {
        MessageDigest md = sha256();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                md.update(buffer, 0, n);
            }
        }
        return "sha256:" + HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ registry access

    /** Registry and repository of an {@code oci://} address. */
    record Target(String scheme, String authority, String name) {
        static Target of(URI repository, boolean plainHttp) throws IOException {
            Objects.requireNonNull(repository, "repository");
            if (!"oci".equalsIgnoreCase(repository.getScheme()) || repository.getRawAuthority() == null
                    || repository.getHost() == null) {
                throw new IOException("repository " + repository + " must look like oci://host[:port]/path");
            }
            String name = repository.getPath() == null ? "" : repository.getPath().replaceAll("^/+|/+$", "");
            if (!REPOSITORY_NAME.matcher(name).matches() || repository.getRawQuery() != null
                    || repository.getRawFragment() != null || repository.getRawUserInfo() != null) {
                throw new IOException("repository " + repository + " must look like oci://host[:port]/path with a"
                        + " lower-case repository path (e.g. oci://registry.example.com/cluster-stacks), was path '" + name + "'");
            }
            return new Target(plainHttp ? "http" : "https", repository.getRawAuthority().toLowerCase(Locale.ROOT), name);
        }

        URI url(String suffix) {
            return URI.create(scheme + "://" + authority + "/v2/" + name + "/" + suffix);
        }

        String display() {
            return "registry " + scheme + "://" + authority + " (repository " + name + ")";
        }
    }

    /** Sends requests with the current authorization; answers a 401 once per request by authenticating. */
    private final class Session {
        private final Target target;
        private final Credentials credentials;
        private final Path releaseFolder;
        private final String tag;
        private String authorization;

        Session(Target target, Credentials credentials, Path releaseFolder, String tag) {
            this.target = target;
            this.credentials = credentials;
            this.releaseFolder = releaseFolder;
            this.tag = tag;
        }

        String prefix() {
            return "publishing release folder " + releaseFolder + " as " + tag + " to " + target.display() + ": ";
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
            return new IOException(prefix() + action + " failed: HTTP " + status + reason(status)
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
                throw new IOException(prefix() + action + " failed: HTTP " + response.statusCode()
                        + reason(response.statusCode()) + (credentials == null ? " without credentials"
                        : " with the credentials of user " + credentials.username()));
            }
            return response;
        }

        private HttpRequest build(String action, Supplier<HttpRequest.Builder> request) throws IOException {
            try {
                return request.get().build();
            } catch (UncheckedIOException e) {
                throw new IOException(prefix() + action + ": " + e.getCause().getMessage(), e.getCause());
            }
        }

        private <T> HttpResponse<T> exchange(String action, HttpRequest request, HttpResponse.BodyHandler<T> handler)
                throws IOException {
            try {
                return http.send(request, handler);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(prefix() + action + ": interrupted", e);
            } catch (UncheckedIOException e) {
                throw new IOException(prefix() + action + ": " + e.getCause().getMessage(), e.getCause());
            } catch (IOException e) {
                throw new IOException(prefix() + action + ": cannot reach the registry: " + e, e);
            }
        }

        private void authenticate(String action, String challenge) throws IOException {
            String scheme = challenge.strip().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
            if (scheme.equals("basic")) {
                if (credentials == null) {
                    throw new IOException(prefix() + action + " failed: HTTP 401 Unauthorized: the registry wants"
                            + " credentials and none are configured");
                }
                authorization = basic(credentials);
                return;
            }
            if (!scheme.equals("bearer")) {
                throw new IOException(prefix() + action + " failed: HTTP 401 Unauthorized with an unsupported"
                        + " challenge '" + challenge + "'");
            }
            Map<String, String> params = new LinkedHashMap<>();
            Matcher m = CHALLENGE_PARAM.matcher(challenge.strip().substring(6));
            while (m.find()) {
                params.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2) != null ? m.group(2) : m.group(3));
            }
            String realm = params.get("realm");
            if (realm == null || realm.isEmpty()) {
                throw new IOException(prefix() + action + " failed: HTTP 401 Unauthorized with a Bearer challenge"
                        + " without realm: '" + challenge + "'");
            }
            String scope = params.get("scope");
            if (scope == null || !scope.contains("push")) {
                scope = "repository:" + target.name() + ":pull,push";
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
                throw new IOException(prefix() + "invalid token realm '" + realm + "'", e);
            }
            HttpRequest.Builder b = HttpRequest.newBuilder(tokenUri).timeout(Duration.ofMinutes(1)).GET();
            if (credentials != null) {
                b.header("Authorization", basic(credentials));
            }
            HttpResponse<String> response = exchange("get a token from " + realm, b.build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException(prefix() + "get a token from " + realm + " failed: HTTP " + response.statusCode()
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
                throw new IOException(prefix() + "get a token from " + realm + ": the answer has no token");
            }
            authorization = "Bearer " + token;
        }
    }

    private static String basic(Credentials c) {
        return "Basic " + Base64.getEncoder().encodeToString(
                (c.username() + ":" + c.password()).getBytes(StandardCharsets.UTF_8));
    }

    private static String reason(int status) {
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
    private static String registryMessage(String body) {
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
