package dev.clusterstack.core.publish;

import dev.clusterstack.core.release.ReleaseMetadata;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import static dev.clusterstack.core.publish.ReleaseArtifact.EMPTY_CONFIG;
import static dev.clusterstack.core.publish.ReleaseArtifact.EMPTY_CONFIG_MEDIA_TYPE;
import static dev.clusterstack.core.publish.ReleaseArtifact.MANIFEST_MEDIA_TYPE;

/**
 * Pushes a release folder to an OCI registry the way {@code csctl publish} does: one artifact per
 * release, as {@link ReleaseArtifact} describes it.
 *
 * <p>Uses the distribution API v2 with the JDK's HTTP client only: {@code HEAD} of the tag first (an
 * existing tag is refused, never overwritten), then per blob {@code HEAD}, and if missing a monolithic
 * upload ({@code POST .../blobs/uploads/} then {@code PUT <location>?digest=...}), then {@code PUT} of
 * the manifest. Authentication as {@link RegistryClient} does it: anonymous, HTTP basic, or the
 * registry token flow.
 *
 * <p>A tag pushed by someone else between the check and the manifest upload cannot be detected: the
 * v2 API has no conditional manifest upload.
 */
public final class OciPublisher {

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

    private final HttpClient http;

    /** A publisher with its own HTTP client (30 s connect timeout, normal redirects). */
    public OciPublisher() {
        this(RegistryClient.defaultHttpClient());
    }

    /** A publisher with the given client (e.g. one with a company CA in its SSL context). */
    public OciPublisher(HttpClient http) {
        this.http = Objects.requireNonNull(http, "http");
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
        Objects.requireNonNull(repository, "repository");
        OciRepository target;
        try {
            target = OciRepository.of(repository);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        return publish(releaseFolder, target, credentials, plainHttp);
    }

    /**
     * Publishes one release folder.
     *
     * @param releaseFolder the release folder ({@code metadata.yaml}, {@code hashes.json} and the archives)
     * @param target        the repository the artifact goes to
     * @param credentials   credentials, or null for anonymous access
     * @param plainHttp     {@code http://} instead of {@code https://}
     * @return the tag and manifest digest
     * @throws IOException naming the release folder, the registry and the HTTP status; also when the tag exists
     */
    public Result publish(Path releaseFolder, OciRepository target, Credentials credentials, boolean plainHttp)
            throws IOException {
        Objects.requireNonNull(releaseFolder, "releaseFolder");
        Objects.requireNonNull(target, "target");
        if (!Files.isDirectory(releaseFolder)) {
            throw new IOException("release folder " + releaseFolder + " does not exist");
        }
        ReleaseMetadata metadata = ReleaseMetadata.read(releaseFolder.resolve(ReleaseMetadata.FILE_NAME));
        String tag = ReleaseArtifact.tag(releaseFolder, metadata);
        List<ReleaseArtifact.Layer> layers = ReleaseArtifact.layers(releaseFolder);
        byte[] manifest = ReleaseArtifact.manifest(layers, ReleaseArtifact.annotations(releaseFolder));
        String manifestDigest = ReleaseArtifact.digest(manifest);
        RegistryClient session = new RegistryClient(http, target, plainHttp, credentials, true,
                "publishing release folder " + releaseFolder + " as " + tag + " to " + target.display(plainHttp) + ": ");

        HttpResponse<Void> head = session.send("check tag " + tag, () -> session.request(session.url("manifests/" + tag))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Accept", MANIFEST_MEDIA_TYPE + ", application/vnd.oci.image.index.v1+json, "
                        + "application/vnd.docker.distribution.manifest.v2+json"), HttpResponse.BodyHandlers.discarding());
        if (head.statusCode() == 200) {
            String existing = head.headers().firstValue("Docker-Content-Digest").orElse("?");
            throw new IOException("release folder " + releaseFolder + ": tag " + tag + " exists already in "
                    + session.display() + " (manifest " + existing + "); an existing tag is never overwritten");
        }
        if (head.statusCode() != 404) {
            throw session.failure("check tag " + tag, head.statusCode(), "");
        }

        int uploaded = 0;
        if (pushBlob(session, EMPTY_CONFIG_MEDIA_TYPE, ReleaseArtifact.digest(EMPTY_CONFIG), EMPTY_CONFIG.length,
                EMPTY_CONFIG, null)) {
            uploaded++;
        }
        for (ReleaseArtifact.Layer layer : layers) {
            if (pushBlob(session, layer.mediaType(), layer.digest(), layer.size(), null, layer.file())) {
                uploaded++;
            }
        }

        HttpResponse<String> put = session.send("upload manifest " + tag, () -> session.request(session.url("manifests/" + tag))
                .header("Content-Type", MANIFEST_MEDIA_TYPE)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)), HttpResponse.BodyHandlers.ofString());
        if (put.statusCode() != 201 && put.statusCode() != 200) {
            throw session.failure("upload manifest " + tag, put.statusCode(), put.body());
        }
        String returned = put.headers().firstValue("Docker-Content-Digest").orElse(manifestDigest);
        if (!returned.equals(manifestDigest)) {
            throw new IOException("release folder " + releaseFolder + ": " + session.display() + " stored the manifest of "
                    + tag + " as " + returned + ", expected " + manifestDigest);
        }
        return new Result(target.authority() + "/" + target.name() + ":" + tag, tag, manifestDigest, uploaded);
    }

    /** @return true if uploaded, false if the registry had it */
    private static boolean pushBlob(RegistryClient session, String mediaType, String digest, long size,
            byte[] bytes, Path file) throws IOException {
        String what = file == null ? "config blob" : "blob " + file.getFileName() + " (" + mediaType + ")";
        HttpResponse<Void> head = session.send("check " + what, () -> session.request(session.url("blobs/" + digest))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()), HttpResponse.BodyHandlers.discarding());
        if (head.statusCode() == 200) {
            return false;
        }
        if (head.statusCode() != 404) {
            throw session.failure("check " + what, head.statusCode(), "");
        }
        HttpResponse<String> start = session.send("start upload of " + what, () -> session.request(session.url("blobs/uploads/"))
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
}
