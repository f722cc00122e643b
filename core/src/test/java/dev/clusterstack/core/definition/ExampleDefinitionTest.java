package dev.clusterstack.core.definition;

import dev.clusterstack.core.crd.CrdSchemas;
import dev.clusterstack.core.helm.HelmRunner;
import dev.clusterstack.core.helm.RenderedObject;
import dev.clusterstack.core.model.ClusterStack;
import dev.clusterstack.core.release.ReleaseBuilder;
import dev.clusterstack.core.release.VersionMode;
import dev.clusterstack.core.testsupport.SharedFolder;
import dev.clusterstack.core.problem.Problem;
import dev.clusterstack.core.verify.ReleaseVerifier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The documented example shipped with the core library is a working stack. */
class ExampleDefinitionTest {
    static final Path EXAMPLE = Path.of("src/main/resources/dev/clusterstack/core/definition/example/stack.yaml");

    @Test
    @Tag("helm")
    void theDocumentedExampleBuildsAndVerifies(@TempDir Path out) throws Exception {
        buildAndVerify(out, null);
    }

    @Test
    @Tag("helm")
    @Tag("shared")
    void theDocumentedExampleValidatesAgainstTheClusterApiCrds(@TempDir Path out) throws Exception {
        buildAndVerify(out, CrdSchemas.load(SharedFolder.sharedOrSkip("crds/cluster-api-v1.10.10")));
    }

    /** Builds the example's releases and verifies them with Helm and, if {@code crds} is given, the CRD schemas. */
    private static void buildAndVerify(Path out, CrdSchemas crds) throws Exception {
        StackDefinition.Loaded loaded = StackDefinition.load(EXAMPLE);
        assertEquals(List.of(), loaded.warnings());
        assertEquals(4, loaded.inputs().size(), "the definition and its three text files");
        ClusterStack stack = loaded.stack();
        try (HelmRunner helm = HelmRunner.create()) {
            for (ReleaseBuilder.ReleaseOutput r : ReleaseBuilder.build(stack, ReleaseBuilder.Options.of(VersionMode.STABLE, out))) {
                ReleaseVerifier.Report report = new ReleaseVerifier(helm, crds).verify(r.folder());
                assertEquals(List.of(), report.problems().stream().filter(Problem::isError).toList());
                Map<String, Object> worker = report.clusterClassObjects().stream().map(RenderedObject::object)
                        .filter(o -> "KubeadmConfigTemplate".equals(o.get("kind"))).findFirst().orElseThrow();
                assertEquals(Map.of(), path(worker, "spec", "template", "spec", "joinConfiguration", "nodeRegistration",
                        "kubeletExtraArgs"), "an explicitly empty map is kept for the patch that adds into it");
                Map<String, String> addon = ReleaseVerifier.readTarGz(r.clusterAddonArchive());
                assertEquals(Files.readString(EXAMPLE.resolveSibling("files/metrics-server-overwrite.yaml")),
                        addon.get("metrics-server/overwrite.yaml"), "overwrite.yaml verbatim");
                String config = Files.readString(r.folder().resolve("clusteraddon.yaml"));
                assertTrue(config.contains("conditions: \"cilium.status.numberReady == cilium.status.desiredNumberScheduled\""), config);
            }
        }
    }

    static Object path(Map<String, Object> o, String... keys) {
        Object cur = o;
        for (String k : keys) {
            cur = ((Map<?, ?>) cur).get(k);
        }
        return cur;
    }
}
