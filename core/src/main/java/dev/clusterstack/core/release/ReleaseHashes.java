package dev.clusterstack.core.release;

import dev.clusterstack.core.contract.ReleaseLayout;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The content hashes csctl records in a release's {@code hashes.json} (all cleaned csctl hashes,
 * {@code [a-z0-9]}, see {@link DirHash}); stable mode compares them with the previous release.
 *
 * <p>Written as csctl writes it (Go's {@code json.MarshalIndent} with two spaces, keys in this
 * order) plus a trailing newline, and always with all four keys ({@code ""} where there is nothing
 * to hash; csctl omits an empty {@code nodeImageDir}). Reading accepts csctl's files: a missing
 * {@code clusterAddonDir}, {@code clusterAddonValues} or {@code nodeImageDir} reads as {@code ""},
 * unknown keys (newer csctl adds {@code clusterClassDir}) are ignored.
 *
 * @param clusterStack       hash of the whole stack source folder (non-empty)
 * @param clusterAddonDir    hash of {@code cluster-addon/}, or {@code ""}
 * @param clusterAddonValues hash of {@code cluster-addon-values.yaml} (legacy layout), or {@code ""}
 * @param nodeImageDir       hash of {@code node-image/}, or {@code ""}
 */
public record ReleaseHashes(String clusterStack, String clusterAddonDir, String clusterAddonValues,
        String nodeImageDir) {

    /** The file name in a release folder. */
    public static final String FILE_NAME = ReleaseLayout.HASHES_FILE;

    private static final Pattern CLEAN = Pattern.compile("[a-z0-9]*");

    /** Checks every hash is a cleaned csctl hash and the cluster stack hash is present. */
    public ReleaseHashes {
        check("clusterStack", clusterStack);
        check("clusterAddonDir", clusterAddonDir);
        check("clusterAddonValues", clusterAddonValues);
        check("nodeImageDir", nodeImageDir);
        if (clusterStack.isEmpty()) {
            throw new IllegalArgumentException("hash clusterStack must not be empty");
        }
    }

    private static void check(String field, String value) {
        Objects.requireNonNull(value, () -> "hash " + field + " is null (use \"\" for none)");
        if (!CLEAN.matcher(value).matches()) {
            throw new IllegalArgumentException("hash " + field + " must be a cleaned csctl hash (a-z, 0-9), was '"
                    + value + "'");
        }
    }

    /**
     * Hashes a stack source folder as csctl's {@code GetHash} does: {@code clusterStack} over the
     * whole folder, {@code clusterAddonDir} over {@code cluster-addon/}, {@code nodeImageDir} over
     * {@code node-image/} (each only if it is a folder, not a link), {@code clusterAddonValues} over
     * the file {@code cluster-addon-values.yaml} if present.
     *
     * @param stackDir the folder that csctl would be given
     * @return the hashes
     * @throws IOException if a file cannot be read
     */
    public static ReleaseHashes compute(Path stackDir) throws IOException {
        String stack = DirHash.csctl(stackDir);
        Path addon = stackDir.resolve(ReleaseLayout.CLUSTER_ADDON);
        Path nodeImage = stackDir.resolve(ReleaseLayout.NODE_IMAGE);
        Path values = stackDir.resolve(ReleaseLayout.LEGACY_ADDON_VALUES_FILE);
        return new ReleaseHashes(stack,
                Files.isDirectory(addon, LinkOption.NOFOLLOW_LINKS) ? DirHash.csctl(addon) : "",
                Files.exists(values, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(values, LinkOption.NOFOLLOW_LINKS)
                        ? DirHash.csctlFile(values) : "",
                Files.isDirectory(nodeImage, LinkOption.NOFOLLOW_LINKS) ? DirHash.csctl(nodeImage) : "");
    }

    /**
     * Tells whether the cluster addon changed against an earlier release: csctl compares
     * {@code clusterAddonDir} and {@code clusterAddonValues}.
     *
     * @param previous the hashes of the earlier release
     * @return true if either differs
     */
    public boolean clusterAddonChangedSince(ReleaseHashes previous) {
        return !clusterAddonDir.equals(previous.clusterAddonDir)
                || !clusterAddonValues.equals(previous.clusterAddonValues);
    }

    /**
     * Tells whether the node images changed against an earlier release ({@code nodeImageDir}).
     *
     * @param previous the hashes of the earlier release
     * @return true if it differs
     */
    public boolean nodeImageChangedSince(ReleaseHashes previous) {
        return !nodeImageDir.equals(previous.nodeImageDir);
    }

    /** @return the {@code hashes.json} text, deterministic, ending with a newline */
    public String toJson() {
        // the values are [a-z0-9]* (checked above): nothing to escape
        return "{\n"
                + "  \"clusterStack\": \"" + clusterStack + "\",\n"
                + "  \"clusterAddonDir\": \"" + clusterAddonDir + "\",\n"
                + "  \"clusterAddonValues\": \"" + clusterAddonValues + "\",\n"
                + "  \"nodeImageDir\": \"" + nodeImageDir + "\"\n"
                + "}\n";
    }

    /**
     * Writes {@link #toJson()} as UTF-8.
     *
     * @param file usually {@code <release folder>/hashes.json}
     * @throws IOException if it cannot be written
     */
    public void write(Path file) throws IOException {
        Files.writeString(file, toJson(), StandardCharsets.UTF_8);
    }

    /**
     * Reads a {@code hashes.json}.
     *
     * @param file the file
     * @return the hashes
     * @throws IOException naming the file if it is missing, unreadable, not JSON, or a field is
     *                     missing or invalid
     */
    public static ReleaseHashes read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IOException(file + " does not exist", e);
        }
        return parse(text, file.toString());
    }

    /**
     * Parses {@code hashes.json} text.
     *
     * @param json   the text
     * @param source names the text in error messages (a file name)
     * @return the hashes
     * @throws IOException naming the source and the field at fault
     */
    public static ReleaseHashes parse(String json, String source) throws IOException {
        JsonNode root = Json.tree(json, source);
        if (root == null || !root.isObject()) {
            throw new IOException(source + ": expected a JSON object with clusterStack, clusterAddonDir,"
                    + " clusterAddonValues and nodeImageDir");
        }
        if (!root.has("clusterStack")) {
            throw new IOException(source + ": field clusterStack is missing");
        }
        try {
            return new ReleaseHashes(text(root, "clusterStack", source), text(root, "clusterAddonDir", source),
                    text(root, "clusterAddonValues", source), text(root, "nodeImageDir", source));
        } catch (IllegalArgumentException e) {
            throw new IOException(source + ": " + e.getMessage(), e);
        }
    }

    /** Jackson's JSON reader, loaded at the first read: writing and hashing do not load Jackson. */
    private static final class Json {
        private static final ObjectMapper MAPPER = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

        static JsonNode tree(String json, String source) throws IOException {
            try {
                return MAPPER.readTree(json);
            } catch (JsonProcessingException e) {
                throw new IOException(source + ": not valid JSON: " + e.getOriginalMessage(), e);
            }
        }
    }

    private static String text(JsonNode root, String field, String source) throws IOException {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return "";
        }
        if (!node.isTextual()) {
            throw new IOException(source + ": field " + field + " must be a string, was " + node);
        }
        return node.textValue();
    }
}
