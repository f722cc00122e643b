package dev.clusterstack.core.validate;

import dev.clusterstack.core.problem.Problem;
import dev.clusterstack.core.problem.StackException;

import dev.clusterstack.core.model.ClusterStack;
import dev.clusterstack.core.model.StackContent;
import dev.clusterstack.core.model.clusterclass.ClusterClass;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch.JSONPatch;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch.PatchDefinition;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch.PatchSelector;
import dev.clusterstack.core.model.clusterclass.ClusterClassVariable;
import dev.clusterstack.core.model.clusterclass.ControlPlaneClass;
import dev.clusterstack.core.model.clusterclass.JSONSchemaProps;
import dev.clusterstack.core.model.infra.DockerClusterTemplate;
import dev.clusterstack.core.model.kubeadm.File;
import dev.clusterstack.core.model.kubeadm.KubeadmConfigSpec;
import dev.clusterstack.core.model.kubeadm.KubeadmControlPlaneTemplate;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Stacks built with the Java API: problems name the model path as a builder user knows it, and have no file location. */
class BuilderPathsTest {
    private static final String KCP = KubeadmControlPlaneTemplate.API_VERSION;

    private static StackContent content(String patchPath) {
        return StackContent.builder()
                .clusterClass(ClusterClass.builder()
                        .infrastructure("cluster")
                        .controlPlane(ControlPlaneClass.of("control-plane", null))
                        .variable(ClusterClassVariable.of("verbosity", JSONSchemaProps.integer("kubeadm verbosity", 2L)))
                        .patch(ClusterClassPatch.of("verbosity", null, null, PatchDefinition.of(
                                PatchSelector.controlPlane(KCP, KubeadmControlPlaneTemplate.KIND),
                                JSONPatch.variable("add", patchPath, "verbosity"))))
                        .build())
                .template(DockerClusterTemplate.of("cluster"))
                .template(KubeadmControlPlaneTemplate.of("control-plane", KubeadmConfigSpec.builder()
                        .file(File.of("/etc/motd", "0644", "hello"))
                        .build()))
                .build();
    }

    @Test
    void aBadPatchPathIsNamedByItsModelPathWithoutLocation() {
        ClusterStack stack = ClusterStack.builder().provider("docker").name("scs")
                .release("1.32.5", content("/status/verbosity"))
                .build();
        List<Problem> problems = StackValidator.validate(stack);
        assertEquals(1, problems.size(), problems::toString);
        Problem p = problems.get(0);
        assertEquals("clusterClass.patches[0].definitions[0].jsonPatches[0].path", p.path());
        assertNull(p.location());
        assertEquals("1.32.5", p.kubernetesVersion());
        assertEquals("'/status/verbosity' must start with /spec/ (Cluster API patches only the spec)", p.message());
        StackException e = assertThrows(StackException.class, () -> StackValidator.requireValid(stack));
        assertEquals("1 error in the cluster stack:\n  error: clusterClass.patches[0].definitions[0].jsonPatches[0].path:"
                + " '/status/verbosity' must start with /spec/ (Cluster API patches only the spec) (Kubernetes 1.32.5)",
                e.getMessage());
    }

    @Test
    void aProblemOfOneVersionNamesOnlyThatVersion() {
        ClusterStack stack = ClusterStack.builder().provider("docker").name("scs")
                .releases(List.of("1.31.9", "1.32.5"), kv -> content(kv.minor() == 31
                        ? "/spec/template/spec/kubeadmConfigSpec/files/3" : "/spec/template/spec/kubeadmConfigSpec/verbosity"))
                .build();
        List<Problem> problems = StackValidator.validate(stack);
        assertEquals(1, problems.size(), problems::toString);
        assertEquals("1.31.9", problems.get(0).kubernetesVersion());
        assertEquals("clusterClass.patches[0].definitions[0].jsonPatches[0].path", problems.get(0).path());
    }

    @Test
    void aValidBuiltStackHasNoProblems() {
        ClusterStack stack = ClusterStack.builder().provider("docker").name("scs")
                .release("1.32.5", content("/spec/template/spec/kubeadmConfigSpec/verbosity")).build();
        assertEquals(List.of(), StackValidator.requireValid(stack));
    }

    @Test
    void nullEntriesInJavaListsAreProblemsNotCrashes() {
        List<JSONPatch> patches = new ArrayList<>();
        patches.add(null);
        patches.add(JSONPatch.value("add", "/spec/template/spec/kubeadmConfigSpec/verbosity", 3));
        List<File> files = new ArrayList<>();
        files.add(null);
        StackContent c = content("/spec/x");
        ClusterClass cc = c.clusterClass().toBuilder().patch(new ClusterClassPatch("more", null, null,
                List.of(new PatchDefinition(PatchSelector.controlPlane(KCP, KubeadmControlPlaneTemplate.KIND), patches,
                        java.util.Map.of())), null, java.util.Map.of())).build();
        var cp = ((KubeadmControlPlaneTemplate) c.template("control-plane").orElseThrow())
                .withKubeadmConfigSpec(KubeadmConfigSpec.builder().files(files).build());
        ClusterStack stack = ClusterStack.builder().provider("docker").name("scs")
                .release("1.32.5", c.withClusterClass(cc).withTemplates(List.of(c.templates().get(0), cp))).build();
        assertEquals(List.of("templates[1].spec.template.spec.kubeadmConfigSpec.files[0]: empty entry",
                        "clusterClass.patches[1].definitions[0].jsonPatches[0]: empty entry"),
                StackValidator.validate(stack).stream().map(p -> p.path() + ": " + p.message()).toList());
    }
}
