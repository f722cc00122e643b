package dev.clusterstack.core.definition;

import dev.clusterstack.core.model.ClusterStack;
import dev.clusterstack.core.model.StackContent;
import dev.clusterstack.core.model.base.TemplateRef;
import dev.clusterstack.core.model.clusterclass.ClusterClass;
import dev.clusterstack.core.model.clusterclass.ControlPlaneClass;
import dev.clusterstack.core.model.clusterclass.LocalObjectTemplate;
import dev.clusterstack.core.model.infra.DockerClusterTemplate;
import dev.clusterstack.core.model.kubeadm.KubeadmConfigSpec;
import dev.clusterstack.core.model.kubeadm.KubeadmControlPlaneTemplate;
import dev.clusterstack.core.problem.Problem;
import dev.clusterstack.core.problem.StackException;
import dev.clusterstack.core.render.ClusterClassChart;
import dev.clusterstack.core.validate.StackValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Template references are typed in the model ({@link TemplateRef}) and written {@code ref: <template name>} in a
 * definition; each Cluster API version writes them its own way, and an unknown name is the located error it was.
 */
class TemplateRefTest {
    @TempDir
    Path dir;

    private static final String STACK = """
            provider: docker
            name: scs
            kubernetesVersions:
              - version: 1.32.5
              - version: 1.33.1
                clusterApi: v1beta2
            clusterClass:
              infrastructure:
                ref: %s
              controlPlane:
                ref: %s
            templates:
              - name: cluster
                kind: DockerClusterTemplate
              - name: control-plane
                kind: KubeadmControlPlaneTemplate
                spec:
                  template:
                    spec:
                      kubeadmConfigSpec:
                        format: cloud-config
            """;

    private Path write(String text) throws IOException {
        Path f = dir.resolve("stack.yaml");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void aReferenceIsAModelValueWrittenAsEachVersionWritesIt() throws IOException {
        ClusterStack stack = StackDefinition.load(write(STACK.formatted("cluster", "control-plane"))).stack();
        ClusterClass cc = stack.releases().get(0).content().clusterClass();
        assertEquals(new TemplateRef("cluster"), cc.infrastructure().ref());
        assertEquals(new TemplateRef("control-plane"), cc.controlPlane().ref());
        String v1beta1 = ClusterClassChart.render(stack, stack.releases().get(0), "v1").get("templates/cluster-class.yaml");
        assertTrue(v1beta1.contains("""
                  controlPlane:
                    ref:
                      apiVersion: controlplane.cluster.x-k8s.io/v1beta1
                      kind: KubeadmControlPlaneTemplate
                      name: {{ .Release.Name }}-{{ .Chart.Version }}-control-plane
                      namespace: {{ .Release.Namespace }}
                """), v1beta1);
        String v1beta2 = ClusterClassChart.render(stack, stack.releases().get(1), "v1").get("templates/cluster-class.yaml");
        assertTrue(v1beta2.contains("""
                  controlPlane:
                    templateRef:
                      apiVersion: controlplane.cluster.x-k8s.io/v1beta2
                      kind: KubeadmControlPlaneTemplate
                      name: {{ .Release.Name }}-{{ .Chart.Version }}-control-plane
                """), v1beta2);
    }

    @Test
    void anUnknownOrNonStringReferenceIsTheLocatedErrorItWas() throws IOException {
        Path file = write(STACK.formatted("clustr", "{name: control-plane}"));
        StackException e = assertThrows(StackException.class, () -> StackDefinition.load(file));
        assertEquals(List.of(file + ":11:10: error: clusterClass.controlPlane.ref: expected a string, found a mapping"),
                e.problems().stream().map(Problem::toString).toList(), "a binding error stops before the references are checked");

        Path unknown = write(STACK.formatted("clustr", "control-plane"));
        StackException e2 = assertThrows(StackException.class, () -> StackDefinition.load(unknown));
        assertEquals(List.of(unknown + ":9:5: error: clusterClass.infrastructure.ref: no template named 'clustr', did you"
                + " mean 'cluster'?"), e2.problems().stream().filter(Problem::isError).map(Problem::toString).toList());
    }

    @Test
    void theJavaApiNamesAnUnknownReferenceByItsBuilderPath() {
        ClusterStack stack = ClusterStack.builder().provider("docker").name("scs")
                .release("1.32.5", StackContent.builder()
                        .clusterClass(ClusterClass.builder().infrastructure("cluster")
                                .controlPlane(new ControlPlaneClass(null, TemplateRef.of("control-plane"),
                                        new LocalObjectTemplate(TemplateRef.of("gpu-machine"), java.util.Map.of()),
                                        null, null, null, null, null, java.util.Map.of()))
                                .build())
                        .template(DockerClusterTemplate.of("cluster"))
                        .template(KubeadmControlPlaneTemplate.of("control-plane", KubeadmConfigSpec.empty()))
                        .build())
                .build();
        List<Problem> problems = StackValidator.validate(stack).stream().filter(Problem::isError).toList();
        assertEquals(1, problems.size(), problems::toString);
        assertEquals("clusterClass.controlPlane.machineInfrastructure.ref", problems.get(0).path());
        assertNull(problems.get(0).location());
        assertEquals("no template named 'gpu-machine'; templates: cluster, control-plane", problems.get(0).message());
    }
}
