package dev.clusterstack.core.plan;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clusterstack.core.crd.CrdSchemas;
import dev.clusterstack.core.crd.SchemaViolation;
import dev.clusterstack.core.helm.HelmRunner;
import dev.clusterstack.core.testsupport.SharedFolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The v1beta1/v1beta2 equivalence harness on hand-written twins: a v1beta1 class and its v1beta2 twin written by hand
 * (test resources {@code plan/v1beta2-twin}) are planned for the same Clusters, written both as v1beta1
 * ({@code class}) and as v1beta2 ({@code classRef}), and the planned objects must be equal once converted with Cluster
 * API's field mapping. A twin made wrong on purpose must be reported with the path of the difference.
 */
@Tag("helm")
class PlanEquivalenceTest {
    static final Path TWINS = Path.of("src/test/resources/dev/clusterstack/core/plan/v1beta2-twin");
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

    static ClassSource manifests(String file) throws IOException {
        return ClassSource.fromManifests(file, Files.readString(TWINS.resolve(file)));
    }

    static List<ClusterFile> clusters(String... files) {
        List<ClusterFile> out = new ArrayList<>();
        for (String f : files) {
            out.add(ClusterFile.read(TWINS.resolve(f), f));
        }
        return out;
    }

    @Test
    void richTwinPlansTheSameObjects() throws IOException {
        PlanEquivalence.Report report = PlanEquivalence.compare(manifests("rich-v1beta1.yaml"), manifests("rich-v1beta2.yaml"),
                clusters("rich-cluster-v1beta1.yaml", "rich-cluster-v1beta2.yaml"), PlanOptions.defaults(tmp));
        assertTrue(report.equivalent(), report::describe);
        assertEquals(List.of(), report.notes());
        Plan v1 = report.v1beta1().get(0);
        Plan v2 = report.v1beta2().get(0);
        assertEquals(List.of("infrastructure-cluster", "control-plane", "control-plane-machine-template",
                "md-md-0-bootstrap-template", "md-md-0-infrastructure-template", "md-md-0-machine-deployment",
                "md-md-1-bootstrap-template", "md-md-1-infrastructure-template", "md-md-1-machine-deployment"), v2.roles());
        // the objects are planned in the version of the class: KubeadmControlPlane v1beta1 and v1beta2
        assertEquals("controlplane.cluster.x-k8s.io/v1beta1", v1.valueAt("control-plane", "/apiVersion"));
        assertEquals("controlplane.cluster.x-k8s.io/v1beta2", v2.valueAt("control-plane", "/apiVersion"));
        assertEquals("bootstrap.cluster.x-k8s.io/v1beta2", v2.valueAt("md-md-0-bootstrap-template", "/apiVersion"));
        // naming from ClusterClass.spec.controlPlane.naming and namingStrategy
        assertEquals("rich-a-cp-xxxxx", v2.valueAt("control-plane", "/metadata/name"));
        assertEquals("rich-a-cp-xxxxx", v1.valueAt("control-plane", "/metadata/name"));
        assertEquals("rich-a-infra-xxxxx", v2.valueAt("infrastructure-cluster", "/metadata/name"));
        // the patch appended the argument with /- in v1beta2 and added the map key in v1beta1
        assertEquals(Map.of("name", "audit-log-maxage", "value", "14"),
                v2.valueAt("control-plane", "/spec/kubeadmConfigSpec/clusterConfiguration/apiServer/extraArgs/2"));
        assertEquals("14", v1.valueAt("control-plane", "/spec/kubeadmConfigSpec/clusterConfiguration/apiServer/extraArgs/audit-log-maxage"));
        // deletion: the topology's 7m overrides the class's 5m, at each contract version's path
        assertEquals(420L, num(v2, "control-plane", "/spec/machineTemplate/spec/deletion/nodeDrainTimeoutSeconds"));
        assertEquals("7m0s", v1.valueAt("control-plane", "/spec/machineTemplate/nodeDrainTimeout"));
        assertEquals(600L, num(v2, "control-plane", "/spec/machineTemplate/spec/deletion/nodeDeletionTimeoutSeconds"));
        // machine deployments: class rollout, deletion order and maxInFlight; topology overrides on md-1
        assertEquals("Oldest", v1.valueAt("md-md-0-machine-deployment", "/spec/deletion/order"));
        assertEquals(1L, num(v1, "md-md-0-machine-deployment", "/spec/remediation/maxInFlight"));
        assertEquals(150L, num(v2, "md-md-0-machine-deployment", "/spec/template/spec/deletion/nodeDrainTimeoutSeconds"));
        assertEquals(Map.of("type", "OnDelete"), v2.valueAt("md-md-1-machine-deployment", "/spec/rollout/strategy"));
        assertEquals(3L, num(v2, "md-md-1-machine-deployment", "/spec/remediation/maxInFlight"));
        assertEquals(60L, num(v2, "md-md-1-machine-deployment", "/spec/template/spec/deletion/nodeDeletionTimeoutSeconds"));
        assertEquals(15L, num(v2, "md-md-1-machine-deployment", "/spec/template/spec/minReadySeconds"));
        // the v1beta2 Cluster (classRef) sets the deletion order and a timeout of its own machine deployment
        Plan b = report.v1beta1().get(1);
        assertEquals("Newest", b.valueAt("md-md-0-machine-deployment", "/spec/deletion/order"));
        assertEquals(20L, num(b, "md-md-0-machine-deployment", "/spec/template/spec/deletion/nodeVolumeDetachTimeoutSeconds"));
    }

