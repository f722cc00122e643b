package dev.clusterstack.core.compat;

import dev.clusterstack.core.compat.PreviewReport.Change;
import dev.clusterstack.core.compat.PreviewReport.ClusterPreview;
import dev.clusterstack.core.compat.PreviewReport.ObjectChange;
import dev.clusterstack.core.compat.PreviewReport.PathChange;
import dev.clusterstack.core.definition.StackDefinition;
import dev.clusterstack.core.helm.HelmRunner;
import dev.clusterstack.core.plan.PlanOptions;
import dev.clusterstack.core.release.ReleaseBuilder;
import dev.clusterstack.core.release.VersionMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Release folders built by the ReleaseBuilder from the docker test stack, changed in one thing each, and a Cluster
 * file planned under both releases. Expected values are read by hand from the stack definition
 * ({@code src/test/resources/stacks/docker}) and the cluster file below.
 */
@Tag("helm")
class UpgradePreviewTest {

    /** The cluster: sets the legacy variable (line 14), three control plane machines, machine deployment md-0. */
    static final String CLUSTER = """
            apiVersion: cluster.x-k8s.io/v1beta1
            kind: Cluster
            metadata:
              name: big
              namespace: tenant
            spec:
              topology:
                class: docker-scs
                controlPlane:
                  replicas: 3
                variables:
                  - name: imageRepository
                    value: registry.example.com
                  - name: legacyFlag
                    value: "on"
                workers:
                  machineDeployments:
                    - class: default-worker
                      name: md-0
                      replicas: 2
            """;
    static final String ANNOTATION = "/metadata/annotations/cluster.x-k8s.io~1cloned-from-name";
    static final String MD0 = "machines of machine deployment md-0";

    static HelmRunner helm;
    @TempDir
    static Path work;
    static Path base;
    static Path cluster;

    @BeforeAll
    static void buildBase() throws IOException {
        helm = HelmRunner.create();
        base = build("base", null, ReleaseCompatibilityTest::withLegacy, m -> m);
        assertEquals("docker-scs-1-32-v1", base.getFileName().toString());
        cluster = work.resolve("clusters/big.yaml");
        Files.createDirectories(cluster.getParent());
        Files.writeString(cluster, CLUSTER);
    }

    @AfterAll
    static void stopHelm() {
        helm.close();
    }

    /** The docker test stack for Kubernetes 1.32 only, its stack.yaml and motd file edited, built in stable mode. */
    static Path build(String label, Path baseline, UnaryOperator<String> stack, UnaryOperator<String> motd) throws IOException {
        Path stackDir = work.resolve("stack-" + label);
        ReleaseCompatibilityTest.copy(ReleaseCompatibilityTest.DOCKER, stackDir);
        Path yaml = stackDir.resolve("stack.yaml");
        Files.writeString(yaml, stack.apply(Files.readString(yaml).replace("  - version: 1.31.9\n", "")));
        Path motdFile = stackDir.resolve("files/motd.txt.ftl");
        Files.writeString(motdFile, motd.apply(Files.readString(motdFile)));
        List<ReleaseBuilder.ReleaseOutput> releases = ReleaseBuilder.build(StackDefinition.load(yaml).stack(),
                new ReleaseBuilder.Options(VersionMode.STABLE, null, work.resolve("out-" + label), baseline, null, false, null));
        assertEquals(1, releases.size());
        return releases.get(0).folder();
    }

    static PreviewReport preview(Path newer) {
        return UpgradePreview.preview(base, newer, List.of(cluster), PlanOptions.defaults(work.resolve("plan-work")), helm);
    }

