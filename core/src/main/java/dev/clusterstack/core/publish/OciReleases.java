package dev.clusterstack.core.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the releases of one OCI repository: its tags ({@code GET /v2/<name>/tags/list}, following the
 * {@code Link: <...>; rel="next"} pages), the manifest of a tag, and the files of a release (each layer
 * titled with its file name in {@value ReleaseArtifact#TITLE_ANNOTATION}, as csctl and
 * {@link OciPublisher} push them), checked against their digests.
 */
public final class OciReleases {

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*");
    private static final String ACCEPT = ReleaseArtifact.MANIFEST_MEDIA_TYPE
            + ", application/vnd.docker.distribution.manifest.v2+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A file of a release as the manifest lists it.
     *
     * @param fileName the file name (the title annotation)
     * @param digest   {@code sha256:<hex>}
     * @param size     its size in bytes
     */
    public record Layer(String fileName, String digest, long size) {
    }

    /**
     * The manifest of a tag.
     *
     * @param tag    the tag
     * @param digest the manifest digest, {@code sha256:<hex>} of its bytes
     * @param layers its files, in manifest order
     */
    public record Manifest(String tag, String digest, List<Layer> layers) {
        /** Copies the list. */
        public Manifest {
            layers = List.copyOf(layers);
        }

        /** @return whether a file of that name is among the layers */
        public boolean has(String fileName) {
            return layers.stream().anyMatch(l -> l.fileName().equals(fileName));
        }
    }

    private final RegistryClient client;
    private int pageSize;

    /**
     * @param http        the HTTP client
     * @param repository  the repository
     * @param credentials credentials, or null for anonymous access
     * @param plainHttp   {@code http://} instead of {@code https://}
     * @param prefix      the start of every message, naming what is being done
     */
    public OciReleases(HttpClient http, OciRepository repository, Credentials credentials, boolean plainHttp,
            String prefix) {
        this.client = new RegistryClient(http, repository, plainHttp, credentials, false,
                prefix + repository.display(plainHttp) + ": ");
    }

    /** Asks for pages of {@code n} tags ({@code ?n=}); 0 (the default) lets the registry choose. */
    OciReleases pageSize(int n) {
        this.pageSize = n;
        return this;
    }

    /**
     * Every tag of the repository, sorted; none when the repository does not exist yet.
     *
     * @return the tags
     * @throws IOException naming the registry and the HTTP status
     */
    public List<String> tags() throws IOException {
        TreeSet<String> tags = new TreeSet<>();
        URI next = client.url("tags/list" + (pageSize > 0 ? "?n=" + pageSize : ""));
        for (int page = 1; next != null; page++) {
            if (page > 10_000) {
                throw new IOException(client.prefix() + "list tags: more than 10000 pages, the registry keeps sending"
                        + " a next page");
            }
            URI uri = next;
            HttpResponse<String> response = client.send("list tags", () -> client.request(uri).GET(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404 && page == 1) {
                return List.of();
            }
            if (response.statusCode() != 200) {
                throw client.failure("list tags", response.statusCode(), response.body());
            }
            try {
                for (JsonNode tag : JSON.readTree(response.body()).path("tags")) {
                    tags.add(tag.asText());
                }
            } catch (JsonProcessingException e) {
                throw new IOException(client.prefix() + "list tags: the answer is not JSON: " + e.getOriginalMessage());
            }
            next = null;
            for (String link : response.headers().allValues("Link")) {
                Matcher m = NEXT.matcher(link);
                if (m.find()) {
                    try {
                        next = uri.resolve(m.group(1));
                    } catch (IllegalArgumentException e) {
                        throw new IOException(client.prefix() + "list tags: invalid Link '" + link + "'");
                    }
                }
            }
        }
        return List.copyOf(tags);
    }

    /**
     * The manifest of a tag, with its layers' file names.
     *
     * @param tag the tag
     * @return the manifest
     * @throws IOException naming the tag when it does not exist, is not an artifact of titled files, or the
     *                     registry fails
     */
    public Manifest manifest(String tag) throws IOException {
        String action = "read the manifest of tag " + tag;
        HttpResponse<byte[]> response = client.send(action, () -> client.request(client.url("manifests/" + tag))
                .header("Accept", ACCEPT).GET(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw client.failure(action, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        }
        String digest = ReleaseArtifact.digest(response.body());
        JsonNode manifest;
        try {
            manifest = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IOException(client.prefix() + action + ": the manifest is not JSON");
        }
        if (manifest == null || !manifest.path("layers").isArray()) {
            throw new IOException(client.prefix() + "tag " + tag + " (manifest " + digest + ") is not an artifact with"
                    + " layers (media type " + manifest.path("mediaType").asText("none") + ")");
        }
        List<Layer> layers = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>();
        for (JsonNode layer : manifest.path("layers")) {
            String title = layer.path("annotations").path(ReleaseArtifact.TITLE_ANNOTATION).asText("");
            String layerDigest = layer.path("digest").asText("");
            String problem = title.isEmpty() ? "has no file name in " + ReleaseArtifact.TITLE_ANNOTATION
                    : !FILE_NAME.matcher(title).matches() ? "has the file name '" + title + "', which is not a plain file name"
                    : !names.add(title) ? "has the file name '" + title + "' of another layer" : null;
            if (problem != null) {
                throw new IOException(client.prefix() + "tag " + tag + " (manifest " + digest + "): layer " + layerDigest
                        + " " + problem + ": not a cluster stack release as csctl publishes it");
            }
            if (!layerDigest.matches("sha256:[0-9a-f]{64}")) {
                throw new IOException(client.prefix() + "tag " + tag + " (manifest " + digest + "): layer " + title
                        + " has the digest '" + layerDigest + "'; only sha256 digests are supported");
            }
            layers.add(new Layer(title, layerDigest, layer.path("size").asLong(-1)));
        }
        return new Manifest(tag, digest, layers);
    }

    /**
     * Downloads every layer of a manifest into a folder, each as the file its title names.
     *
     * @param manifest the manifest (from {@link #manifest(String)})
     * @param folder   an existing folder
     * @throws IOException naming the tag and file when a download fails or its digest or size differs
     */
    public void download(Manifest manifest, Path folder) throws IOException {
        Objects.requireNonNull(folder, "folder");
        for (Layer layer : manifest.layers()) {
            String action = "download " + layer.fileName() + " of tag " + manifest.tag();
            Path file = folder.resolve(layer.fileName());
            HttpResponse<InputStream> response = client.send(action, () -> client.request(client.url("blobs/" + layer.digest()))
                    .GET(), HttpResponse.BodyHandlers.ofInputStream());
            MessageDigest md = ReleaseArtifact.sha256();
            long size = 0;
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    throw client.failure(action, response.statusCode(), new String(in.readNBytes(4096),
                            StandardCharsets.UTF_8));
                }
                try (OutputStream out = Files.newOutputStream(file)) {
                    byte[] buffer = new byte[64 * 1024];
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        md.update(buffer, 0, n);
                        out.write(buffer, 0, n);
                        size += n;
                    }
                }
            } catch (IOException e) {
                if (e.getMessage() != null && e.getMessage().startsWith(client.prefix())) {
                    throw e;
                }
                throw new IOException(client.prefix() + action + ": " + e, e);
            }
            String got = "sha256:" + HexFormat.of().formatHex(md.digest());
            if (!got.equals(layer.digest()) || (layer.size() >= 0 && size != layer.size())) {
                throw new IOException(client.prefix() + action + ": the registry sent " + size + " bytes with digest " + got
                        + ", the manifest " + manifest.digest() + " says " + layer.size() + " bytes with digest " + layer.digest());
            }
        }
    }
}