    @Test
    void clustersCanBePairedPerRendering() throws IOException {
        ClassSource renamed = ClassSource.fromManifests("renamed twin", Files.readString(TWINS.resolve("rich-v1beta2.yaml"))
                .replace("{name: rich-v1,", "{name: rich-v2,"));
        List<ClusterFile> a = clusters("rich-cluster-v1beta1.yaml", "rich-cluster-v1beta2.yaml");
        List<ClusterFile> b = a.stream().map(c -> c.forRelease("rich-v2", "v1.33.1")).toList();
        PlanEquivalence.Report report = PlanEquivalence.compare(manifests("rich-v1beta1.yaml"), a, renamed, b, PlanOptions.defaults(tmp));
        assertTrue(report.equivalent(), report::describe);
        assertEquals("rich-v2", report.v1beta2().get(1).className());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> PlanEquivalence.compare(renamed, a, renamed, List.of(), PlanOptions.defaults(tmp)));
        assertEquals("the Clusters are paired by position: 2 for v1beta1, 0 for v1beta2", e.getMessage());
    }

    /** A planned number, whatever Java type the tree holds it in. */
    static long num(Plan plan, String role, String pointer) {
        Object v = plan.valueAt(role, pointer);
        assertTrue(v instanceof Number, () -> role + " " + pointer + ": " + v);
        return ((Number) v).longValue();
    }

    @Test
    void aTwinMissingAnArgumentIsReportedWithItsPath() throws IOException {
        ClassSource v2 = manifests("rich-v1beta2.yaml");
        List<ObjectNode> objects = new ArrayList<>();
        for (Map<String, Object> o : v2.objects()) {
            ObjectNode n = new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(o);
            if (n.path("kind").asText().equals("KubeadmConfigTemplate")) {
                ArrayNode args = (ArrayNode) n.at("/spec/template/spec/joinConfiguration/nodeRegistration/kubeletExtraArgs");
                args.remove(1); // fail-swap-on
            }
            if (n.path("kind").asText().equals("KubeadmControlPlaneTemplate")) {
                ((ObjectNode) n.at("/spec/template/spec/kubeadmConfigSpec/initConfiguration/timeouts")).put("kubeletHealthCheckSeconds", 100);
            }
            objects.add(n);
        }
        PlanEquivalence.Report report = PlanEquivalence.compare(manifests("rich-v1beta1.yaml"), ClassSource.of("wrong twin", objects),
                clusters("rich-cluster-v1beta2.yaml"), PlanOptions.defaults(tmp));
        assertFalse(report.equivalent());
        assertEquals("""
                rich-cluster-v1beta2.yaml control-plane spec.kubeadmConfigSpec.initConfiguration.timeouts.kubeletHealthCheckSeconds: \
                v1beta1 (absent), v1beta2 "no v1beta1 field (Cluster API keeps it only in the conversion-data annotation)"
                rich-cluster-v1beta2.yaml md-md-0-bootstrap-template /spec/template/spec/joinConfiguration/nodeRegistration/kubeletExtraArgs/fail-swap-on: \
                v1beta1 "false", v1beta2 (absent)
                """, report.describe());
    }

    /** The reference docker/scs stack (HEAD) rendered with real Helm, and its v1beta2 twin, a chart folder written by hand. */
    @Test
    @Tag("shared")
    void dockerScsTwinPlansTheSameObjects() throws IOException {
        Path reference = ReferenceStackPlanTest.head("docker");
        CrdSchemas crds = CrdSchemas.load(SharedFolder.sharedOrSkip("crds/cluster-api-v1.14.0"));
        ClassSource v1 = ClassSource.fromChart(reference, helm);
        ClassSource v2 = ClassSource.fromChart(TWINS.resolve("docker-scs"), helm);
        PlanEquivalence.Report report = PlanEquivalence.compare(v1, v2,
                clusters("docker-cluster-v1beta1.yaml", "docker-cluster-v1beta2.yaml"), PlanOptions.defaults(tmp).withCrds(crds));
        assertTrue(report.equivalent(), report::describe);
        assertEquals(6, report.v1beta2().get(0).roles().size());
        // CRD defaults and checks by apiVersion: the v1beta2 templates have their v1beta2 schemas (only the
        // created objects DockerCluster and KubeadmControlPlane, whose CRDs are not among the test CRDs, are not validated)
        for (Plan p : report.v1beta2()) {
            assertEquals(List.of("no CRD for DockerCluster (infrastructure.cluster.x-k8s.io/v1beta1): not validated",
                    "no CRD for KubeadmControlPlane (controlplane.cluster.x-k8s.io/v1beta2): not validated"),
                    p.findings().stream().map(Finding::message).toList());
        }
        assertEquals("registry.example.com", report.v1beta2().get(0).valueAt("control-plane",
                "/spec/kubeadmConfigSpec/clusterConfiguration/imageRepository"));
    }

    /** Every object of the twins validates against Cluster API v1.14's CRDs (v1beta2 schemas: minProperties, list items). */
    @Test
    @Tag("shared")
    void twinsMatchTheClusterApiCrds() throws IOException {
        CrdSchemas crds = CrdSchemas.load(SharedFolder.sharedOrSkip("crds/cluster-api-v1.14.0"));
        List<Map<String, Object>> objects = new ArrayList<>(manifests("rich-v1beta2.yaml").objects());
        objects.addAll(manifests("rich-v1beta1.yaml").objects());
        objects.addAll(ClassSource.fromChart(TWINS.resolve("docker-scs"), helm).objects());
        for (String f : List.of("rich-cluster-v1beta1.yaml", "rich-cluster-v1beta2.yaml", "docker-cluster-v1beta1.yaml",
                "docker-cluster-v1beta2.yaml")) {
            objects.add(new com.fasterxml.jackson.databind.ObjectMapper().convertValue(ClusterFile.read(TWINS.resolve(f), f).tree(), Map.class));
        }
        for (Map<String, Object> o : objects) {
            List<SchemaViolation> violations = crds.validate(o);
            assertEquals(List.of(), violations, () -> o.get("apiVersion") + " " + o.get("kind"));
        }
        assertEquals(19, objects.size());
    }
}
