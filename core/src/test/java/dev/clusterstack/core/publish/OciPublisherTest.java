package dev.clusterstack.core.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clusterstack.core.definition.StackDefinition;
import dev.clusterstack.core.model.ClusterStack;
import dev.clusterstack.core.release.ReleaseBuilder;
import dev.clusterstack.core.release.ReleaseHashes;
import dev.clusterstack.core.release.VersionMode;
import dev.clusterstack.core.testsupport.LoopbackPushRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OciPublisherTest {
    static final String REPOSITORY = "cluster-stacks/docker";

    @TempDir
    static Path out;
    static Path stable;
    static Path hash;

    @BeforeAll
    static void buildReleases() {
        List<ReleaseBuilder.ReleaseOutput> s = build(VersionMode.STABLE, out.resolve("stable"));
        stable = s.stream().filter(r -> r.folderName().equals("docker-scs-1-32-v1")).findFirst().orElseThrow().folder();
        hash = build(VersionMode.HASH, out.resolve("hash")).get(0).folder();
    }

    /** The releases of the Docker test stack ({@code src/test/resources/stacks/docker}). */
    static List<ReleaseBuilder.ReleaseOutput> build(VersionMode mode, Path outputDir) {
        ClusterStack docker = StackDefinition.load(Path.of("src/test/resources/stacks/docker/stack.yaml")).stack();
        return ReleaseBuilder.build(docker, new ReleaseBuilder.Options(mode, null, outputDir, null, null, false, null));
    }

    static URI repository(LoopbackPushRegistry registry) {
        return URI.create("oci://" + registry.hostPort() + "/" + REPOSITORY);
    }

    @Test
    void pushesOneArtifactWithALayerPerFile() throws IOException {
        try (LoopbackPushRegistry registry = LoopbackPushRegistry.anonymous()) {
            OciPublisher.Result result = new OciPublisher().publish(stable, repository(registry), null, true);

            assertEquals("docker-scs-1-32-v1", result.tag());
            assertEquals(registry.hostPort() + "/" + REPOSITORY + ":docker-scs-1-32-v1", result.reference());
            byte[] manifestBytes = registry.manifest(REPOSITORY, "docker-scs-1-32-v1");
            assertEquals(LoopbackPushRegistry.digest(manifestBytes), result.digest());
            assertArrayEquals(ReleaseArtifact.manifest(stable), manifestBytes, "the pushed manifest is the computed one");

            JsonNode manifest = new ObjectMapper().readTree(manifestBytes);
            assertEquals(2, manifest.get("schemaVersion").asInt());
            assertEquals("application/vnd.oci.image.manifest.v1+json", manifest.get("mediaType").asText());
            assertEquals("application/vnd.scs.cluster-stacks.v1", manifest.get("artifactType").asText());
            assertEquals("application/vnd.oci.empty.v1+json", manifest.at("/config/mediaType").asText());
            assertEquals(LoopbackPushRegistry.digest("{}".getBytes()), manifest.at("/config/digest").asText());
            assertEquals(2, manifest.at("/config/size").asInt());
            assertArrayEquals("{}".getBytes(), registry.blob(REPOSITORY, manifest.at("/config/digest").asText()));

            ReleaseHashes hashes = ReleaseHashes.read(stable.resolve("hashes.json"));
            assertEquals(Map.of("kubernetesVersion", "v1.32.5", "hash", hashes.clusterStack().substring(0, 7)),
                    new ObjectMapper().convertValue(manifest.get("annotations"), Map.class));

            Map<String, String> expectedTypes = Map.of(
                    "clusteraddon.yaml", "application/vnd.scs.cluster-addon.config.layer.v1+yaml",
                    "docker-scs-1-32-cluster-addon-v1.tgz", "application/vnd.scs.cluster-addon.layer.v1.tar+gzip",
                    "docker-scs-1-32-cluster-class-v1.tgz", "application/vnd.scs.cluster-class.v1.tar+gzip",
                    "hashes.json", "application/vnd.scs.hashes.layer.v1+yaml",
                    "metadata.yaml", "application/vnd.scs.metadata.layer.v1+yaml");
            List<String> titles = new ArrayList<>();
            for (JsonNode layer : manifest.get("layers")) {
                String title = layer.at("/annotations/org.opencontainers.image.title").asText();
                titles.add(title);
                byte[] file = Files.readAllBytes(stable.resolve(title));
                assertEquals(expectedTypes.get(title), layer.get("mediaType").asText(), title);
                assertEquals(LoopbackPushRegistry.digest(file), layer.get("digest").asText(), title);
                assertEquals(file.length, layer.get("size").asLong(), title);
                assertArrayEquals(file, registry.blob(REPOSITORY, layer.get("digest").asText()), title);
            }
            assertEquals(List.of("clusteraddon.yaml", "docker-scs-1-32-cluster-addon-v1.tgz",
                    "docker-scs-1-32-cluster-class-v1.tgz", "hashes.json", "metadata.yaml"), titles, "one layer per file, sorted");
            assertEquals(list(stable), titles.stream().sorted().toList());
            assertEquals(6, result.uploaded());
        }
    }

    @Test
    void hashReleaseTagUsesTheDashForm() throws IOException {
        String folder = hash.getFileName().toString();
        assertTrue(folder.matches("docker-scs-1-31-v0-sha\\.[a-z0-9]{7}"), folder);
        String tag = folder.replace("v0-sha.", "v0-sha-");
        try (LoopbackPushRegistry registry = LoopbackPushRegistry.anonymous()) {
            OciPublisher.Result result = new OciPublisher().publish(hash, repository(registry), null, true);
            assertEquals(tag, result.tag());
            assertEquals(Map.of(tag, result.digest()), registry.tags(REPOSITORY));
        }
    }

    @Test
    void anExistingTagIsRefusedAndTheRegistryStaysUnchanged() throws IOException {
        try (LoopbackPushRegistry registry = LoopbackPushRegistry.anonymous()) {
            new OciPublisher().publish(stable, repository(registry), null, true);
            List<String> before = registry.snapshot();
            int requests = registry.requests().size();

            IOException e = assertThrows(IOException.class,
                    () -> new OciPublisher().publish(stable, repository(registry), null, true));

            assertTrue(e.getMessage().contains("release folder " + stable), e.getMessage());
            assertTrue(e.getMessage().contains("tag docker-scs-1-32-v1 exists already in registry http://"
                    + registry.hostPort() + " (repository " + REPOSITORY + ")"), e.getMessage());
            assertTrue(e.getMessage().contains("never overwritten"), e.getMessage());
            assertEquals(before, registry.snapshot());
            assertEquals(List.of("HEAD /v2/" + REPOSITORY + "/manifests/docker-scs-1-32-v1"),
                    registry.requests().subList(requests, registry.requests().size()), "only the tag was looked at");
        }
    }

    @Test
    void blobsTheRegistryHasAreNotSentAgain() throws IOException {
        try (LoopbackPushRegistry registry = LoopbackPushRegistry.anonymous()) {
            new OciPublisher().publish(stable, repository(registry), null, true);
            OciPublisher.Result other = new OciPublisher().publish(hash, repository(registry), null, true);
            // the empty config is shared; the hash release's files differ in their names and versions
            assertTrue(other.uploaded() < 6, String.valueOf(other.uploaded()));
        }
    }

    @Test
    void basicAuthentication() throws IOException {
        try (LoopbackPushRegistry registry = LoopbackPushRegistry.start(LoopbackPushRegistry.Auth.BASIC, "ci", "s3cret")) {
            OciPublisher.Result result = new OciPublisher().publish(stable, repository(registry),
                    new Credentials("ci", "s3cret"), true);
            assertEquals(Map.of("docker-scs-1-32-v1", result.digest()), registry.tags(REPOSITORY));
        }
    }

    @Test
    void bearerTokenAuthentication() throws IOException {
        try (LoopbackPushRegistry registry = LoopbackPushRegistry.start(LoopbackPushRegistry.Auth.BEARER, "ci", "s3cret")) {
            OciPublisher.Result result = new OciPublisher().publish(stable, repository(registry),
                    new Credentials("ci", "s3cret"), true);
            assertEquals(Map.of("docker-scs-1-32-v1", result.digest()), registry.tags(REPOSITORY));
            assertEquals(1, registry.requests().stream().filter(r -> r.startsWith("GET /token")).count(),
                    "one token for the whole push: " + registry.requests());
        }
    }

    @Test
    void aWrongPasswordNamesTheRegistryAndTheStatus() {
        for (LoopbackPushRegistry.Auth auth : List.of(LoopbackPushRegistry.Auth.BASIC, LoopbackPushRegistry.Auth.BEARER)) {
            try (LoopbackPushRegistry registry = LoopbackPushRegistry.start(auth, "ci", "s3cret")) {
                IOException e = assertThrows(IOException.class, () -> new OciPublisher().publish(stable,
                        repository(registry), new Credentials("ci", "wrong"), true));
                String message = e.getMessage();
                assertTrue(message.startsWith("publishing release folder " + stable + " as docker-scs-1-32-v1 to registry http://"
                        + registry.hostPort() + " (repository " + REPOSITORY + "): "), message);
                assertTrue(message.contains("HTTP 401 Unauthorized with the credentials of user ci"), message);
                assertFalse(message.contains("wrong"), "no password in the message: " + message);
                assertEquals(List.of(), registry.snapshot());
            }
        }
    }

    @Test
    void missingCredentialsAreNamed() {
        try (LoopbackPushRegistry registry = LoopbackPushRegistry.start(LoopbackPushRegistry.Auth.BASIC, "ci", "s3cret")) {
            IOException e = assertThrows(IOException.class,
                    () -> new OciPublisher().publish(stable, repository(registry), null, true));
            assertTrue(e.getMessage().contains("HTTP 401 Unauthorized: the registry wants credentials and none are configured"),
                    e.getMessage());
        }
    }

    @Test
    void anInvalidRepositoryAddressIsNamed() {
        for (String address : List.of("https://127.0.0.1/x", "oci://127.0.0.1", "oci://127.0.0.1/Upper")) {
            IOException e = assertThrows(IOException.class,
                    () -> new OciPublisher().publish(stable, URI.create(address), null, true));
            assertTrue(e.getMessage().startsWith("'" + address + "' is not an OCI repository address like"
                    + " oci://host[:port]/path"), e.getMessage());
        }
    }

    @Test
    void anUnreachableRegistryNamesFolderAndRegistry() throws IOException {
        int port;
        try (LoopbackPushRegistry registry = LoopbackPushRegistry.anonymous()) {
            port = Integer.parseInt(registry.hostPort().split(":")[1]);
        }
        IOException e = assertThrows(IOException.class, () -> new OciPublisher().publish(stable,
                URI.create("oci://127.0.0.1:" + port + "/x"), null, true));
        assertTrue(e.getMessage().startsWith("publishing release folder " + stable + " as docker-scs-1-32-v1 to registry http://127.0.0.1:"
                + port + " (repository x): check tag docker-scs-1-32-v1: cannot reach the registry"), e.getMessage());
    }

    @Test
    void theManifestIsDeterministic() throws IOException {
        assertArrayEquals(ReleaseArtifact.manifest(stable), ReleaseArtifact.manifest(stable));
        String json = new String(ReleaseArtifact.manifest(stable));
        assertTrue(json.startsWith("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"artifactType\":\"application/vnd.scs.cluster-stacks.v1\",\"config\":{\"mediaType\":"
                + "\"application/vnd.oci.empty.v1+json\",\"digest\":\"sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a\","
                + "\"size\":2,\"data\":\"e30=\"},\"layers\":[{\"mediaType\":\"application/vnd.scs.cluster-addon.config.layer.v1+yaml\""), json);
        assertTrue(json.endsWith("],\"annotations\":{\"hash\":\"" + ReleaseHashes.read(stable.resolve("hashes.json")).clusterStack()
                .substring(0, 7) + "\",\"kubernetesVersion\":\"v1.32.5\"}}"), json);
    }

    @Test
    void mediaTypesOfEveryReleaseFile() {
        assertEquals("application/vnd.scs.node-image.config.layer.v1+yaml", ReleaseArtifact.mediaType("node-images.yaml"));
        assertEquals("application/vnd.oci.image.layer.v1.tar", ReleaseArtifact.mediaType("cluster-addon-values.yaml"));
        assertEquals("application/vnd.scs.node-image.layer.v1.tar+gzip", ReleaseArtifact.mediaType("x-node-image-v1.tgz"));
    }

    static List<String> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