    static ObjectChange object(ClusterPreview c, String role) {
        return c.objects().stream().filter(o -> o.role().equals(role)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + role + " in " + c.objects()));
    }

    /** The cloned-from-name annotation moves from the v1 template to the v2 one: in place, on every cloned object. */
    static PathChange clonedFrom(String template, String newVersion) {
        return new PathChange(ANNOTATION, "\"docker-scs-1-32-v1-" + template + "\"",
                "\"docker-scs-" + newVersion + "-" + template + "\"");
    }

    @Test
    void controlPlaneFileContentRollsOutTheControlPlane() throws IOException {
        Path newer = build("motd", base.getParent(), ReleaseCompatibilityTest::withLegacy, m -> m.replace("Node of the", "Welcome to a node of the"));
        assertEquals("docker-scs-1-32-v2", newer.getFileName().toString());
        PreviewReport report = preview(newer);
        assertEquals("docker-scs-1-32-v1", report.older());
        assertEquals("docker-scs-1-32-v2", report.newer());
        assertEquals("v1.32.5", report.kubernetesFrom());
        ClusterPreview c = report.clusters().get(0);
        assertEquals(cluster.toString(), c.clusterFile());
        assertTrue(c.variablesValid(), c.variableFindings()::toString);
        assertEquals(List.of(), c.olderErrors());
        assertEquals(List.of(), c.newerErrors());
        assertEquals(List.of("infrastructure-cluster", "control-plane", "control-plane-machine-template",
                "md-md-0-bootstrap-template", "md-md-0-infrastructure-template", "md-md-0-machine-deployment"),
                c.objects().stream().map(ObjectChange::role).toList());

        ObjectChange cp = object(c, "control-plane");
        assertEquals(Change.ROLLOUT, cp.change());
        assertEquals("KubeadmControlPlane", cp.kind());
        assertEquals("control plane machines", cp.rollsOut());
        assertEquals("KubeadmControlPlane spec changed: /spec/kubeadmConfigSpec/files/0/content", cp.reason());
        assertEquals(List.of(clonedFrom("control-plane", "1-32-v2"), new PathChange("/spec/kubeadmConfigSpec/files/0/content",
                "\"Node of the docker scs stack, Kubernetes 1.32.5.\\nShell stays shell: ${HOSTNAME} `uname -r` {{ not helm }}\\n\"",
                "\"Welcome to a node of the docker scs stack, Kubernetes 1.32.5.\\nShell stays shell: ${HOSTNAME} `uname -r`"
                        + " {{ not helm }}\\n\"")), cp.paths());
        // the templates only point at the new class's templates: labels and annotations, patched in place
        assertEquals(Change.METADATA_ONLY, object(c, "infrastructure-cluster").change());
        assertEquals(List.of(clonedFrom("cluster", "1-32-v2")), object(c, "infrastructure-cluster").paths());
        assertEquals(List.of(clonedFrom("machine", "1-32-v2")), object(c, "control-plane-machine-template").paths());
        assertEquals(Change.METADATA_ONLY, object(c, "md-md-0-bootstrap-template").change());
        assertEquals(List.of(clonedFrom("worker-bootstrap", "1-32-v2")), object(c, "md-md-0-bootstrap-template").paths());
        assertEquals(Change.UNCHANGED, object(c, "md-md-0-machine-deployment").change());
        assertEquals(List.of("control plane machines"), c.rollouts());

        assertEquals(List.of("cluster `" + cluster + "`: control plane machines roll out (KubeadmControlPlane spec changed:"
                + " /spec/kubeadmConfigSpec/files/0/content)"), report.lines());
        String md = report.markdown();
        assertTrue(md.startsWith("## Upgrade preview: docker-scs-1-32-v1 → docker-scs-1-32-v2\n\n"), md);
        assertTrue(md.contains("### Cluster `" + cluster + "`\n\nControl plane machines roll out (KubeadmControlPlane spec"
                + " changed: /spec/kubeadmConfigSpec/files/0/content).\n\n"), md);
        assertTrue(md.contains("- `control-plane` KubeadmControlPlane: spec changed, control plane machines roll out\n"
                + "  - `" + ANNOTATION + "`: `\"docker-scs-1-32-v1-control-plane\"` → `\"docker-scs-1-32-v2-control-plane\"`\n"
                + "  - `/spec/kubeadmConfigSpec/files/0/content`:\n\n    ```diff\n"
                + "    -Node of the docker scs stack, Kubernetes 1.32.5.\n"
                + "    +Welcome to a node of the docker scs stack, Kubernetes 1.32.5.\n    ```\n\n"), md);
        assertTrue(md.contains("- `md-md-0-machine-deployment` MachineDeployment: unchanged\n"), md);
        assertEquals(md, preview(newer).markdown(), "same input, same text");

        // the release notes carry the preview in the section of the predecessor it starts from
        CompatReport compat = Compatibility.check(ReleaseInput.of(newer), List.of(ReleaseInput.of(base)),
                CompatibilityPolicy.strict(), helm);
        String notes = ReleaseNotes.render(compat, List.of(report));
        assertEquals(ReleaseNotes.render(compat), ReleaseNotes.render(compat, List.of()), "without previews, the notes as before");
        assertTrue(notes.startsWith(ReleaseNotes.render(compat) + "\n### Upgrade preview\n\nEach test cluster planned"), notes);
        assertTrue(notes.contains("\n#### Cluster `" + cluster + "`\n\nControl plane machines roll out (KubeadmControlPlane"
                + " spec changed: /spec/kubeadmConfigSpec/files/0/content).\n"), notes);
        assertFalse(notes.endsWith("\n\n"), "one newline at the end");
        Path written = ReleaseNotes.write(compat, List.of(report), work.resolve("notes"));
        assertEquals(notes, Files.readString(written));
    }

    @Test
    void workerTemplateChangeRollsOutThatMachineDeploymentOnly() throws IOException {
        Path newer = build("worker", base.getParent(), t -> ReleaseCompatibilityTest.withLegacy(t).replace(
                "                fail-swap-on: \"false\"\naddons:", "                fail-swap-on: \"false\"\n"
                        + "                max-pods: \"150\"\naddons:"), m -> m);
        ClusterPreview c = preview(newer).clusters().get(0);
        ObjectChange bootstrap = object(c, "md-md-0-bootstrap-template");
        assertEquals(Change.ROLLOUT, bootstrap.change());
        assertEquals(MD0, bootstrap.rollsOut());
        assertEquals("KubeadmConfigTemplate spec changed (template rotation):"
                + " /spec/template/spec/joinConfiguration/nodeRegistration/kubeletExtraArgs/max-pods", bootstrap.reason());
        assertEquals(new PathChange("/spec/template/spec/joinConfiguration/nodeRegistration/kubeletExtraArgs/max-pods",
                null, "\"150\""), bootstrap.paths().get(1));
        assertEquals(List.of(MD0), c.rollouts());
        assertEquals(Change.METADATA_ONLY, object(c, "control-plane").change());
        assertEquals(List.of(clonedFrom("control-plane", "1-32-v2")), object(c, "control-plane").paths());
        assertEquals(Change.METADATA_ONLY, object(c, "control-plane-machine-template").change());
        assertEquals(Change.UNCHANGED, object(c, "md-md-0-machine-deployment").change());
    }

    @Test
    void aLabelInTheClassMetadataIsAppliedInPlace() throws IOException {
        Path newer = build("labels", base.getParent(), t -> ReleaseCompatibilityTest.withLegacy(t)
                .replace("    ref: control-plane\n", "    ref: control-plane\n    metadata:\n      labels:\n"
                        + "        example.com/tier: control-plane\n")
                .replace("      - class: default-worker\n        template:\n", "      - class: default-worker\n"
                        + "        template:\n          metadata:\n            labels:\n              example.com/tier: worker\n"),
                m -> m);
        PreviewReport report = preview(newer);
        ClusterPreview c = report.clusters().get(0);
        assertEquals(List.of(), c.rollouts());
        ObjectChange cp = object(c, "control-plane");
        assertEquals(Change.IN_PLACE, cp.change());
        assertTrue(cp.paths().contains(new PathChange("/metadata/labels/example.com~1tier", null, "\"control-plane\"")),
                cp.paths()::toString);
        assertTrue(cp.paths().contains(new PathChange("/spec/machineTemplate/metadata/labels/example.com~1tier", null,
                "\"control-plane\"")), cp.paths()::toString);
        ObjectChange md = object(c, "md-md-0-machine-deployment");
        assertEquals(Change.IN_PLACE, md.change());
        assertEquals(List.of(new PathChange("/metadata/labels/example.com~1tier", null, "\"worker\""),
                new PathChange("/spec/template/metadata/labels/example.com~1tier", null, "\"worker\"")), md.paths());
        assertEquals(Change.METADATA_ONLY, object(c, "md-md-0-bootstrap-template").change());
        assertEquals(List.of("cluster `" + cluster + "`: no machines roll out (6 objects changed in place)"), report.lines());
    }

    @Test
    void aRemovedVariableTheClusterSetsNoLongerValidates() throws IOException {
        Path newer = build("removed", base.getParent(), t -> t, m -> m);
        PreviewReport report = preview(newer);
        ClusterPreview c = report.clusters().get(0);
        assertFalse(c.variablesValid());
        assertTrue(report.refused());
        String finding = cluster + ":14:9: error: spec.topology.variables[legacyFlag]: Invalid value: \"\\\"on\\\"\":"
                + " variable is not defined";
        assertEquals(List.of(finding), c.variableFindings());
        assertEquals(List.of(), c.newerErrors());
        assertEquals(List.of("cluster `" + cluster + "`: its variables do not validate under docker-scs-1-32-v2, Cluster API"
                + " refuses the upgrade (" + finding + "); once that is fixed: no machines roll out (5 objects changed in place)"),
                report.lines());
        assertTrue(report.markdown().contains("- variables: " + finding + "\n"), report.markdown());
    }

    @Test
    void aKubernetesMinorUpgradeRollsOutControlPlaneAndWorkers() throws IOException {
        Path newer = build("133", base.getParent(), t -> ReleaseCompatibilityTest.withLegacy(t)
                .replace("  - version: 1.32.5\n", "  - version: 1.33.1\n"), m -> m);
        assertEquals("docker-scs-1-33-v1", newer.getFileName().toString());
        PreviewReport report = preview(newer);
        assertEquals("v1.33.1", report.kubernetesTo());
        ClusterPreview c = report.clusters().get(0);
        assertTrue(c.variablesValid(), c.variableFindings()::toString);
        assertEquals(List.of("control plane machines", MD0), c.rollouts());
        assertTrue(object(c, "control-plane").paths().contains(new PathChange("/spec/version", "\"v1.32.5\"", "\"v1.33.1\"")));
        assertTrue(object(c, "md-md-0-machine-deployment").paths().contains(
                new PathChange("/spec/template/spec/version", "\"v1.32.5\"", "\"v1.33.1\"")));
        assertEquals(Change.ROLLOUT, object(c, "md-md-0-machine-deployment").change());
        PathChange image = new PathChange("/spec/template/spec/customImage",
                "\"registry.scs.community/docker.io/kindest/node:v1.32.5\"", "\"registry.scs.community/docker.io/kindest/node:v1.33.1\"");
        assertTrue(object(c, "control-plane-machine-template").paths().contains(image));
        assertTrue(object(c, "md-md-0-infrastructure-template").paths().contains(image));
        assertEquals(Change.ROLLOUT, object(c, "md-md-0-infrastructure-template").change());
    }

    @Test
    void identicalReleasesChangeNothing() throws IOException {
        Path again = build("again", null, ReleaseCompatibilityTest::withLegacy, m -> m);
        assertEquals("docker-scs-1-32-v1", again.getFileName().toString());
        // the same folder twice, through the entry point that starts its own Helm; and a second build of the same stack
        PreviewReport same = UpgradePreview.preview(base, base, List.of(cluster), PlanOptions.defaults(work.resolve("plan-work")));
        // and the release's cluster-class chart archive, twice
        Path chart = base.resolve("docker-scs-1-32-cluster-class-v1.tgz");
        PreviewReport charts = UpgradePreview.preview(chart, chart, List.of(cluster), PlanOptions.defaults(work.resolve("plan-work")), helm);
        assertEquals("docker-scs-1-32-v1", charts.older());
        assertEquals(null, charts.kubernetesFrom(), "a chart has no metadata.yaml");
        for (PreviewReport report : List.of(same, preview(again), charts)) {
            ClusterPreview c = report.clusters().get(0);
            assertTrue(c.objects().stream().allMatch(o -> o.change() == Change.UNCHANGED && o.paths().isEmpty()),
                    c.objects()::toString);
            assertEquals(6, c.objects().size());
            assertEquals(List.of("cluster `" + cluster + "`: no changes"), report.lines());
            assertFalse(report.refused());
        }
    }

    @Test
    void badInputIsNamedWithoutAStackTrace() throws IOException {
        Path missing = work.resolve("clusters/missing.yaml");
        Path configMap = work.resolve("clusters/config-map.yaml");
        Files.writeString(configMap, "apiVersion: v1\nkind: ConfigMap\n");
        CompatException files = assertThrows(CompatException.class, () -> UpgradePreview.preview(base, base,
                List.of(cluster, missing, configMap), PlanOptions.defaults(work.resolve("plan-work")), helm));
        assertEquals("2 cluster files cannot be previewed:\n  file not found: " + missing + "\n  " + configMap
                + ":2:7: kind: must be Cluster, not ConfigMap", files.getMessage());
        assertEquals("a cluster file cannot be previewed: file not found: " + missing, assertThrows(CompatException.class,
                () -> UpgradePreview.preview(base, base, List.of(missing), PlanOptions.defaults(work))).getMessage());

        Path nowhere = work.resolve("nowhere");
        CompatException release = assertThrows(CompatException.class, () -> UpgradePreview.preview(nowhere, base,
                List.of(cluster), PlanOptions.defaults(work.resolve("plan-work")), helm));
        assertEquals(nowhere + ": does not exist or is not a release folder, chart folder or .tgz chart", release.getMessage());

        Path broken = work.resolve("broken/docker-scs-1-32-cluster-class-v9.tgz");
        Files.createDirectories(broken.getParent());
        Files.writeString(broken, "not a gzip archive");
        CompatException unreadable = assertThrows(CompatException.class, () -> UpgradePreview.preview(base, broken,
                List.of(cluster), PlanOptions.defaults(work.resolve("plan-work")), helm));
        assertTrue(unreadable.getMessage().startsWith(broken + ": cannot read the chart: "), unreadable.getMessage());
    }
}
