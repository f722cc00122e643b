package dev.clusterstack.core.plan;

import dev.clusterstack.core.crd.CrdSchemas;
import dev.clusterstack.core.helm.HelmRunner;
import dev.clusterstack.core.plan.variables.Severity;
import dev.clusterstack.core.testsupport.SharedFolder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Plans test Clusters against the hand-written SCS cluster classes in {@code ../shared/reference/cluster-stacks}
 * (rendered with real Helm as the operator does) and checks values picked by hand from the class's patches.
 */
@Tag("helm")
@Tag("shared")
class ReferenceStackPlanTest {
    static final Path CLUSTERS = Path.of("src/test/resources/dev/clusterstack/core/plan/clusters");
    static HelmRunner helm;

    @TempDir
    Path tmp;

    @BeforeAll
    static void helm() {
        helm = HelmRunner.create();
    }

    @AfterAll
    static void close() {
        helm.close();
    }

    static Path head(String provider) throws IOException {
        Path stacks = SharedFolder.sharedOrSkip("reference/cluster-stacks");
        try (Stream<Path> s = Files.list(stacks)) {
            Path head = s.filter(p -> p.getFileName().toString().startsWith("HEAD-")).findFirst().orElseThrow();
            return head.resolve("providers").resolve(provider).resolve("scs/cluster-class");
        }
    }

    @Test
    void openStackScsPatchesFollowTheClustersVariables() throws IOException {
        ClassSource source = ClassSource.fromChart(head("openstack"), helm);
        CrdSchemas crds = CrdSchemas.load(SharedFolder.sharedOrSkip("crds/cluster-api-v1.10.10"),
                SharedFolder.sharedOrSkip("crds/cluster-api-provider-openstack-v0.12.7"));
        Plan plan = Planner.plan(source, ClusterFile.read(CLUSTERS.resolve("openstack-scs.yaml"), "openstack-scs.yaml"),
                PlanOptions.defaults(tmp).withCrds(crds));

        assertEquals(List.of(), plan.errors(), () -> "errors: " + plan.findings());
        assertEquals(List.of("infrastructure-cluster", "control-plane", "control-plane-machine-template",
                "md-md-0-bootstrap-template", "md-md-0-infrastructure-template", "md-md-0-machine-deployment",
                "md-md-1-bootstrap-template", "md-md-1-infrastructure-template", "md-md-1-machine-deployment"), plan.roles());
        // k8s_version: the image name from builtin.cluster.topology.version (control plane and workers)
        assertEquals("ubuntu-capi-image-v1.32.5", plan.valueAt("control-plane-machine-template", "/spec/template/spec/image/filter/name"));
        assertEquals("ubuntu-capi-image-v1.32.5", plan.valueAt("md-md-1-infrastructure-template", "/spec/template/spec/image/filter/name"));
        // controller_flavor / worker_flavor: the Cluster's value, the override, the variable's default
        assertEquals("SCS-4V-8", plan.valueAt("control-plane-machine-template", "/spec/template/spec/flavor"));
        assertEquals("SCS-8V-16", plan.valueAt("md-md-0-infrastructure-template", "/spec/template/spec/flavor"));
        assertEquals("SCS-2V-4", plan.valueAt("md-md-1-infrastructure-template", "/spec/template/spec/flavor"));
        // certSANs and oidc_config on the KubeadmControlPlane
        assertEquals(List.of("api.example.com", "192.0.2.10"),
                plan.valueAt("control-plane", "/spec/kubeadmConfigSpec/clusterConfiguration/apiServer/certSANs"));
        assertEquals("https://issuer.example.com",
                plan.valueAt("control-plane", "/spec/kubeadmConfigSpec/clusterConfiguration/apiServer/extraArgs/oidc-issuer-url"));
        // subnet: a valueFrom.template with range over dns_nameservers
        assertEquals(List.of(Map.of("cidr", "10.8.0.0/20", "dnsNameservers", List.of("9.9.9.9", "149.112.112.112"))),
                plan.valueAt("infrastructure-cluster", "/spec/managedSubnets"));
        // ssh_key on both machine templates; disabled patches leave no trace
        assertEquals("ops-key", plan.valueAt("md-md-0-infrastructure-template", "/spec/template/spec/sshKeyName"));
        assertEquals(null, plan.valueAt("infrastructure-cluster", "/spec/externalNetwork"));
        // controller-set fields and names
        assertEquals("v1.32.5", plan.valueAt("control-plane", "/spec/version"));
        assertEquals(3L, ((Number) plan.valueAt("control-plane", "/spec/replicas")).longValue());
        assertEquals("c1-xxxxx", plan.valueAt("control-plane", "/metadata/name"));
        assertEquals("c1-md-0-xxxxx", plan.valueAt("md-md-0-machine-deployment", "/metadata/name"));
        assertEquals("c1-md-0-xxxxx", plan.valueAt("md-md-0-machine-deployment", "/spec/template/spec/infrastructureRef/name"));
        assertEquals("OpenStackMachineTemplate.infrastructure.cluster.x-k8s.io",
                plan.valueAt("control-plane-machine-template", "/metadata/annotations/cluster.x-k8s.io~1cloned-from-groupkind"));
        assertTrue(plan.patchCoverage().get("oidc_config").contains("control-plane"));
        assertEquals(List.of(), plan.patchCoverage().get("external_id"));
        assertTrue(plan.findings().stream().noneMatch(f -> f.severity() == Severity.NOT_EVALUATED), plan.findings()::toString);
    }

    @Test
    void dockerScsPlans() throws IOException {
        ClassSource source = ClassSource.fromChart(head("docker"), helm);
        String className = source.classNames().get(0);
        String cluster = "apiVersion: cluster.x-k8s.io/v1beta1\nkind: Cluster\nmetadata:\n  name: d1\nspec:\n  topology:\n"
                + "    class: " + className + "\n    version: v1.32.5\n    workers:\n      machineDeployments:\n"
                + "        - class: default-worker\n          name: md-0\n";
        Plan plan = Planner.plan(source, ClusterFile.parse(cluster, "docker.yaml"), PlanOptions.defaults(tmp));
        assertEquals(List.of(), plan.errors(), () -> "errors: " + plan.findings());
        assertEquals("d1-xxxxx", plan.valueAt("infrastructure-cluster", "/metadata/name"));
        assertEquals("default", plan.valueAt("infrastructure-cluster", "/metadata/namespace"));
    }
}
