package dev.clusterstack.core.publish;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clusterstack.core.release.ReleaseHashes;
import dev.clusterstack.core.release.ReleaseMetadata;
import dev.clusterstack.core.release.StackVersion;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A release folder as csctl packs it into one OCI artifact: tag {@code <provider>-<name>-<maj>-<min>-<version>}
 * (the dash form {@code v0-sha-xxxxxxx} for hash versions), artifact type {@value #ARTIFACT_TYPE}, the
 * empty config, one layer per file of the folder (sorted by file name, titled with it in
 * {@value #TITLE_ANNOTATION}) and the annotations {@code hash} (the first seven characters of the
 * {@code clusterStack} hash, as csctl writes it) and {@code kubernetesVersion}.
 *
 * <p>The manifest is deterministic (fixed key order, no creation time): the same folder always gives
 * the same manifest digest.
 */
public final class ReleaseArtifact {

    /** Artifact type of a cluster stack release. */
    public static final String ARTIFACT_TYPE = "application/vnd.scs.cluster-stacks.v1";
    /** OCI image manifest media type. */
    public static final String MANIFEST_MEDIA_TYPE = "application/vnd.oci.image.manifest.v1+json";
    /** The empty config ({@code {}}) as ORAS packs it for artifacts. */
    public static final String EMPTY_CONFIG_MEDIA_TYPE = "application/vnd.oci.empty.v1+json";
    /** Media type of files csctl has no media type for (ORAS's default for a file). */
    public static final String DEFAULT_LAYER_MEDIA_TYPE = "application/vnd.oci.image.layer.v1.tar";
    /** Layer annotation with the file name. */
    public static final String TITLE_ANNOTATION = "org.opencontainers.image.title";

    static final byte[] EMPTY_CONFIG = "{}".getBytes(StandardCharsets.UTF_8);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One layer: a file of the release folder. */
    record Layer(Path file, String mediaType, String digest, long size) {
        String title() {
            return file.getFileName().toString();
        }
    }

    private ReleaseArtifact() {
    }

    /**
     * The media type csctl gives a release file.
     *
     * @param fileName the file name
     * @return its layer media type
     */
    public static String mediaType(String fileName) {
        return switch (fileName) {
            case "clusteraddon.yaml" -> "application/vnd.scs.cluster-addon.config.layer.v1+yaml";
            case ReleaseMetadata.FILE_NAME -> "application/vnd.scs.metadata.layer.v1+yaml";
            case "node-images.yaml" -> "application/vnd.scs.node-image.config.layer.v1+yaml";
            case ReleaseHashes.FILE_NAME -> "application/vnd.scs.hashes.layer.v1+yaml";
            default -> {
                if (fileName.endsWith(".tgz") && fileName.contains("cluster-addon")) {
                    yield "application/vnd.scs.cluster-addon.layer.v1.tar+gzip";
                }
                if (fileName.endsWith(".tgz") && fileName.contains("cluster-class")) {
                    yield "application/vnd.scs.cluster-class.v1.tar+gzip";
                }
                if (fileName.endsWith(".tgz") && fileName.contains("node-image")) {
                    yield "application/vnd.scs.node-image.layer.v1.tar+gzip";
                }
                yield DEFAULT_LAYER_MEDIA_TYPE;
            }
        };
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

    static String tag(Path releaseFolder, ReleaseMetadata metadata) throws IOException {
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
     * The manifest that is pushed for a release folder.
     *
     * @param releaseFolder the release folder
     * @return the manifest bytes (UTF-8 JSON)
     * @throws IOException if the folder cannot be read
     */
    public static byte[] manifest(Path releaseFolder) throws IOException {
        return manifest(layers(releaseFolder), annotations(releaseFolder));
    }

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

    static Map<String, String> annotations(Path releaseFolder) throws IOException {
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

    static byte[] manifest(List<Layer> layers, Map<String, String> annotations) throws IOException {
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

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
