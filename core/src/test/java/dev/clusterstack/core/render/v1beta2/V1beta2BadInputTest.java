package dev.clusterstack.core.render.v1beta2;

import dev.clusterstack.core.model.base.TemplateRef;
import dev.clusterstack.core.model.ClusterApiVersion;
import dev.clusterstack.core.model.ClusterStack;
import dev.clusterstack.core.model.StackContent;
import dev.clusterstack.core.model.clusterclass.ClusterClass;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch.JSONPatch;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch.PatchDefinition;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch.PatchSelector;
import dev.clusterstack.core.model.clusterclass.ControlPlaneClass;
import dev.clusterstack.core.model.infra.DockerClusterTemplate;
import dev.clusterstack.core.model.kubeadm.ClusterConfiguration;
import dev.clusterstack.core.model.kubeadm.KubeadmConfigSpec;
import dev.clusterstack.core.model.kubeadm.KubeadmControlPlaneTemplate;
import dev.clusterstack.core.problem.Problem;
import dev.clusterstack.core.problem.StackException;
import dev.clusterstack.core.release.ReleaseBuilder;
import dev.clusterstack.core.release.VersionMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stack built with the Java API (no definition file) selecting v1beta2 with fields v1beta2 does not have and a patch
 * it cannot convert (an argument removed by name): the build fails with every problem at once, each naming the builder path of the field and the API version, and the release
 * an earlier build wrote stays as it was.
 */
class V1beta2BadInputTest {
    private static final String KCS = "templates[1].spec.template.spec.kubeadmConfigSpec.";
    private static final String ARGS = "/spec/template/spec/kubeadmConfigSpec/clusterConfiguration/apiServer/extraArgs/";

    static ClusterStack stack(ClusterApiVersion version) {
        ClusterConfiguration cluster = new ClusterConfiguration(null,
                new ClusterConfiguration.Networking(null, "192.168.0.0/16", null, Map.of()), "v1.33.1", null,
                ClusterConfiguration.APIServer.empty().withExtraArgs(Map.of("profiling", "false")), null, null, null, null,
                null, null, "demo", Map.of());
        KubeadmConfigSpec kubeadm = KubeadmConfigSpec.builder().clusterConfiguration(cluster).useExperimentalRetryJoin(true)
                .build();
        ControlPlaneClass controlPlane = new ControlPlaneClass(null, TemplateRef.of("control-plane"), null, null, null, "1500ms", null,
                "90s", Map.of());
        return ClusterStack.builder().provider("docker").name("scs").clusterApi(version)
                .release("1.33.1", StackContent.builder()
                        .clusterClass(ClusterClass.builder().infrastructure("cluster").controlPlane(controlPlane)
                                .patch(ClusterClassPatch.of("apiServer", null, null, PatchDefinition.of(
                                        PatchSelector.controlPlane(KubeadmControlPlaneTemplate.API_VERSION,
                                                KubeadmControlPlaneTemplate.KIND),
                                        JSONPatch.value("add", ARGS + "v", "2"),
                                        JSONPatch.value("remove", ARGS + "profiling", null))))
                                .build())
                        .template(DockerClusterTemplate.of("cluster"))
                        .template(KubeadmControlPlaneTemplate.of("control-plane", kubeadm))
                        .build())
                .build();
    }

    @Test
    void everyFieldWithoutAV1beta2EquivalentIsReportedAtItsBuilderPathAndNothingIsWritten(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("cluster-stacks");
        ReleaseBuilder.build(stack(ClusterApiVersion.V1BETA1), ReleaseBuilder.Options.of(VersionMode.STABLE, out));
        List<String> before = listing(out);
        assertTrue(before.contains("docker-scs-1-33-v1/metadata.yaml"), before::toString);

        StackException e = assertThrows(StackException.class, () -> ReleaseBuilder.build(stack(ClusterApiVersion.V1BETA2),
                ReleaseBuilder.Options.of(VersionMode.STABLE, out)));

        List<String> errors = e.errors().stream().map(p -> p.path() + ": " + p.message()).toList();
        List<String> expected = List.of(
                "clusterClass.controlPlane.nodeDrainTimeout: '1500ms' is not a whole number of seconds",
                "clusterClass.patches[0].definitions[0].jsonPatches[1].path: patch 'apiServer' definition 0 op 1: remove "
                        + ARGS + "profiling",
                KCS + "clusterConfiguration.networking: has no equivalent in Cluster API v1beta2",
                KCS + "clusterConfiguration.kubernetesVersion: has no equivalent in Cluster API v1beta2",
                KCS + "clusterConfiguration.clusterName: has no equivalent in Cluster API v1beta2",
                KCS + "useExperimentalRetryJoin: has no equivalent in Cluster API v1beta2");
        assertEquals(expected.size(), errors.size(), String.join("\n", errors));
        for (String start : expected) {
            assertEquals(1, errors.stream().filter(p -> p.startsWith(start)).count(), start + "\n  in\n" + String.join("\n", errors));
        }
        for (Problem p : e.errors()) {
            assertNull(p.location(), "a model built in Java has no file: " + p);
            assertEquals("1.33.1", p.kubernetesVersion(), p.toString());
            assertTrue(p.message().contains("Cluster API v1beta2 (the release's clusterApi)")
                    || p.message().endsWith("(output controlplane.cluster.x-k8s.io/v1beta2)"), p.toString());
        }
        assertEquals(before, listing(out), "nothing written");
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }
}
