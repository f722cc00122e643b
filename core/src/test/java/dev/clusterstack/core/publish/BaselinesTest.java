package dev.clusterstack.core.publish;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clusterstack.core.release.PreviousRelease;
import dev.clusterstack.core.release.ReleaseBuilder;
import dev.clusterstack.core.release.ReleaseFolders;
import dev.clusterstack.core.release.ReleaseHashes;
import dev.clusterstack.core.release.VersionMode;
import dev.clusterstack.core.testsupport.DistributionRegistry;
import dev.clusterstack.core.testsupport.LoopbackPushRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stable versions counted on from releases in a real registry (Debian's {@code docker-registry}, the CNCF
 * distribution server, started on loopback per test): our own releases pushed by {@link OciPublisher}
 * and releases in the shape csctl pushes them (ORAS: empty config, one titled layer per file, a creation
 * time annotation).
 */
class BaselinesTest {
    static final String REPOSITORY = "stacks/docker";

    @TempDir
    static Path built;
    static Path v1131;
    static Path v1132;

    @BeforeAll
    static void buildReleases() {
        List<ReleaseBuilder.ReleaseOutput> releases = OciPublisherTest.build(VersionMode.STABLE, built.resolve("out"));
        v1131 = releases.get(0).folder();
        v1132 = releases.get(1).folder();
        assertEquals("docker-scs-1-31-v1", v1131.getFileName().toString());
        assertEquals("docker-scs-1-32-v1", v1132.getFileName().toString());
    }

    static OciRepository repository(String hostPort) {
        return OciRepository.parse("oci://" + hostPort + "/" + REPOSITORY);
    }

    static Path resolve(String hostPort, Credentials credentials, boolean offline, Path cacheRoot, List<String> info)
            throws IOException {
        return Baselines.fromRegistry(HttpClient.newHttpClient(), repository(hostPort), credentials, true, offline,
                cacheRoot, info::add);
    }

