package dev.clusterstack.core.model.infra;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import dev.clusterstack.core.crd.CrdSchemas;
import dev.clusterstack.core.definition.StackDefinition;
import dev.clusterstack.core.helm.HelmRunner;
import dev.clusterstack.core.model.ClusterStack;
import dev.clusterstack.core.model.KubernetesRelease;
import dev.clusterstack.core.model.base.Template;
import dev.clusterstack.core.problem.Problem;
import dev.clusterstack.core.problem.StackException;
import dev.clusterstack.core.release.ReleaseBuilder;
import dev.clusterstack.core.release.VersionMode;
import dev.clusterstack.core.render.ClusterClassChart;
import dev.clusterstack.core.testsupport.SharedFolder;
import dev.clusterstack.core.validate.StackValidator;
import dev.clusterstack.core.verify.ReleaseVerifier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CAPD's {@code DevClusterTemplate} and {@code DevMachineTemplate} (infrastructure.cluster.x-k8s.io/v1beta2, Docker
 * settings below {@code backend.docker}) beside the deprecated Docker* kinds: read from a definition, checked by the
 * validator, rendered by Helm, and valid against the real CRDs of Cluster API v1.14.0.
 */
class DevTemplatesTest {
    static final Path DEFINITION = Path.of("src/test/resources/definition/valid/dev-templates.yaml");

    @TempDir
    Path tmp;

    ClusterStack load() throws Exception {
        return StackDefinition.load(DEFINITION).stack();
    }

    @Test
    void aDefinitionWithDevTemplatesLoadsTypedAndValidates() throws Exception {
        ClusterStack stack = load();
        List<Template> templates = stack.releases().get(0).content().templates();
        DevClusterTemplate cluster = assertInstanceOf(DevClusterTemplate.class, templates.get(0));
        assertEquals("infrastructure.cluster.x-k8s.io/v1beta2", cluster.apiVersion());
        assertEquals(List.of(Map.of("name", "fd1", "controlPlane", true)),
                cluster.spec().template().spec().backend().docker().failureDomains());
        DevMachineTemplate machine = assertInstanceOf(DevMachineTemplate.class, templates.get(1));
        DevMachineTemplate.DockerBackend docker = machine.spec().template().spec().backend().docker();
        assertEquals("kindest/node:v1.34.1", docker.customImage());
        assertEquals("5m", docker.bootstrapTimeout());
        assertEquals("/var/run/docker.sock", docker.extraMounts().get(0).hostPath());
        assertEquals(List.of(), StackValidator.validate(stack).stream().filter(Problem::isError).toList());
    }

    @Test
    void aDevMachineTemplateInTheClusterRoleIsRefused() throws Exception {
        Path file = Files.writeString(tmp.resolve("stack.yaml"), Files.readString(DEFINITION).replace("infrastructure: {ref: cluster}",
                "infrastructure: {ref: machine}"));
        StackException e = assertThrows(StackException.class, () -> StackDefinition.load(file));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertEquals("clusterClass.infrastructure.ref", e.problems().get(0).path());
        assertTrue(e.problems().get(0).message().contains("is a DevMachineTemplate, but this reference needs an infrastructure"
                + " cluster template (a kind ending in ClusterTemplate)"), e.getMessage());
    }

    @Test
    void theJavaDefaultsRenderTheDockerBackend() {
        assertEquals(Map.of("backend", Map.of("docker", Map.of())), dev.clusterstack.core.bind.Writer.toPlain(
                DevClusterTemplate.of("cluster").spec().template().spec()));
        assertEquals(Map.of("backend", Map.of("docker", Map.of("customImage", "kindest/node:v1.34.1"))),
                dev.clusterstack.core.bind.Writer.toPlain(DevMachineTemplate.of("machine", new DevMachineTemplate.DockerBackend(
                        "kindest/node:v1.34.1", null, null, null, Map.of())).spec().template().spec()));
    }

