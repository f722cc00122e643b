package dev.clusterstack.core.readme;

import dev.clusterstack.core.crd.CrdSchemas;
import dev.clusterstack.core.helm.HelmRunner;
import dev.clusterstack.core.model.ClusterStack;
import dev.clusterstack.core.model.StackContent;
import dev.clusterstack.core.model.addon.Addon;
import dev.clusterstack.core.model.addon.ChartDependency;
import dev.clusterstack.core.model.clusterclass.ClusterClass;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch.JSONPatch;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch.PatchDefinition;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch.PatchSelector;
import dev.clusterstack.core.model.clusterclass.ClusterClassVariable;
import dev.clusterstack.core.model.clusterclass.ControlPlaneClass;
import dev.clusterstack.core.model.clusterclass.JSONSchemaProps;
import dev.clusterstack.core.model.clusterclass.MachineDeploymentClass;
import dev.clusterstack.core.model.infra.DockerClusterTemplate;
import dev.clusterstack.core.model.infra.DockerMachineTemplate;
import dev.clusterstack.core.model.kubeadm.Arg;
import dev.clusterstack.core.model.kubeadm.File;
import dev.clusterstack.core.model.kubeadm.JoinConfiguration;
import dev.clusterstack.core.model.kubeadm.KubeadmConfigSpec;
import dev.clusterstack.core.model.kubeadm.KubeadmConfigTemplate;
import dev.clusterstack.core.model.kubeadm.KubeadmControlPlaneTemplate;
import dev.clusterstack.core.model.kubeadm.NodeRegistrationOptions;
import dev.clusterstack.core.release.ReleaseBuilder;
import dev.clusterstack.core.release.VersionMode;
import dev.clusterstack.core.testsupport.SharedFolder;
import dev.clusterstack.core.problem.Problem;
import dev.clusterstack.core.verify.ReleaseVerifier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The README's "Using the core library from Java" example, verbatim, and proof that it builds valid releases. */
class JavaApiExampleTest {

    // --- README example start
    static ClusterStack dockerStack() {
        KubeadmConfigSpec node = KubeadmConfigSpec.builder()
                .joinConfiguration(JoinConfiguration.of(NodeRegistrationOptions.of("{{ local_hostname }}",
                    List.of(Arg.of("eviction-hard", "nodefs.available<0%,imagefs.available<0%")))))
                .file(File.of("/etc/motd", "0644", "Managed by Cluster API\n"))
                .build();
        ClusterClass clusterClass = ClusterClass.builder()
                .infrastructure("cluster")
                .controlPlane(ControlPlaneClass.of("control-plane", "machine"))
                .machineDeployment(MachineDeploymentClass.of("default-worker", "worker", "machine"))
                .variable(ClusterClassVariable.of("imageRepository", JSONSchemaProps.string("Image registry", "")))
                .patch(ClusterClassPatch.of("imageRepository", "Sets the image registry", "{{ ne .imageRepository \"\" }}",
                        PatchDefinition.of(PatchSelector.controlPlane(KubeadmControlPlaneTemplate.API_VERSION,
                                        KubeadmControlPlaneTemplate.KIND),
                                JSONPatch.variable("add",
                                        "/spec/template/spec/kubeadmConfigSpec/clusterConfiguration/imageRepository",
                                        "imageRepository"))))
                .build();
        return ClusterStack.builder()
                .provider("docker")
                .name("java")
                .releases(List.of("1.31.9", "1.32.5"), version -> StackContent.builder()
                        .clusterClass(clusterClass)
                        .template(DockerClusterTemplate.of("cluster"))
                        .template(DockerMachineTemplate.of("machine", new DockerMachineTemplate.MachineSpec(
                                "kindest/node:" + version.tag(), null, null, null, Map.of())))
                        .template(KubeadmControlPlaneTemplate.of("control-plane", node))
                        .template(KubeadmConfigTemplate.of("worker", node))
                        .addon(Addon.of("cni", ChartDependency.of("cilium", "1.16.6", "https://helm.cilium.io/"), Map.of()))
                        .build())
                .build();
    }

    static List<ReleaseBuilder.ReleaseOutput> build(Path out) {
        // validates (throws StackException with every problem), renders, versions and packages
        return ReleaseBuilder.build(dockerStack(), ReleaseBuilder.Options.of(VersionMode.STABLE, out));
    }
    // --- README example end

    @Test
    @Tag("helm")
    void theReadmeExampleBuildsValidReleases(@TempDir Path out) {
        buildAndVerify(out, null);
    }

    @Test
    @Tag("helm")
    @Tag("shared")
    void theReadmeExampleValidatesAgainstTheClusterApiCrds(@TempDir Path out) {
        buildAndVerify(out, CrdSchemas.load(SharedFolder.sharedOrSkip("crds/cluster-api-v1.10.10")));
    }

    /** Builds the README's releases and verifies them with Helm and, if {@code crds} is given, the CRD schemas. */
    private static void buildAndVerify(Path out, CrdSchemas crds) {
        List<ReleaseBuilder.ReleaseOutput> releases = build(out);
        assertEquals(List.of("docker-java-1-31-v1", "docker-java-1-32-v1"),
                releases.stream().map(ReleaseBuilder.ReleaseOutput::folderName).toList());
        try (HelmRunner helm = HelmRunner.create()) {
            for (ReleaseBuilder.ReleaseOutput r : releases) {
                assertEquals(List.of(), new ReleaseVerifier(helm, crds).verify(r.folder()).problems().stream()
                        .filter(Problem::isError).toList());
            }
        }
    }
}
