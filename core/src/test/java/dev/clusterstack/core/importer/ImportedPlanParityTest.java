package dev.clusterstack.core.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.clusterstack.core.definition.StackDefinition;
import dev.clusterstack.core.helm.HelmRunner;
import dev.clusterstack.core.model.ClusterStack;
import dev.clusterstack.core.plan.ClassSource;
import dev.clusterstack.core.plan.ClusterFile;
import dev.clusterstack.core.plan.Plan;
import dev.clusterstack.core.plan.PlanOptions;
import dev.clusterstack.core.plan.Planner;
import dev.clusterstack.core.release.ReleaseBuilder;
import dev.clusterstack.core.release.ReleaseVersions;
import dev.clusterstack.core.release.StackVersion;
import dev.clusterstack.core.release.VersionMode;
import dev.clusterstack.core.testsupport.SharedFolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Behavioural parity of the importer: the same hand-written test Clusters planned against a reference stack's own
 * cluster-class chart (rendered per Kubernetes version as the operator does, see {@link ReferenceStackImportTest})
 * and against the cluster-class chart of the release built from the imported definition give identical desired
 * objects in every role. The imported release is built with the original's chart version, so class and template names
 * are the same on both sides and no name is normalised (but for a stack that names its objects from values, whose
 * renames the report lists); any difference fails the test and is printed.
 */
