package dev.clusterstack.core.feature;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import dev.clusterstack.core.definition.StackDefinition;
import dev.clusterstack.core.model.ClusterStack;
import dev.clusterstack.core.model.KubernetesRelease;
import dev.clusterstack.core.model.StackContent;
import dev.clusterstack.core.model.addon.Addon;
import dev.clusterstack.core.model.addon.ChartDependency;
import dev.clusterstack.core.model.clusterclass.ClusterClass;
import dev.clusterstack.core.model.clusterclass.ControlPlaneClass;
import dev.clusterstack.core.model.clusterclass.MachineDeploymentClass;
import dev.clusterstack.core.model.infra.OpenStackClusterTemplate;
import dev.clusterstack.core.model.infra.OpenStackIdentityReference;
import dev.clusterstack.core.model.infra.OpenStackMachineTemplate;
import dev.clusterstack.core.model.kubeadm.KubeadmConfigSpec;
import dev.clusterstack.core.model.kubeadm.KubeadmConfigTemplate;
import dev.clusterstack.core.model.kubeadm.KubeadmControlPlaneTemplate;
import dev.clusterstack.core.render.ClusterClassChart;
import dev.clusterstack.core.problem.Problem;
import dev.clusterstack.core.validate.StackValidator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Test stacks (the Docker example, an OpenStack one built in Java) and the real-tool checks every feature test runs. */
final class Stacks {
    static final Path DOCKER = Path.of("src/test/resources/stacks/docker/stack.yaml");

    private Stacks() {
    }

    /**
     * The Docker example. Its own patch {@code clusterNameFile} appends to the worker template's
     * {@code files}, which the example does not declare: real Cluster API (and the plan, {@link PlannedTopology})
     * fail that patch. {@link #dockerFixed()} adds the empty list for tests of features that do not
     * declare worker files themselves.
     */
    static ClusterStack docker() {
        return StackDefinition.load(DOCKER).stack();
    }

    static ClusterStack dockerFixed() {
        return map(docker(), c -> Support.updateWorkers(c, s -> Support.keepLists(s, "files")));
    }

    /** A small OpenStack stack (Kubernetes 1.32) with a ccm addon, built with the Java API. */
    static ClusterStack openStack(String ccmOverwrite) {
        KubeadmConfigSpec cp = KubeadmConfigSpec.builder().postKubeadmCommand("echo control plane ready").build();
        KubeadmConfigSpec worker = KubeadmConfigSpec.builder().build();
        OpenStackClusterTemplate.ClusterSpec cs = new OpenStackClusterTemplate.ClusterSpec(
                OpenStackIdentityReference.of("openstack", "openstack"), null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, Map.of());
        OpenStackMachineTemplate.MachineSpec ms = new OpenStackMachineTemplate.MachineSpec("SCS-2V-4", null,
                OpenStackMachineTemplate.ImageParam.byName("ubuntu-capi-image"), null, null, null, null, null, null, null,
                null, null, null, null, Map.of());
        Addon ccm = Addon.of("ccm", ChartDependency.of("openstack-cloud-controller-manager", "2.32.0",
                        "https://kubernetes.github.io/cloud-provider-openstack"),
                Map.of("openstack-cloud-controller-manager", Map.of("secret", Map.of("enabled", true))));
        if (ccmOverwrite != null) {
            ccm = ccm.withOverwrite(ccmOverwrite);
        }
        StackContent content = StackContent.builder()
                .clusterClass(ClusterClass.builder()
                        .infrastructure("cluster")
                        .controlPlane(ControlPlaneClass.of("control-plane", "control-plane-machine"))
                        .machineDeployment(MachineDeploymentClass.of("default-worker", "worker-bootstrap", "worker-machine"))
                        .build())
                .template(OpenStackClusterTemplate.of("cluster", cs))
                .template(OpenStackMachineTemplate.of("control-plane-machine", ms))
                .template(OpenStackMachineTemplate.of("worker-machine", ms))
                .template(KubeadmControlPlaneTemplate.of("control-plane", cp))
                .template(KubeadmConfigTemplate.of("worker-bootstrap", worker))
                .addon(ccm)
                .build();
        return ClusterStack.builder().provider("openstack").name("scs").release("1.32.5", content).build();
    }

    /** The stack with every release's content changed. */
    static ClusterStack map(ClusterStack stack, UnaryOperator<StackContent> change) {
        List<KubernetesRelease> out = new ArrayList<>();
        for (KubernetesRelease r : stack.releases()) {
            out.add(new KubernetesRelease(r.kubernetesVersion(), r.nodeImage(), r.values(), change.apply(r.content())));
        }
        return new ClusterStack(stack.provider(), stack.name(), out);
    }

    static ClusterStack with(ClusterStack stack, Feature... features) {
        return map(stack, c -> {
            StackContent out = c;
            for (Feature f : features) {
                out = f.apply(out);
            }
            return out;
        });
    }

    static void assertValid(ClusterStack stack) {
        List<Problem> errors = StackValidator.validate(stack).stream().filter(Problem::isError).toList();
        assertEquals(List.of(), errors, "StackValidator errors");
    }

    /**
     * Validates the stack, writes the last release's cluster-class chart, checks it with
     * {@code helm lint --strict}, renders it with {@code helm template} as the operator does and
     * returns the rendered objects.
     */
    static List<Map<String, Object>> renderChecked(ClusterStack stack, Path dir) {
        assertValid(stack);
        KubernetesRelease release = stack.releases().get(stack.releases().size() - 1);
        Path chart = dir.resolve("chart");
        ClusterClassChart.write(stack, release, "v1", chart);
        LintResult lint = new Helm(chart).lint().strict().call();
        assertFalse(lint.isFailed(), () -> "helm lint --strict: " + lint.getMessages());
        String out = new Helm(chart).template().withName(stack.releaseName(release.kubernetesVersion()))
                .withNamespace("ns").call();
        return parse(out);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> parse(String multiDoc) {
        try (MappingIterator<Map<String, Object>> it = new YAMLMapper().readerFor(Map.class).readValues(multiDoc)) {
            List<Map<String, Object>> out = new ArrayList<>();
            while (it.hasNext()) {
                Map<String, Object> m = it.next();
                if (m != null && !m.isEmpty()) {
                    out.add(m);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path tempDir(Path base) {
        try {
            return Files.createDirectories(base);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
