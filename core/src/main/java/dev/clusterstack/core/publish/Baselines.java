package dev.clusterstack.core.publish;

import dev.clusterstack.core.release.AtomicDirectory;
import dev.clusterstack.core.release.ReleaseHashes;
import dev.clusterstack.core.release.ReleaseMetadata;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The baseline of stable versioning: the folder of previous releases that
 * {@link dev.clusterstack.core.release.ReleaseFolders#findPrevious} counts on from. A baseline is either
 * a folder, or an OCI repository {@code oci://host[:port]/path} whose releases are read into a cache
 * folder: of every {@code <provider>-<name>-<maj>-<min>} the tag {@code ...-v<N>} with the highest
 * {@code N} (hash-mode tags {@code ...-v0-sha-xxxxxxx} and other tags are ignored), all of its files
 * (one layer per file, csctl's shape). The cache folder then holds exactly those release folders.
 *
 * <p>Offline, the cache of the last successful online read is used as it is; without one the
 * baseline fails. A manifest already in the cache (same digest) is not downloaded again.
 */
public final class Baselines {

    /** Folder of the cache (under the cache root, per registry and repository) that holds the release folders. */
    public static final String RELEASES = "releases";

    private static final Pattern STABLE_TAG = Pattern.compile(
            "([a-z0-9]+-[a-z0-9]+-(?:0|[1-9][0-9]*)-(?:0|[1-9][0-9]*))-v([1-9][0-9]{0,8})");
    private static final String COMPLETE = ".complete";
    private static final String DIGEST = ".manifest-digest";

    private Baselines() {
    }

    /**
     * The folder of previous releases for a baseline as written by the user.
     *
     * @param baseline    a folder (relative to {@code baseDir}) or {@code oci://host[:port]/path}
     * @param baseDir     the folder relative paths start from
     * @param credentials registry credentials, or null for anonymous access
     * @param plainHttp   talk plain HTTP to the registry
     * @param offline     use only the cache
     * @param cacheRoot   where registry baselines are cached (a folder per registry and repository below it)
     * @param info        receives one line on what was read
     * @return the folder; for a folder baseline it is not checked to exist
     * @throws IllegalArgumentException when the {@code oci:} address is not valid
     * @throws IOException naming the address (and tag) when the registry cannot be read, a release is
     *                     incomplete, or offline without a cache
     */
    public static Path resolve(String baseline, Path baseDir, Credentials credentials, boolean plainHttp, boolean offline,
            Path cacheRoot, Consumer<String> info) throws IOException {
        Objects.requireNonNull(baseline, "baseline");
        if (!OciRepository.isOciAddress(baseline)) {
            return baseDir.resolve(baseline.strip()).toAbsolutePath().normalize();
        }
        return fromRegistry(RegistryClient.defaultHttpClient(), OciRepository.parse(baseline), credentials, plainHttp,
                offline, cacheRoot, info);
    }

    /**
     * Reads the latest release of every {@code <provider>-<name>-<maj>-<min>} of a repository into the cache.
     *
     * @param http        the HTTP client
     * @param repository  the repository
     * @param credentials registry credentials, or null
     * @param plainHttp   talk plain HTTP
     * @param offline     use only the cache
     * @param cacheRoot   the cache root
     * @param info        receives one line on what was read
     * @return the folder with one release folder per {@code <provider>-<name>-<maj>-<min>}
     * @throws IOException as {@link #resolve}
     */
    public static Path fromRegistry(HttpClient http, OciRepository repository, Credentials credentials, boolean plainHttp,
            boolean offline, Path cacheRoot, Consumer<String> info) throws IOException {
        Path cache = cacheRoot.resolve(repository.authority().replace(':', '_')).resolve(repository.name());
        Path releases = cache.resolve(RELEASES);
        if (offline) {
            if (!Files.isRegularFile(cache.resolve(COMPLETE)) || !Files.isDirectory(releases)) {
                throw new IOException("offline and no cached baseline for " + repository.address()
                        + "; run once online (the cache is " + cache + ")");
            }
            info.accept("Baseline " + repository.address() + ": offline, using the cached releases " + list(releases)
                    + " in " + releases);
            return releases;
        }
        OciReleases registry = new OciReleases(http, repository, credentials, plainHttp,
                "reading the baseline " + repository.address() + " from ");
        Map<String, Integer> latest = new TreeMap<>();
        for (String tag : registry.tags()) {
            Matcher m = STABLE_TAG.matcher(tag);
            if (m.matches()) {
                latest.merge(m.group(1), Integer.parseInt(m.group(2)), Math::max);
            }
        }
        Files.createDirectories(releases);
        List<String> wanted = new ArrayList<>();
        for (Map.Entry<String, Integer> e : latest.entrySet()) {
            String tag = e.getKey() + "-v" + e.getValue();
            wanted.add(tag);
            fetch(registry, repository, tag, releases.resolve(tag));
        }
        AtomicDirectory.cleanStale(releases);
        for (String stale : list(releases)) {
            if (!wanted.contains(stale)) {
                deleteTree(releases.resolve(stale));
            }
        }
        Files.writeString(cache.resolve(COMPLETE), repository.address() + "\n", StandardCharsets.UTF_8);
        info.accept(wanted.isEmpty()
                ? "Baseline " + repository.address() + ": no cluster stack releases (tags <provider>-<name>-<maj>-<min>-v<N>)"
                + " in the repository: stable versions start at v1"
                : "Baseline " + repository.address() + ": latest releases " + wanted + ", cached in " + releases);
        return releases;
    }

    private static void fetch(OciReleases registry, OciRepository repository, String tag, Path folder) throws IOException {
        OciReleases.Manifest manifest = registry.manifest(tag);
        for (String required : List.of(ReleaseMetadata.FILE_NAME, ReleaseHashes.FILE_NAME)) {
            if (!manifest.has(required)) {
                throw new IOException("baseline " + repository.address() + ": tag " + tag + " (manifest " + manifest.digest()
                        + ") has no " + required + ": it is not a complete cluster stack release; stable versioning"
                        + " needs the metadata.yaml and hashes.json of the latest release of each Kubernetes minor."
                        + " Publish that release again in full, or delete the tag");
            }
        }
        Path digestFile = folder.resolve(DIGEST);
        if (Files.isRegularFile(digestFile)
                && Files.readString(digestFile, StandardCharsets.UTF_8).strip().equals(manifest.digest())) {
            return;
        }
        AtomicDirectory.replace(folder, tmp -> {
            registry.download(manifest, tmp);
            check(repository, manifest, tmp);
            Files.writeString(tmp.resolve(DIGEST), manifest.digest() + "\n", StandardCharsets.UTF_8);
        });
    }

    /** The metadata and hashes must be valid and the metadata must agree with the tag. */
    private static void check(OciRepository repository, OciReleases.Manifest manifest, Path folder) throws IOException {
        String where = "baseline " + repository.address() + ": tag " + manifest.tag() + " (manifest " + manifest.digest() + "): ";
        ReleaseMetadata metadata;
        try {
            metadata = ReleaseMetadata.read(folder.resolve(ReleaseMetadata.FILE_NAME));
            ReleaseHashes.read(folder.resolve(ReleaseHashes.FILE_NAME));
        } catch (IOException e) {
            throw new IOException(where + e.getMessage().replace(folder.toString(), "").replaceFirst("^[/\\\\]", ""), e);
        }
        String says = metadata.kubernetesMinorDash() + "-" + metadata.versions().clusterStack();
        if (!manifest.tag().endsWith("-" + says)) {
            throw new IOException(where + "its metadata.yaml says Kubernetes " + metadata.kubernetesVersion()
                    + " and clusterStack " + metadata.versions().clusterStack() + ", which does not match the tag");
        }
    }

    private static List<String> list(Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                String name = p.getFileName().toString();
                if (Files.isDirectory(p) && !name.startsWith(".")) {
                    names.add(name);
                }
            }
        }
        names.sort(null);
        return names;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
