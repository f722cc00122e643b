package dev.clusterstack.core.render.v1beta2;

import dev.clusterstack.core.crd.CrdSchemas;
import dev.clusterstack.core.definition.StackDefinition;
import dev.clusterstack.core.helm.HelmRunner;
import dev.clusterstack.core.helm.RenderedObject;
import dev.clusterstack.core.model.ClusterApiVersion;
import dev.clusterstack.core.model.ClusterStack;
import dev.clusterstack.core.model.KubernetesRelease;
import dev.clusterstack.core.problem.Problem;
import dev.clusterstack.core.release.ReleaseBuilder;
import dev.clusterstack.core.release.VersionMode;
import dev.clusterstack.core.testsupport.SharedFolder;
import dev.clusterstack.core.verify.ReleaseVerifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The sample stacks, with every feature on, built as v1beta2 releases, rendered by real Helm and validated
 * against Cluster API v1.14.0's own CRDs (v1beta2 schemas, minProperties and minItems included; the unique
 * extraArgs names of the CRDs' CEL rules checked by the verifier).
 */
@Tag("helm")
@Tag("shared")
class V1beta2SamplesTest {
    static final Path SAMPLES = Path.of("../sample-stack/src/main/clusterstack");
    static HelmRunner helm;

    @BeforeAll
    static void startHelm() {
        helm = HelmRunner.create();
    }

    @AfterAll
    static void stopHelm() {
        helm.close();
    }

    /** A copy of a sample stack folder whose definition selects v1beta2 for every version. */
    static Path asV1beta2(String sample, Path tmp) throws IOException {
        Path from = SAMPLES.resolve(sample);
        Path to = tmp.resolve(sample);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
        Path stack = to.resolve("stack.yaml");
        Files.writeString(stack, "clusterApi: v1beta2\n" + Files.readString(stack));
        return stack;
    }

    @Test
    void theDockerSampleAsV1beta2ValidatesAgainstTheClusterApiCrds(@TempDir Path tmp) throws IOException {
        Map<String, Integer> validated = buildAndVerify(asV1beta2("docker", tmp), tmp.resolve("out"));
        assertEquals(5, validated.get("docker-scs-1-33"), "the ClusterClass, the control plane template, the worker"
                + " bootstrap template and two Docker templates, each with a schema");
    }

    @Test
    void theOpenStackSampleAsV1beta2ValidatesAgainstTheClusterApiCrds(@TempDir Path tmp) throws IOException {
        Map<String, Integer> validated = buildAndVerify(asV1beta2("openstack", tmp), tmp.resolve("out"));
        assertEquals(3, validated.get("openstack-scs-1-33"), "the ClusterClass and the two kubeadm templates (CAPO's"
                + " v1beta1 templates have no CRD here)");
    }

    @Test
    void aMixedStackBuildsBothVersionsAndEachValidatesAgainstItsOwnSchemas(@TempDir Path tmp) {
        StackDefinition.Loaded loaded = StackDefinition.load(Path.of("src/test/resources/stacks/v1beta2/stack.yaml"));
        Map<String, Integer> validated = buildAndVerify(loaded.stack(), tmp);
        assertEquals(Map.of("docker-scs-1-32", 5, "docker-scs-1-33", 5), validated);
    }

    /** Builds every release, verifies it with Helm and the CRDs; returns per release how many objects had a schema. */
    private static Map<String, Integer> buildAndVerify(Path stackFile, Path out) {
        StackDefinition.Loaded loaded = StackDefinition.load(stackFile);
        assertTrue(loaded.stack().releases().stream().map(KubernetesRelease::clusterApi)
                .allMatch(ClusterApiVersion.V1BETA2::equals));
        return buildAndVerify(loaded.stack(), out);
    }

    private static Map<String, Integer> buildAndVerify(ClusterStack stack, Path out) {
        CrdSchemas crds = CrdSchemas.load(SharedFolder.sharedOrSkip("crds/cluster-api-v1.14.0"));
        List<ReleaseBuilder.ReleaseOutput> releases = ReleaseBuilder.build(stack,
                new ReleaseBuilder.Options(VersionMode.STABLE, null, out, null, null, false, null));
        Map<String, Integer> validated = new TreeMap<>();
        for (ReleaseBuilder.ReleaseOutput r : releases) {
            ReleaseVerifier.Report report = new ReleaseVerifier(helm, crds).verify(r.folder());
            assertEquals(List.of(), report.problems().stream().filter(Problem::isError).map(Problem::toString).toList(),
                    r.folderName());
            List<String> withSchema = new ArrayList<>();
            for (RenderedObject o : report.clusterClassObjects()) {
                String apiVersion = String.valueOf(o.object().get("apiVersion"));
                String kind = String.valueOf(o.object().get("kind"));
                if (apiVersion.startsWith("cluster.x-k8s.io/") || apiVersion.startsWith("controlplane.cluster.x-k8s.io/")
                        || apiVersion.startsWith("bootstrap.cluster.x-k8s.io/")) {
                    assertTrue(apiVersion.endsWith("/" + r.release().clusterApi().id()), kind + " is written in the release's"
                            + " version " + r.release().clusterApi() + ": " + apiVersion);
                }
                if (crds.hasSchema(apiVersion, kind)) {
                    withSchema.add(kind);
                }
            }
            assertFalse(withSchema.isEmpty());
            validated.put(r.folderName().replaceAll("-v\\d+$", ""), withSchema.size());
        }
        return validated;
    }
}