    @Test
    @Tag("shared")
    @Tag("helm")
    void verifyNamesAPatchPathTheCrdSchemaLacks() throws Exception {
        CrdSchemas crds = CrdSchemas.load(SharedFolder.sharedOrSkip("crds/cluster-api-v1.14.0"));
        Path file = Files.writeString(tmp.resolve("stack.yaml"), Files.readString(DEFINITION)
                .replace("/spec/template/spec/backend/docker/customImage", "/spec/template/spec/backend/docker/customImag"));
        ClusterStack stack = StackDefinition.load(file).stack();
        List<ReleaseBuilder.ReleaseOutput> releases = ReleaseBuilder.build(stack,
                new ReleaseBuilder.Options(VersionMode.STABLE, null, tmp.resolve("out"), null, null, false, null));
        try (HelmRunner helm = HelmRunner.create()) {
            ReleaseVerifier.Report report = new ReleaseVerifier(helm, crds).verify(releases.get(0).folder());
            assertEquals(List.of("error: docker-scs-1-34-v1: docker-scs-1-34-cluster-class-v1.tgz: ClusterClass docker-scs-1-34-v1:"
                    + " spec.patches[0] (workerImage).definitions[0].jsonPatches[0].path: /spec/template/spec/backend/docker/customImag:"
                    + " /spec/template/spec/backend/docker has no field 'customImag' in the CRD schema of DevMachineTemplate"
                    + " infrastructure.cluster.x-k8s.io/v1beta2 (checked by clusterstack: Cluster API fails a JSON patch through a"
                    + " missing field, and the API server drops an unknown one)"),
                    // (the fixture's kubeadm templates and addons are left empty: verify names those too)
                    report.problems().stream().filter(Problem::isError).map(Problem::toString)
                            .filter(p -> p.contains("spec.patches")).toList());
        }
    }

    @Test
    @Tag("shared")
    @Tag("helm")
    void renderedDevTemplatesPassTheRealCrds() throws Exception {
        CrdSchemas crds = CrdSchemas.load(SharedFolder.sharedOrSkip("crds/cluster-api-v1.14.0"));
        ClusterStack stack = load();
        KubernetesRelease release = stack.releases().get(0);
        Path chart = tmp.resolve("chart");
        ClusterClassChart.write(stack, release, "v1", chart);
        String out = new Helm(chart).template().withName(stack.releaseName(release.kubernetesVersion())).withNamespace("ns").call();
        List<Map<String, Object>> objects = new ArrayList<>();
        try (MappingIterator<Map<String, Object>> it = new YAMLMapper().readerFor(Map.class).readValues(out)) {
            while (it.hasNext()) {
                Map<String, Object> o = it.next();
                if (o != null && String.valueOf(o.get("kind")).startsWith("Dev")) {
                    objects.add(o);
                }
            }
        }
        assertEquals(2, objects.size(), out);
        for (Map<String, Object> o : objects) {
            assertEquals("infrastructure.cluster.x-k8s.io/v1beta2", o.get("apiVersion"));
            assertEquals(List.of(), crds.validate(o), o.get("kind") + ":\n" + out);
        }
        for (Map<String, Object> o : List.of(
                Map.<String, Object>of("apiVersion", "infrastructure.cluster.x-k8s.io/v1beta2", "kind", "DevClusterTemplate",
                        "metadata", Map.of("name", "c"), "spec", dev.clusterstack.core.bind.Writer.toPlain(DevClusterTemplate.of("c").spec())),
                Map.<String, Object>of("apiVersion", "infrastructure.cluster.x-k8s.io/v1beta2", "kind", "DevMachineTemplate",
                        "metadata", Map.of("name", "m"), "spec", dev.clusterstack.core.bind.Writer.toPlain(
                                DevMachineTemplate.of("m", null).spec())))) {
            assertEquals(List.of(), crds.validate(o), "Java defaults of " + o.get("kind"));
        }
    }
}
