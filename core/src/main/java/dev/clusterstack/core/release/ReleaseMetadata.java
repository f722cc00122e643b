package dev.clusterstack.core.release;

import dev.clusterstack.core.contract.ReleaseLayout;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A release's {@code metadata.yaml}, written exactly as the contract shows it:
 * <pre>
 * apiVersion: metadata.clusterstack.x-k8s.io/v1alpha1
 * versions:
 *   clusterStack: v3
 *   kubernetes: v1.32.5
 *   components:
 *     clusterAddon: v2
 *     nodeImage: v1
 * </pre>
 * (csctl writes the same content with yaml.v3's four-space indentation; both read the same.)
 * Reading ignores unknown keys and names the file and field at fault.
 *
 * @param kubernetesVersion the full Kubernetes version, {@code v<major>.<minor>.<patch>}
 * @param versions          the release versions
 */
public record ReleaseMetadata(String kubernetesVersion, ReleaseVersions versions) {

    /** The only apiVersion the operator reads. */
    public static final String API_VERSION = "metadata.clusterstack.x-k8s.io/v1alpha1";

    /** The file name in a release folder. */
    public static final String FILE_NAME = ReleaseLayout.METADATA_FILE;

    private static final Pattern KUBERNETES = Pattern.compile(
            "v(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?");

    /** Checks the Kubernetes version form. */
    public ReleaseMetadata {
        Objects.requireNonNull(versions, "versions");
        if (kubernetesVersion == null || !KUBERNETES.matcher(kubernetesVersion).matches()) {
            throw new IllegalArgumentException("kubernetes version must look like v1.32.5, was '" + kubernetesVersion + "'");
        }
    }

    /** @return {@code <major>-<minor>} of the Kubernetes version, as used in names ({@code 1-32}) */
    public String kubernetesMinorDash() {
        Matcher m = KUBERNETES.matcher(kubernetesVersion);
        if (!m.matches()) {
            throw new IllegalStateException(kubernetesVersion);
        }
        return m.group(1) + "-" + m.group(2);
    }

    /** @return the {@code metadata.yaml} text, deterministic, ending with a newline */
    public String toYaml() {
        // every value is validated to be a plain YAML scalar: nothing to quote
        return "apiVersion: " + API_VERSION + "\n"
                + "versions:\n"
                + "  clusterStack: " + versions.clusterStack() + "\n"
                + "  kubernetes: " + kubernetesVersion + "\n"
                + "  components:\n"
                + "    clusterAddon: " + versions.clusterAddon() + "\n"
                + "    nodeImage: " + versions.nodeImage() + "\n";
    }

    /**
     * Writes {@link #toYaml()} as UTF-8.
     *
     * @param file usually {@code <release folder>/metadata.yaml}
     * @throws IOException if it cannot be written
     */
    public void write(Path file) throws IOException {
        Files.writeString(file, toYaml(), StandardCharsets.UTF_8);
    }

    /**
     * Reads a {@code metadata.yaml}.
     *
     * @param file the file
     * @return the metadata
     * @throws IOException naming the file (and field) if it is missing, not YAML or invalid
     */
    public static ReleaseMetadata read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IOException(file + " does not exist", e);
        }
        return parse(text, file.toString());
    }

    /**
     * Parses {@code metadata.yaml} text.
     *
     * @param yaml   the text
     * @param source names the text in error messages (a file name)
     * @return the metadata
     * @throws IOException naming the source and the field at fault
     */
    public static ReleaseMetadata parse(String yaml, String source) throws IOException {
        JsonNode root = Reader.tree(yaml, source);
        if (root == null || !root.isObject()) {
            throw new IOException(source + ": expected a mapping with apiVersion and versions");
        }
        String apiVersion = text(root, "apiVersion", source);
        if (!API_VERSION.equals(apiVersion)) {
            throw new IOException(source + ": field apiVersion must be " + API_VERSION + ", was '" + apiVersion + "'");
        }
        StackVersion clusterStack = version(root, "versions.clusterStack", source);
        String kubernetes = text(root, "versions.kubernetes", source);
        StackVersion clusterAddon = version(root, "versions.components.clusterAddon", source);
        StackVersion nodeImage = version(root, "versions.components.nodeImage", source);
        try {
            return new ReleaseMetadata(kubernetes, new ReleaseVersions(clusterStack, clusterAddon, nodeImage));
        } catch (IllegalArgumentException e) {
            throw new IOException(source + ": field versions.kubernetes: " + e.getMessage(), e);
        }
    }

    /** Jackson's YAML reader, loaded at the first read: writing does not load Jackson. */
    private static final class Reader {
        private static final YAMLMapper YAML = new YAMLMapper();

        static JsonNode tree(String yaml, String source) throws IOException {
            try {
                return YAML.readTree(yaml);
            } catch (JsonProcessingException e) {
                throw new IOException(source + ": not valid YAML: " + e.getOriginalMessage(), e);
            }
        }
    }

    private static StackVersion version(JsonNode root, String path, String source) throws IOException {
        String value = text(root, path, source);
        try {
            return StackVersion.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IOException(source + ": field " + path + ": " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode root, String path, String source) throws IOException {
        JsonNode node = root;
        for (String key : path.split("\\.")) {
            node = node.isObject() ? node.get(key) : null;
            if (node == null || node.isNull()) {
                throw new IOException(source + ": field " + path + " is missing");
            }
        }
        if (!node.isTextual()) {
            throw new IOException(source + ": field " + path + " must be a string, was " + node);
        }
        return node.textValue();
    }
}