    /** metadata.yaml as csctl writes it (yaml.v3, two-space indent). */
    static byte[] metadata(String clusterStack, String kubernetes, String clusterAddon, String nodeImage) {
        return ("apiVersion: metadata.clusterstack.x-k8s.io/v1alpha1\nversions:\n  clusterStack: " + clusterStack
                + "\n  kubernetes: " + kubernetes + "\n  components:\n    clusterAddon: " + clusterAddon
                + "\n    nodeImage: " + nodeImage + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The files of a csctl release of docker-scs 1.32, version v2, clusterAddon v2, nodeImage v1. */
    static Map<String, byte[]> csctlRelease132v2() throws IOException {
        String nodeImageDir = ReleaseHashes.read(v1132.resolve("hashes.json")).nodeImageDir();
        Map<String, byte[]> files = new TreeMap<>();
        files.put("clusteraddon.yaml", "apiVersion: clusteraddonconfig.x-k8s.io/v1alpha1\nclusterAddonVersion: clusteraddons.clusterstack.x-k8s.io/v1alpha1\naddonStages: {}\n"
                .getBytes(StandardCharsets.UTF_8));
        files.put("docker-scs-1-32-cluster-class-v2.tgz", new byte[] {31, -117, 8, 0, 1, 2, 3});
        files.put("hashes.json", ("{\n  \"clusterStack\": \"csctlstackhash0001\",\n  \"clusterAddonDir\": \"csctladdonhash0001\",\n"
                + "  \"clusterAddonValues\": \"\",\n  \"nodeImageDir\": \"" + nodeImageDir + "\"\n}").getBytes(StandardCharsets.UTF_8));
        files.put("metadata.yaml", metadata("v2", "v1.32.5", "v2", "v1"));
        return files;
    }

    @Test
    void theLatestReleaseOfEveryMinorIsReadFromARealRegistry(@TempDir Path dir) throws IOException {
        DistributionRegistry.assumeInstalled();
        try (DistributionRegistry registry = DistributionRegistry.anonymous(dir.resolve("registry"))) {
            OciPublisher publisher = new OciPublisher();
            publisher.publish(v1131, repository(registry.hostPort()), null, true);
            publisher.publish(v1132, repository(registry.hostPort()), null, true);
            Map<String, byte[]> csctl = csctlRelease132v2();
            CsctlPush.push(registry.hostPort(), REPOSITORY, "docker-scs-1-32-v2", csctl);
            // ignored: a hash-mode release, a tag of another form, an older release of another stack
            CsctlPush.push(registry.hostPort(), REPOSITORY, "docker-scs-1-32-v0-sha-abcdefg", csctl);
            CsctlPush.push(registry.hostPort(), REPOSITORY, "latest", csctl);
            CsctlPush.push(registry.hostPort(), REPOSITORY, "openstack-scs-1-30-v2",
                    Map.of("metadata.yaml", metadata("v2", "v1.30.1", "v1", "v1"), "hashes.json", "{\"clusterStack\":\"x1\"}"
                            .getBytes(StandardCharsets.UTF_8)));
            CsctlPush.push(registry.hostPort(), REPOSITORY, "openstack-scs-1-30-v10",
                    Map.of("metadata.yaml", metadata("v10", "v1.30.1", "v4", "v3"), "hashes.json", "{\"clusterStack\":\"x2\"}"
                            .getBytes(StandardCharsets.UTF_8)));

            List<String> info = new ArrayList<>();
            Path folder = resolve(registry.hostPort(), null, false, dir.resolve("cache"), info);

            assertEquals(dir.resolve("cache").resolve(registry.hostPort().replace(':', '_')).resolve("stacks/docker/releases"),
                    folder);
            assertEquals(List.of("docker-scs-1-31-v1", "docker-scs-1-32-v2", "openstack-scs-1-30-v10"), OciPublisherTest.list(folder)
                    .stream().filter(n -> !n.startsWith(".")).toList());
            assertEquals(List.of("Baseline oci://" + registry.hostPort() + "/stacks/docker: latest releases [docker-scs-1-31-v1,"
                    + " docker-scs-1-32-v2, openstack-scs-1-30-v10], cached in " + folder), info);
            // our own release: every file, byte for byte
            assertEquals(OciPublisherTest.list(v1131), files(folder.resolve("docker-scs-1-31-v1")));
            for (String f : OciPublisherTest.list(v1131)) {
                assertArrayEquals(Files.readAllBytes(v1131.resolve(f)), Files.readAllBytes(folder.resolve("docker-scs-1-31-v1").resolve(f)), f);
            }
            // csctl's release: every file, byte for byte
            assertEquals(List.copyOf(csctl.keySet()), files(folder.resolve("docker-scs-1-32-v2")));
            for (Map.Entry<String, byte[]> f : csctl.entrySet()) {
                assertArrayEquals(f.getValue(), Files.readAllBytes(folder.resolve("docker-scs-1-32-v2").resolve(f.getKey())), f.getKey());
            }

            // stable versioning counts on from there: unchanged 1.31 keeps v1; 1.32 follows csctl's v2
            PreviousRelease previous = ReleaseFolders.findPrevious(folder, "docker", "scs", "1-32").orElseThrow();
            assertEquals("v2", previous.versions().clusterStack().toString());
            List<ReleaseBuilder.ReleaseOutput> next = ReleaseBuilder.build(
                    dev.clusterstack.core.definition.StackDefinition.load(Path.of("src/test/resources/stacks/docker/stack.yaml")).stack(),
                    new ReleaseBuilder.Options(VersionMode.STABLE, null, dir.resolve("next"), folder, null, false, null));
            assertEquals("docker-scs-1-31-v1", next.get(0).folderName());
            assertTrue(next.get(0).reusedVersions());
            assertEquals("docker-scs-1-32-v3", next.get(1).folderName());
            // clusterAddon hash differs from csctl's: v2 -> v3; nodeImage hash is csctl's: v1 stays
            assertEquals("v3", next.get(1).versions().clusterAddon().toString());
            assertEquals("v1", next.get(1).versions().nodeImage().toString());
        }
    }

    @Test
    void tagsArePagedThrough(@TempDir Path dir) throws IOException {
        DistributionRegistry.assumeInstalled();
        try (DistributionRegistry registry = DistributionRegistry.anonymous(dir.resolve("registry"))) {
            Map<String, byte[]> files = Map.of("metadata.yaml", metadata("v1", "v1.32.5", "v1", "v1"));
            List<String> pushed = List.of("a-b-1-30-v1", "a-b-1-30-v2", "a-b-1-31-v1", "a-b-1-32-v1", "a-b-1-33-v1");
            for (String tag : pushed) {
                CsctlPush.push(registry.hostPort(), REPOSITORY, tag, files);
            }
            OciReleases releases = new OciReleases(HttpClient.newHttpClient(), repository(registry.hostPort()), null, true, "")
                    .pageSize(2);
            assertEquals(pushed, releases.tags());
        }
    }

    @Test
    void anEmptyRepositoryStartsAtV1AndOfflineUsesTheCache(@TempDir Path dir) throws IOException {
        DistributionRegistry.assumeInstalled();
        String hostPort;
        List<String> info = new ArrayList<>();
        Path folder;
        try (DistributionRegistry registry = DistributionRegistry.anonymous(dir.resolve("registry"))) {
            hostPort = registry.hostPort();
            folder = resolve(hostPort, null, false, dir.resolve("cache"), info);
        }
        assertEquals(List.of(), OciPublisherTest.list(folder).stream().filter(n -> !n.startsWith(".")).toList());
        assertEquals(List.of("Baseline oci://" + hostPort + "/stacks/docker: no cluster stack releases (tags"
                + " <provider>-<name>-<maj>-<min>-v<N>) in the repository: stable versions start at v1"), info);

        // the registry is gone: offline still works from the cache ...
        info.clear();
        assertEquals(folder, resolve(hostPort, null, true, dir.resolve("cache"), info));
        assertEquals(List.of("Baseline oci://" + hostPort + "/stacks/docker: offline, using the cached releases [] in "
                + folder), info);
        // ... and fails clearly without one
        IOException e = assertThrows(IOException.class, () -> resolve(hostPort, null, true, dir.resolve("empty"), info));
        assertEquals("offline and no cached baseline for oci://" + hostPort + "/stacks/docker; run once online (the cache is "
                + dir.resolve("empty").resolve(hostPort.replace(':', '_')).resolve("stacks/docker") + ")", e.getMessage());
    }

    @Test
    void aReleaseWithoutMetadataIsNamed(@TempDir Path dir) throws IOException {
        DistributionRegistry.assumeInstalled();
        try (DistributionRegistry registry = DistributionRegistry.anonymous(dir.resolve("registry"))) {
            Map<String, byte[]> partial = new TreeMap<>(csctlRelease132v2());
            partial.remove("metadata.yaml");
            String digest = CsctlPush.push(registry.hostPort(), REPOSITORY, "docker-scs-1-32-v2", partial);

            IOException e = assertThrows(IOException.class,
                    () -> resolve(registry.hostPort(), null, false, dir.resolve("cache"), new ArrayList<>()));
            assertEquals("baseline oci://" + registry.hostPort() + "/stacks/docker: tag docker-scs-1-32-v2 (manifest " + digest
                    + ") has no metadata.yaml: it is not a complete cluster stack release; stable versioning needs the"
                    + " metadata.yaml and hashes.json of the latest release of each Kubernetes minor. Publish that release"
                    + " again in full, or delete the tag", e.getMessage());
            assertFalse(Files.exists(dir.resolve("cache").resolve(registry.hostPort().replace(':', '_'))
                    .resolve("stacks/docker/releases/docker-scs-1-32-v2")), "nothing cached");
        }
    }

    @Test
    void aReleaseWhoseFilesDisagreeWithItsTagIsNamed(@TempDir Path dir) throws IOException {
        DistributionRegistry.assumeInstalled();
        try (DistributionRegistry registry = DistributionRegistry.anonymous(dir.resolve("registry"))) {
            Map<String, byte[]> release = new TreeMap<>(csctlRelease132v2());
            String wrongVersion = CsctlPush.push(registry.hostPort(), REPOSITORY, "docker-scs-1-32-v3", release);
            IOException e = assertThrows(IOException.class,
                    () -> resolve(registry.hostPort(), null, false, dir.resolve("cache"), new ArrayList<>()));
            assertEquals("baseline oci://" + registry.hostPort() + "/stacks/docker: tag docker-scs-1-32-v3 (manifest "
                    + wrongVersion + "): its metadata.yaml says Kubernetes v1.32.5 and clusterStack v2, which does not match"
                    + " the tag", e.getMessage());

            release.put("metadata.yaml", metadata("v1", "v1.31.9", "v1", "v1"));
            release.put("hashes.json", "{}".getBytes(StandardCharsets.UTF_8));
            String badHashes = CsctlPush.push(registry.hostPort(), "stacks/other", "docker-scs-1-31-v1", release);
            IOException h = assertThrows(IOException.class, () -> Baselines.fromRegistry(HttpClient.newHttpClient(),
                    OciRepository.parse("oci://" + registry.hostPort() + "/stacks/other"), null, true, false,
                    dir.resolve("cache"), s -> { }));
            assertEquals("baseline oci://" + registry.hostPort() + "/stacks/other: tag docker-scs-1-31-v1 (manifest "
                    + badHashes + "): hashes.json: field clusterStack is missing", h.getMessage());
        }
    }

    @Test
    void basicAuthenticationAtARealRegistry(@TempDir Path dir) throws IOException {
        DistributionRegistry.assumeInstalled();
        try (DistributionRegistry registry = DistributionRegistry.withBasicAuth(dir.resolve("registry"))) {
            Credentials right = new Credentials(DistributionRegistry.USER, DistributionRegistry.PASSWORD);
            new OciPublisher().publish(v1132, repository(registry.hostPort()), right, true);

            Path folder = resolve(registry.hostPort(), right, false, dir.resolve("cache"), new ArrayList<>());
            assertEquals(List.of("docker-scs-1-32-v1"), OciPublisherTest.list(folder).stream().filter(n -> !n.startsWith(".")).toList());

            String prefix = "reading the baseline oci://" + registry.hostPort() + "/stacks/docker from registry http://"
                    + registry.hostPort() + " (repository stacks/docker): list tags ";
            IOException wrong = assertThrows(IOException.class, () -> resolve(registry.hostPort(),
                    new Credentials(DistributionRegistry.USER, "wrong"), false, dir.resolve("cache2"), new ArrayList<>()));
            assertEquals(prefix + "failed: HTTP 401 Unauthorized with the credentials of user ci", wrong.getMessage());
            IOException none = assertThrows(IOException.class,
                    () -> resolve(registry.hostPort(), null, false, dir.resolve("cache3"), new ArrayList<>()));
            assertEquals(prefix + "failed: HTTP 401 Unauthorized: the registry wants credentials and none are configured",
                    none.getMessage());
        }
    }

    @Test
    void tokenAuthenticationAndNoSecondDownloadOfTheSameManifest(@TempDir Path dir) throws IOException {
        try (LoopbackPushRegistry registry = LoopbackPushRegistry.start(LoopbackPushRegistry.Auth.BEARER, "ci", "s3cret")) {
            Credentials credentials = new Credentials("ci", "s3cret");
            new OciPublisher().publish(v1131, repository(registry.hostPort()), credentials, true);

            Path folder = resolve(registry.hostPort(), credentials, false, dir.resolve("cache"), new ArrayList<>());
            assertEquals(OciPublisherTest.list(v1131), files(folder.resolve("docker-scs-1-31-v1")));
            assertTrue(registry.requests().stream().anyMatch(r -> r.startsWith("GET /token")), registry.requests().toString());

            int before = registry.requests().size();
            assertEquals(folder, resolve(registry.hostPort(), credentials, false, dir.resolve("cache"), new ArrayList<>()));
            List<String> again = registry.requests().subList(before, registry.requests().size());
            assertFalse(again.stream().anyMatch(r -> r.contains("/blobs/")), "no blob fetched again: " + again);
        }
    }

    @Test
    void anUnreachableRegistryIsNamed(@TempDir Path dir) {
        int port;
        try (LoopbackPushRegistry registry = LoopbackPushRegistry.anonymous()) {
            port = Integer.parseInt(registry.hostPort().split(":")[1]);
        }
        IOException e = assertThrows(IOException.class,
                () -> resolve("127.0.0.1:" + port, null, false, dir.resolve("cache"), new ArrayList<>()));
        assertTrue(e.getMessage().startsWith("reading the baseline oci://127.0.0.1:" + port + "/stacks/docker from registry"
                + " http://127.0.0.1:" + port + " (repository stacks/docker): list tags: cannot reach the registry"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("cache").resolve("127.0.0.1_" + port).resolve("stacks/docker/.complete")));
    }

    @Test
    void aFolderBaselineIsAFolderAndAnInvalidAddressIsNamed(@TempDir Path dir) throws IOException {
        assertEquals(dir.resolve("previous"), Baselines.resolve(" previous ", dir, null, false, false, dir.resolve("cache"),
                s -> { }));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Baselines.resolve("oci://registry.example.com/Upper", dir, null, false, false, dir, s -> { }));
        assertTrue(e.getMessage().startsWith("'oci://registry.example.com/Upper' is not an OCI repository address like"
                + " oci://host[:port]/path: the repository path must be lower case"), e.getMessage());
    }

    static List<String> files(Path folder) throws IOException {
        return OciPublisherTest.list(folder).stream().filter(n -> !n.startsWith(".")).toList();
    }

    /**
     * Pushes files the way csctl does (oras-go's {@code PackManifest} 1.1 over a file store): the empty
     * config, one layer per file in directory order with its name in the title annotation and csctl's
     * media type, the manifest annotations {@code hash}, {@code kubernetesVersion} and ORAS's creation time.
     */
    static final class CsctlPush {
        private static final HttpClient HTTP = HttpClient.newHttpClient();

        /** @return the manifest digest */
        static String push(String hostPort, String repository, String tag, Map<String, byte[]> files) throws IOException {
            String base = "http://" + hostPort + "/v2/" + repository;
            byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
            upload(base, config);
            List<Map<String, Object>> layers = new ArrayList<>();
            for (Map.Entry<String, byte[]> f : new TreeMap<>(files).entrySet()) {
                upload(base, f.getValue());
                Map<String, Object> layer = new LinkedHashMap<>();
                layer.put("mediaType", ReleaseArtifact.mediaType(f.getKey()));
                layer.put("digest", ReleaseArtifact.digest(f.getValue()));
                layer.put("size", f.getValue().length);
                layer.put("annotations", Map.of("org.opencontainers.image.title", f.getKey()));
                layers.add(layer);
            }
            Map<String, Object> manifest = new LinkedHashMap<>();
            manifest.put("schemaVersion", 2);
            manifest.put("mediaType", "application/vnd.oci.image.manifest.v1+json");
            manifest.put("artifactType", "application/vnd.scs.cluster-stacks.v1");
            manifest.put("config", Map.of("mediaType", "application/vnd.oci.empty.v1+json",
                    "digest", ReleaseArtifact.digest(config), "size", 2, "data", "e30="));
            manifest.put("layers", layers);
            manifest.put("annotations", new TreeMap<>(Map.of("hash", "abcdefg", "kubernetesVersion", "v1.32.5",
                    "org.opencontainers.image.created", "2024-05-02T10:11:12Z")));
            byte[] bytes = new ObjectMapper().writeValueAsBytes(manifest);
            HttpResponse<String> put = send(HttpRequest.newBuilder(URI.create(base + "/manifests/" + tag))
                    .header("Content-Type", "application/vnd.oci.image.manifest.v1+json")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
            assertEquals(201, put.statusCode(), put.body());
            return ReleaseArtifact.digest(bytes);
        }

        private static void upload(String base, byte[] blob) throws IOException {
            HttpResponse<String> start = send(HttpRequest.newBuilder(URI.create(base + "/blobs/uploads/"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build());
            assertEquals(202, start.statusCode(), start.body());
            URI location = URI.create(base).resolve(start.headers().firstValue("Location").orElseThrow());
            String digest = ReleaseArtifact.digest(blob);
            HttpResponse<String> put = send(HttpRequest.newBuilder(URI.create(location + (location.getRawQuery() == null
                    ? "?" : "&") + "digest=" + digest.replace(":", "%3A")))
                    .header("Content-Type", "application/octet-stream")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(blob)).build());
            assertEquals(201, put.statusCode(), put.body());
        }

        private static HttpResponse<String> send(HttpRequest request) throws IOException {
            try {
                return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
    }
}
