package dev.clusterstack.core.validate;

import dev.clusterstack.core.definition.Definitions;
import dev.clusterstack.core.definition.StackDefinition;
import dev.clusterstack.core.helm.HelmRunner;
import dev.clusterstack.core.helm.RenderedObject;
import dev.clusterstack.core.model.ClusterStack;
import dev.clusterstack.core.model.base.GenericTemplate;
import dev.clusterstack.core.model.base.ObjectMeta;
import dev.clusterstack.core.model.base.Template;
import dev.clusterstack.core.problem.Problem;
import dev.clusterstack.core.problem.StackException;
import dev.clusterstack.core.release.ReleaseBuilder;
import dev.clusterstack.core.release.ReleaseContract;
import dev.clusterstack.core.release.ReleaseVersions;
import dev.clusterstack.core.release.StackVersion;
import dev.clusterstack.core.release.VersionMode;
import dev.clusterstack.core.verify.ReleaseVerifier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Definition-time checks that protect the release: template names per kind rendered by real Helm,
 * a computed name given in metadata refused before anything is written (no version used up), and
 * the release contract run on a release before its folder is written.
 */
@Tag("helm")
class DefinitionTimeChecksTest {
    static HelmRunner helm;

    @BeforeAll
    static void startHelm() {
        helm = HelmRunner.create();
    }

    @AfterAll
    static void stopHelm() {
        helm.close();
    }

    private static List<ReleaseBuilder.ReleaseOutput> build(ClusterStack stack, Path out) {
        return ReleaseBuilder.build(stack, ReleaseBuilder.Options.of(VersionMode.STABLE, out));
    }

    private static List<String> folders(Path out) throws IOException {
        try (Stream<Path> s = Files.list(out)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aControlPlaneTemplateAndItsMachineTemplateMayShareTheName(@TempDir Path out) {
        var loaded = StackDefinition.load(Definitions.dir().resolve("valid/template-name-per-kind.yaml"));
        assertEquals(List.of(), loaded.warnings());
        var release = build(loaded.stack(), out).get(0);
        ReleaseVerifier.Report report = new ReleaseVerifier(helm, null).verify(release.folder());
        assertEquals(List.of(), report.problems().stream().filter(Problem::isError).toList());
        List<String> objects = new ArrayList<>();
        for (RenderedObject o : report.clusterClassObjects()) {
            objects.add(o.object().get("kind") + " " + ((Map<?, ?>) o.object().get("metadata")).get("name"));
        }
        assertEquals(List.of("ClusterClass openstack-scs-1-32-v1",
                "KubeadmControlPlaneTemplate openstack-scs-1-32-v1-control-plane",
                "OpenStackClusterTemplate openstack-scs-1-32-v1-cluster",
                "OpenStackMachineTemplate openstack-scs-1-32-v1-control-plane"), objects.stream().sorted().toList());
    }

    @Test
    void aNameInTemplateMetadataFailsBeforeAnythingIsWrittenAndUsesUpNoVersion(@TempDir Path out) throws IOException {
        ClusterStack good = StackDefinition.load(Definitions.dir().resolve("valid/template-name-per-kind.yaml")).stack();
        ClusterStack bad = withClusterTemplateName(good, "my-cluster");
        StackException e = assertThrows(StackException.class, () -> build(bad, out));
        assertEquals(List.of("error: templates[0].metadata.name: the chart computes the object's name"
                        + " ({{ .Release.Name }}-{{ .Chart.Version }}-cluster): give the suffix as templates[0].name;"
                        + " a metadata.name here would replace it (a clusterstack rule, not Cluster API's) (Kubernetes 1.32.5)"),
                e.problems().stream().map(Problem::toString).toList());
        assertEquals(List.of(), folders(out).stream().filter(f -> !f.startsWith(".")).toList());
        assertEquals("openstack-scs-1-32-v1", build(good, out).get(0).folderName());
    }

    @Test
    void aReleaseTheContractRejectsFailsBeforeWritingAndUsesUpNoVersion(@TempDir Path dir) throws IOException {
        // a field this project does not know passes through; this one refers to a template the chart does not render
        String good = Files.readString(Definitions.dir().resolve("valid/template-name-per-kind.yaml"));
        Path file = dir.resolve("stack.yaml");
        Files.writeString(file, good.replace("clusterClass:\n", "clusterClass:\n  upgradeHooks:\n    templateRef:"
                + " {apiVersion: hooks.example.com/v1, kind: HookTemplate, name: missing}\n"));
        ClusterStack bad = StackDefinition.load(file, "stack.yaml").stack();
        Path out = dir.resolve("out");
        StackException e = assertThrows(StackException.class, () -> build(bad, out));
        assertEquals(List.of("error: clusterClass.upgradeHooks.templateRef: refers to HookTemplate missing"
                        + " (hooks.example.com/v1), which the chart does not render (the release contract) (Kubernetes 1.32.5)"),
                e.problems().stream().map(Problem::toString).toList());
        assertEquals(List.of(), folders(out).stream().filter(f -> !f.startsWith(".")).toList());
        ClusterStack fixed = StackDefinition.load(Definitions.dir().resolve("valid/template-name-per-kind.yaml")).stack();
        assertEquals("openstack-scs-1-32-v1", build(fixed, out).get(0).folderName());
    }

    @Test
    void theReleaseContractRejectsAnObjectNamedAgainstIt() {
        // the validator refuses this stack; the contract check is the second line, before any folder is written
        ClusterStack bad = withClusterTemplateName(
                StackDefinition.load(Definitions.dir().resolve("valid/template-name-per-kind.yaml")).stack(), "my-cluster");
        var release = bad.releases().get(0);
        ReleaseVersions v = new ReleaseVersions(StackVersion.stable(3), StackVersion.stable(1), StackVersion.stable(1));
        List<Problem> problems = ReleaseContract.check(bad, release, v, Map.of(
                "cluster-class/Chart.yaml", "name: openstack-scs-1-32-cluster-class\nversion: v3\n"));
        assertEquals(List.of("error: templates[0].metadata.name: object names must start with openstack-scs-1-32-v3, not"
                        + " my-cluster (the release contract) (Kubernetes 1.32.5)",
                "error: clusterClass.infrastructure.ref: refers to OpenStackClusterTemplate openstack-scs-1-32-v3-cluster"
                        + " (infrastructure.cluster.x-k8s.io/v1beta1), which the chart does not render (the release"
                        + " contract) (Kubernetes 1.32.5)"),
                problems.stream().map(Problem::toString).toList());
    }

    private static ClusterStack withClusterTemplateName(ClusterStack stack, String name) {
        var release = stack.releases().get(0);
        List<Template> templates = new ArrayList<>(release.content().templates());
        Template t = templates.get(0);
        templates.set(0, new GenericTemplate(t.name(), t.apiVersion(), t.kind(),
                new ObjectMeta(Map.of(), Map.of(), Map.of("name", name)), Map.of(), Map.of()));
        var content = release.content().withTemplates(templates);
        return new ClusterStack(stack.provider(), stack.name(), List.of(new dev.clusterstack.core.model.KubernetesRelease(
                release.kubernetesVersion(), release.nodeImage(), release.values(), content)));
    }
}