@Tag("helm")
@Tag("shared")
class ImportedPlanParityTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static HelmRunner helm;

    /** Defaults only: one control-plane node and one worker pool of the class's worker class. */
    private static final String DEFAULTS = """
            apiVersion: cluster.x-k8s.io/v1beta1
            kind: Cluster
            metadata:
              name: c1
            spec:
              topology:
                class: any
                workers:
                  machineDeployments:
                    - class: default-worker
                      name: md-0
            """;

    /**
     * openstack/scs2 with variables of its ClusterClass set (values valid for their schemas) and one override. Not
     * oidcConfig: the reference's own patch adds to {@code .../apiServer/extraArgs}, which its KubeadmControlPlaneTemplate
     * does not have, so planning fails against the original chart already.
     */
    private static final String SCS2_SET = """
            apiVersion: cluster.x-k8s.io/v1beta1
            kind: Cluster
            metadata:
              name: c2
            spec:
              topology:
                class: any
                controlPlane:
                  replicas: 3
                variables:
                  - name: controlPlaneFlavor
                    value: SCS-4V-8
                  - name: controlPlaneRootDisk
                    value: 30
                  - name: workerFlavor
                    value: SCS-8V-16
                  - name: sshKeyName
                    value: ops-key
                  - name: certSANs
                    value: [api.example.com, 192.0.2.10]
                  - name: dnsNameservers
                    value: [192.0.2.53]
                  - name: nodeCIDR
                    value: 10.20.0.0/20
                  - name: networkMTU
                    value: 1400
                  - name: apiServerLoadBalancer
                    value: octavia-amphora
                  - name: apiServerLoadBalancerOctaviaAmphoraAllowedCIDRs
                    value: [198.51.100.0/24]
                  - name: securityGroups
                    value: [allow-ssh]
                workers:
                  machineDeployments:
                    - class: default-worker
                      name: md-0
                      replicas: 2
                    - class: default-worker
                      name: md-1
                      variables:
                        overrides:
                          - name: workerFlavor
                            value: SCS-2V-4
            """;

    /** openstack/scs with variables of its ClusterClass set. */
    private static final String SCS_SET = """
            apiVersion: cluster.x-k8s.io/v1beta1
            kind: Cluster
            metadata:
              name: c2
            spec:
              topology:
                class: any
                variables:
                  - name: controller_flavor
                    value: SCS-4V-8
                  - name: worker_flavor
                    value: SCS-8V-16
                  - name: ssh_key
                    value: ops-key
                  - name: dns_nameservers
                    value: [192.0.2.53]
                workers:
                  machineDeployments:
                    - class: default-worker
                      name: md-0
            """;

    /** docker/ferrol of 2023 (the layout before csctl) as its own topology-docker.yaml writes a Cluster, registry set. */
    private static final String FERROL_SET = """
            apiVersion: cluster.x-k8s.io/v1beta1
            kind: Cluster
            metadata:
              name: c2
            spec:
              clusterNetwork:
                services:
                  cidrBlocks: ["10.128.0.0/12"]
                pods:
                  cidrBlocks: ["192.168.0.0/16"]
                serviceDomain: cluster.local
              topology:
                class: any
                controlPlane:
                  replicas: 1
                variables:
                  - name: imageRepository
                    value: registry.example.com
                workers:
                  machineDeployments:
                    - class: workeramd64
                      name: md-0
                      replicas: 1
            """;

    /** openstack/scs/1-28 of March 2024 (CAPO v1alpha7 templates) with variables of its ClusterClass set. */
    private static final String SCS_2024_SET = """
            apiVersion: cluster.x-k8s.io/v1beta1
            kind: Cluster
            metadata:
              name: c2
            spec:
              topology:
                class: any
                variables:
                  - name: controller_flavor
                    value: SCS-4V-8
                  - name: worker_flavor
                    value: SCS-8V-16
                  - name: controller_root_disk
                    value: 40
                  - name: ssh_key
                    value: ops-key
                workers:
                  machineDeployments:
                    - class: openstack-scs-1-28-v1-md-0-no1
                      name: md-0
            """;

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

    @Test
    void openStackScs2PlansLikeTheOriginal() throws Exception {
        assertParity("HEAD-a931cdb/providers/openstack/scs2", List.of(DEFAULTS, SCS2_SET),
                // the set variables reach the objects (values from SCS2_SET and the class's defaults)
                new Value(0, "control-plane-machine-template", "/spec/template/spec/flavor", "SCS-2V-4"),
                new Value(1, "control-plane-machine-template", "/spec/template/spec/flavor", "SCS-4V-8"),
                new Value(1, "md-md-0-infrastructure-template", "/spec/template/spec/flavor", "SCS-8V-16"),
                new Value(1, "md-md-1-infrastructure-template", "/spec/template/spec/flavor", "SCS-2V-4"),
                new Value(1, "md-md-0-infrastructure-template", "/spec/template/spec/sshKeyName", "ops-key"));
    }

    @Test
    void openStackScsPlansLikeTheOriginal() throws Exception {
        assertParity("HEAD-a931cdb/providers/openstack/scs", List.of(DEFAULTS, SCS_SET),
                new Value(1, "control-plane-machine-template", "/spec/template/spec/flavor", "SCS-4V-8"),
                new Value(1, "md-md-0-infrastructure-template", "/spec/template/spec/sshKeyName", "ops-key"));
    }

    @Test
    void dockerScsPlansLikeTheOriginal() throws Exception {
        assertParity("HEAD-a931cdb/providers/docker/scs", List.of(DEFAULTS));
    }

    @Test
    void dockerFerrolPlansLikeTheOriginal() throws Exception {
        assertParity("f603df5-2023-11-29/providers/docker/ferrol/1-27",
                List.of(DEFAULTS.replace("class: default-worker", "class: workeramd64"), FERROL_SET),
                // the node images of the chart's values.yaml, by the patches customImage and DockerMachineTemplateWorker
                new Value(0, "control-plane-machine-template", "/spec/template/spec/customImage",
                        "ghcr.io/sovereigncloudstack/docker-ferrol-1-27-controlplaneamd64:v1"),
                new Value(0, "md-md-0-infrastructure-template", "/spec/template/spec/customImage",
                        "ghcr.io/sovereigncloudstack/docker-ferrol-1-27-workeramd64:v1"),
                // the chart's enabledIf '{{ ne .imageRepository "" }}' is not escaped: Helm evaluated it when rendering
                // the chart (without the variable there, to a constant that is not true), so the original never sets
                // the registry; the import keeps that constant and warns
                new Value(1, "control-plane", "/spec/template/spec/kubeadmConfigSpec/clusterConfiguration/imageRepository",
                        null));
    }

    @Test
    void openStackScsOfMarch2024PlansLikeTheOriginal() throws Exception {
        assertParity("61f0749-2024-03-18/providers/openstack/scs/1-28",
                List.of(DEFAULTS.replace("class: default-worker", "class: openstack-scs-1-28-v1-md-0-no1"), SCS_2024_SET),
                new Value(1, "control-plane-machine-template", "/spec/template/spec/flavor", "SCS-4V-8"),
                new Value(1, "md-md-0-infrastructure-template", "/spec/template/spec/flavor", "SCS-8V-16"),
                new Value(1, "control-plane-machine-template", "/spec/template/spec/rootVolume/diskSize", 40),
                new Value(1, "md-md-0-infrastructure-template", "/spec/template/spec/sshKeyName", "ops-key"));
    }

    /**
     * openstack/scs/1-27 of February 2024 names its class and templates from values ({@code testcluster},
     * {@code testcluster-control-plane-genc01}); the import names them after the release, as the report lists. The
     * plans are compared with the original's names in the objects (the class a Cluster names, the template an object
     * is cloned from) taken as renamed; nothing else may differ.
     */
    @Test
    void openStackScsOfFebruary2024PlansLikeTheOriginalUnderTheReleaseNames() throws Exception {
        String prefix = "openstack-scs-1-27-v1";
        Map<String, String> renames = new TreeMap<>(Map.of("ClusterClass testcluster", prefix,
                "OpenStackClusterTemplate testcluster", prefix + "-testcluster",
                "KubeadmControlPlaneTemplate testcluster-control-plane-genc01", prefix + "-testcluster-control-plane-genc01",
                "OpenStackMachineTemplate capi-testcluster-control-plane-genc01", prefix + "-capi-testcluster-control-plane-genc01",
                "OpenStackMachineTemplate capi-testcluster-md-0-genw01", prefix + "-capi-testcluster-md-0-genw01",
                "KubeadmConfigTemplate capi-testcluster-md-0-genw01", prefix + "-capi-testcluster-md-0-genw01"));
        assertParity("c46ed0a-2024-02-14/providers/openstack/scs/1-27", renames,
                // SCS_SET without ssh_key, which this class does not declare yet
                List.of(DEFAULTS, SCS_SET.replace("      - name: ssh_key\n        value: ops-key\n", "")).stream()
                        .map(c -> c.replace("class: default-worker", "class: capi-testcluster-md-0-no1")).toList(),
                new Value(1, "control-plane-machine-template", "/spec/template/spec/flavor", "SCS-4V-8"),
                new Value(1, "md-md-0-infrastructure-template", "/spec/template/spec/flavor", "SCS-8V-16"));
    }

    /** A value written by hand that the plan of cluster {@code cluster} must have on both sides. */
    record Value(int cluster, String role, String pointer, Object value) {
    }

    private void assertParity(String stackPath, List<String> clusters, Value... values) throws Exception {
        assertParity(stackPath, Map.of(), clusters, values);
    }

    /** As above; {@code renames}: {@code <kind> <name>} of the original's class and templates to the import's names. */
    private void assertParity(String stackPath, Map<String, String> renames, List<String> clusters, Value... values)
            throws Exception {
        Path original = SharedFolder.sharedOrSkip("reference/cluster-stacks/" + stackPath);
        ImportReport report = StackImporter.importStack(original, tmp.resolve("project"), ImportOptions.defaults());
        ClusterStack stack = StackDefinition.load(report.definition()).stack();
        Map<String, Object> classChart = YAML.readValue(Files.readString(original.resolve("cluster-class/Chart.yaml")), Map.class);
        StackVersion version = StackVersion.parse(String.valueOf(classChart.get("version")));
        List<ReleaseBuilder.ReleaseOutput> built = ReleaseBuilder.build(stack, new ReleaseBuilder.Options(VersionMode.CUSTOM,
                new ReleaseVersions(version, version, version), tmp.resolve("out"), null, null, false, null));
        List<Map<String, Object>> versions = ReferenceStackImportTest.versions(original);
        assertEquals(versions.size(), built.size(), "one release per Kubernetes version");

        List<String> differences = new ArrayList<>();
        int plans = 0;
        int objects = 0;
        for (int i = 0; i < built.size(); i++) {
            ReleaseBuilder.ReleaseOutput out = built.get(i);
            String release = stack.releaseName(out.release().kubernetesVersion());
            Path originalChart = ReferenceStackImportTest.originalChart(original, versions.get(i), release, tmp.resolve("orig-" + i));
            ClassSource theirs = ClassSource.fromChart(originalChart, helm);
            ClassSource ours = ClassSource.fromChart(out.clusterClassArchive(), helm);
            assertEquals(theirs.classNames().stream().map(n -> renames.getOrDefault("ClusterClass " + n, n)).toList(),
                    ours.classNames(),
                    release + ": class names");
            String className = theirs.classNames().get(0);
            String reportText = Files.readString(report.report());
            renames.keySet().forEach(n -> assertTrue(reportText.contains(n + "`: "), n + " renamed in the report"));
            String kube = out.release().kubernetesVersion().tag();
            for (int c = 0; c < clusters.size(); c++) {
                ClusterFile cluster = ClusterFile.parse(clusters.get(c), "cluster-" + c + ".yaml").forRelease(className, kube);
                Plan a = Planner.plan(theirs, cluster, PlanOptions.defaults(tmp.resolve("plan-a-" + i + "-" + c)));
                ClusterFile ourCluster = ClusterFile.parse(clusters.get(c), "cluster-" + c + ".yaml")
                        .forRelease(ours.classNames().get(0), kube);
                Plan b = Planner.plan(ours, ourCluster, PlanOptions.defaults(tmp.resolve("plan-b-" + i + "-" + c)));
                String what = release + " cluster-" + c;
                assertEquals(List.of(), a.errors(), () -> what + " against the original: " + a.findings());
                assertEquals(List.of(), b.errors(), () -> what + " against the imported: " + b.findings());
                assertEquals(a.roles(), b.roles(), what + ": roles");
                assertFalse(a.roles().isEmpty(), what);
                for (Value v : values) {
                    if (v.cluster() == c) {
                        assertEquals(v.value(), a.valueAt(v.role(), v.pointer()), what + " original " + v);
                        assertEquals(v.value(), b.valueAt(v.role(), v.pointer()), what + " imported " + v);
                    }
                }
                for (String role : a.roles()) {
                    JsonNode x = renamed(JSON.valueToTree(a.objects().get(role)), renames);
                    JsonNode y = JSON.valueToTree(b.objects().get(role));
                    if (!x.equals(y)) {
                        differences.add(what + " " + role + ":\n  original: " + x + "\n  imported: " + y);
                    }
                    objects++;
                }
                plans++;
            }
        }
        System.out.println(stackPath + ": " + built.size() + " releases, " + plans + " plans per side, " + objects
                + " desired objects compared, " + differences.size() + " differences");
        assertEquals(List.of(), differences, "desired objects that differ between the original and the imported stack");
    }

    /** The object with the original's names where Cluster API writes them: the class a Cluster names, cloned-from-name. */
    private static JsonNode renamed(JsonNode node, Map<String, String> renames) {
        if (renames.isEmpty()) {
            return node;
        }
        JsonNode copy = node.deepCopy();
        String classKey = "ClusterClass " + copy.at("/spec/topology/class").asText();
        if (renames.containsKey(classKey)) {
            ((ObjectNode) copy.at("/spec/topology")).put("class", renames.get(classKey));
        }
        JsonNode annotations = copy.at("/metadata/annotations");
        String from = "cluster.x-k8s.io/cloned-from-name";
        String kind = annotations.path("cluster.x-k8s.io/cloned-from-groupkind").asText().split("\\.")[0];
        if (annotations.isObject() && renames.containsKey(kind + " " + annotations.path(from).asText())) {
            ((ObjectNode) annotations).put(from,
                    renames.get(kind + " " + annotations.path(from).asText()));
        }
        return copy;
    }
}
