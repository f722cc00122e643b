package dev.clusterstack.core.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clusterstack.core.feature.EtcdMaintenance;
import dev.clusterstack.core.feature.HttpProxy;
import dev.clusterstack.core.plan.Finding;
import dev.clusterstack.core.plan.Plan;
import dev.clusterstack.core.plan.PlanWriter;
import dev.clusterstack.core.plan.variables.Severity;
import dev.clusterstack.core.sample.SampleClusters.Planned;
import dev.clusterstack.core.sample.SampleClusters.Release;
import dev.clusterstack.core.testsupport.SharedFolder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every test cluster of the samples ({@code sample-stack/src/test/clusterstack/clusters}) planned against every
 * release it names: no errors, no unexplained NOT_EVALUATED, every patch of every release enabled by some cluster,
 * and what each feature switch does to the desired objects, written by hand from the features' descriptions
 * ({@code features.md}, the {@code feature} package's documentation).
 */
class SampleClustersPlanTest {
    static final String CP = "control-plane";
    static final String WORKER = "md-md-0-bootstrap-template";
    static final String CP_FILES = "/spec/kubeadmConfigSpec/files";
    static final String WORKER_FILES = "/spec/template/spec/files";
    static final String API_SERVER = "/spec/kubeadmConfigSpec/clusterConfiguration/apiServer";
    static final String LB = "/spec/apiServerLoadBalancer";
    /** NOT_EVALUATED findings that are expected, by message fragment, with the reason. None so far. */
    static final Map<String, String> EXPECTED_NOT_EVALUATED = Map.of();
    /**
     * The only warnings expected: objects whose CRD is not in {@code ../shared/crds} (it holds the templates' CRDs,
     * not these kinds'), so they are planned but not validated.
     */
    static final List<String> EXPECTED_WARNINGS = List.of("no CRD for DockerCluster (", "no CRD for KubeadmControlPlane (",
            "no CRD for OpenStackCluster (");

    static SampleClusters samples;

    @BeforeAll
    static void plan() {
        samples = SampleClusters.get();
        System.out.printf("sample clusters: %d releases rendered in %d ms, %d clusters, %d plans in %d ms (CRDs: %s)%n",
                samples.releases.size(), samples.renderMillis, samples.clusters.size(), samples.plans.size(),
                samples.planMillis, samples.withCrds() ? "yes" : "no");
        samples.plans.stream().flatMap(p -> p.plan().findings().stream()).filter(f -> f.severity() == Severity.WARNING)
                .map(f -> "warning: " + f.message()).distinct().forEach(System.out::println);
    }

    @Test
    void everyClusterIsPlannedAgainstEveryReleaseOfItsStackWithoutErrorsOrUnexplainedFindings() {
        for (String file : samples.clusters.keySet()) {
            String stack = file.startsWith("docker-") ? "docker-scs" : "openstack-scs";
            List<String> expected = samples.releases.stream().filter(r -> r.releaseName().startsWith(stack + "-"))
                    .map(Release::className).toList();
            assertEquals(expected, samples.of(file).stream().map(p -> p.release().className()).toList(), file);
        }
        List<String> problems = new ArrayList<>();
        for (Planned p : samples.plans) {
            for (Finding f : p.plan().findings()) {
                boolean explained = f.severity() == Severity.NOT_EVALUATED
                        && EXPECTED_NOT_EVALUATED.keySet().stream().anyMatch(f.message()::contains)
                        || f.severity() == Severity.WARNING && EXPECTED_WARNINGS.stream().anyMatch(f.message()::startsWith);
                if (!explained) {
                    problems.add(p + ": " + f);
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Tag("shared")
    @Test
    void crdSchemasOfTheSharedFolderValidateThePlans() {
        SampleClusters.CRDS.forEach(SharedFolder::sharedOrSkip);
        assertTrue(samples.withCrds(), "the CRDs exist but the plans were made without them");
    }

    @Test
    void everyPatchOfEveryReleaseIsEnabledBySomeTestCluster() {
        Map<String, List<String>> uncovered = new LinkedHashMap<>();
        for (Release r : samples.releases) {
            List<Plan> plans = samples.plans.stream().filter(p -> p.release() == r).map(Planned::plan).toList();
            List<String> u = PlanWriter.uncoveredPatches(plans);
            if (!u.isEmpty()) {
                uncovered.put(r.className(), u);
            }
        }
        assertEquals(Map.of(), uncovered, "patches no test cluster enables");
    }

    @Test
    void proxySetWritesTheProxyFilesOnControlPlaneAndWorkers() {
        for (String file : List.of("openstack-proxy.yaml", "docker-proxy.yaml")) {
            for (Planned p : samples.of(file)) {
                for (String[] roleFiles : List.of(new String[] {CP, CP_FILES, "/spec/kubeadmConfigSpec/preKubeadmCommands"},
                        new String[] {WORKER, WORKER_FILES, "/spec/template/spec/preKubeadmCommands"})) {
                    Map<String, String> files = files(p, roleFiles[0], roleFiles[1]);
                    String profile = files.get(HttpProxy.PROFILE);
                    assertTrue(profile != null, p + " " + roleFiles[0] + ": " + files.keySet());
                    assertTrue(profile.contains("export http_proxy=\"http://proxy.example.com:3128\"\n"), profile);
                    assertTrue(profile.contains("export HTTPS_PROXY=\"http://proxy.example.com:3128\"\n"),
                            "https falls back to http: " + profile);
                    assertTrue(profile.contains("export no_proxy=\"localhost,127.0.0.1,.svc,.cluster.local,10.96.0.0/12,"
                            + "192.168.0.0/16,.example.com,10.0.0.0/8\"\n"), profile);
                    String dropIn = files.get(HttpProxy.CONTAINERD_DROP_IN);
                    assertTrue(dropIn != null && dropIn.contains("HTTP_PROXY=http://proxy.example.com:3128"), p + ": " + dropIn);
                    assertEquals(HttpProxy.RESTART, ((List<?>) p.valueAt(roleFiles[0], roleFiles[2])).get(0), p.toString());
                }
            }
        }
        for (String file : List.of("openstack-defaults.yaml", "docker-defaults.yaml")) {
            for (Planned p : samples.of(file)) {
                for (String[] roleFiles : List.of(new String[] {CP, CP_FILES}, new String[] {WORKER, WORKER_FILES})) {
                    Map<String, String> files = files(p, roleFiles[0], roleFiles[1]);
                    assertFalse(files.containsKey(HttpProxy.PROFILE) || files.containsKey(HttpProxy.CONTAINERD_DROP_IN),
                            p + ": " + files.keySet());
                }
                assertFalse(String.valueOf(p.valueAt(CP, "/spec/kubeadmConfigSpec/preKubeadmCommands"))
                        .contains(HttpProxy.RESTART), p.toString());
            }
        }
    }

    @Test
    void registryMirrorsWriteOneHostsTomlPerMirrorOnEveryNode() {
        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("defaults", List.of());
        expected.put("mirrors-one", List.of("docker.io"));
        expected.put("mirrors-max", List.of("docker.io", "ghcr.io", "quay.io", "registry.k8s.io", "harbor.example.com:5000"));
        for (Release r : samples.releases) {
            assertEquals(expected.get("mirrors-max").size(), variableSchema(r, "registryMirrors").path("maxItems").asInt(),
                    "mirrors-max.yaml sets the maximum number of mirrors of " + r.className());
        }
        for (String stack : List.of("openstack-", "docker-")) {
            expected.forEach((name, hosts) -> {
                for (Planned p : samples.of(stack + name + ".yaml")) {
                    for (String[] roleFiles : List.of(new String[] {CP, CP_FILES}, new String[] {WORKER, WORKER_FILES})) {
                        Map<String, String> files = files(p, roleFiles[0], roleFiles[1]);
                        List<String> mirrors = files.keySet().stream().filter(f -> f.startsWith("/etc/containerd/certs.d/"))
                                .toList();
                        assertEquals(hosts.stream().map(h -> "/etc/containerd/certs.d/" + h + "/hosts.toml").toList(), mirrors,
                                p + " " + roleFiles[0]);
                        if (!hosts.isEmpty()) {
                            assertEquals("server = \"https://registry-1.docker.io\"\n\n[host.\"https://mirror.example.com\"]\n"
                                    + "  capabilities = [\"pull\", \"resolve\"]", files.get(mirrors.get(0)).strip(), p.toString());
                        }
                        if (hosts.size() == 5) {
                            assertTrue(files.get(mirrors.get(3)).contains("ca = \"/etc/ssl/certs/mirror-ca.pem\""), p.toString());
                            assertTrue(files.get(mirrors.get(4)).startsWith("server = \"https://harbor.example.com:5000\""),
                                    p.toString());
                        }
                    }
                }
            });
        }
    }

    @Test
    void oidcAndCertSansGoToTheApiServer() {
        Map<String, Object> oidc = new LinkedHashMap<>();
        oidc.put("oidc-client-id", "kubectl");
        oidc.put("oidc-issuer-url", "https://dex.example.com");
        oidc.put("oidc-username-claim", "preferred_username");
        oidc.put("oidc-groups-claim", "groups");
        oidc.put("oidc-username-prefix", "oidc:");
        oidc.put("oidc-groups-prefix", "oidc:");
        Map<String, List<String>> sans = Map.of(
                "openstack-oidc-certsans.yaml", List.of("api.example.com", "192.0.2.10"),
                "docker-oidc-certsans.yaml", List.of("localhost", "127.0.0.1", "0.0.0.0", "host.docker.internal",
                        "api.example.com", "192.0.2.10"),
                "openstack-defaults.yaml", List.of(),
                "docker-defaults.yaml", List.of("localhost", "127.0.0.1", "0.0.0.0", "host.docker.internal"));
        sans.forEach((file, expectedSans) -> {
            for (Planned p : samples.of(file)) {
                Map<?, ?> extraArgs = (Map<?, ?>) p.valueAt(CP, API_SERVER + "/extraArgs");
                Map<Object, Object> oidcArgs = new LinkedHashMap<>();
                if (extraArgs != null) {
                    extraArgs.forEach((k, v) -> {
                        if (String.valueOf(k).startsWith("oidc-")) {
                            oidcArgs.put(k, v);
                        }
                    });
                }
                assertEquals(file.contains("oidc") ? oidc : Map.of(), oidcArgs, p.toString());
                Object certSans = p.valueAt(CP, API_SERVER + "/certSANs");
                assertEquals(expectedSans, certSans == null ? List.of() : certSans, p.toString());
            }
        });
        samples.of("docker-oidc-certsans.yaml").forEach(p -> assertEquals("registry.example.com/k8s",
                p.valueAt(CP, "/spec/kubeadmConfigSpec/clusterConfiguration/imageRepository"), p.toString()));
        samples.of("docker-defaults.yaml").forEach(p -> assertNull(
                p.valueAt(CP, "/spec/kubeadmConfigSpec/clusterConfiguration/imageRepository"), p.toString()));
    }

    @Test
    void loadBalancerChoiceAndApiAccessRestrictionShapeTheOpenStackCluster() {
        Map<String, Map<String, Object>> expected = new LinkedHashMap<>();
        expected.put("openstack-defaults.yaml", Map.of("enabled", true, "provider", "amphora"));
        expected.put("openstack-lb-none.yaml", Map.of("enabled", false));
        expected.put("openstack-lb-amphora-restricted.yaml", Map.of("enabled", true, "provider", "amphora",
                "allowedCIDRs", List.of("203.0.113.0/24")));
        expected.put("openstack-lb-ovn-restricted.yaml", Map.of("enabled", true, "provider", "ovn",
                "allowedCIDRs", List.of("192.0.2.0/24", "198.51.100.7/32")));
        expected.forEach((file, lb) -> {
            for (Planned p : samples.of(file)) {
                assertEquals(lb, p.valueAt("infrastructure-cluster", LB), p.toString());
                assertEquals("OpenStackCluster", p.valueAt("infrastructure-cluster", "/kind"));
            }
        });
    }

    @Test
    void etcdDefragmentationAndApiServerLimitsAreOnByDefaultAndCanBeSwitchedOff() {
        for (String stack : List.of("openstack-", "docker-")) {
            for (Planned p : samples.of(stack + "defaults.yaml")) {
                Map<String, String> files = files(p, CP, CP_FILES);
                assertTrue(files.keySet().containsAll(List.of(EtcdMaintenance.SERVICE, EtcdMaintenance.TIMER,
                        "/usr/local/sbin/etcd-defrag.sh", "/usr/local/sbin/apiserver-limits.sh")), p + ": " + files.keySet());
                assertTrue(files.get(EtcdMaintenance.TIMER).contains("OnCalendar=*-*-* 02:30:00"), p.toString());
                String post = String.valueOf(p.valueAt(CP, "/spec/kubeadmConfigSpec/postKubeadmCommands"));
                assertTrue(post.contains("systemctl enable --now etcd-defrag.timer") && post.contains("apiserver-limits.sh"),
                        p + ": " + post);
                assertFalse(files(p, WORKER, WORKER_FILES).keySet().stream().anyMatch(f -> f.contains("etcd")), p.toString());
            }
            for (Planned p : samples.of(stack + "etcd-defrag-off.yaml")) {
                // off: the scripts and units stay on the node (the feature always writes them), but nothing
                // enables the timer or runs the limits script
                Map<String, String> files = files(p, CP, CP_FILES);
                assertTrue(files.containsKey(EtcdMaintenance.TIMER), p + ": " + files.keySet());
                String post = String.valueOf(p.valueAt(CP, "/spec/kubeadmConfigSpec/postKubeadmCommands"));
                assertFalse(post.contains("etcd-defrag") || post.contains("apiserver-limits"), p + ": " + post);
                assertEquals(List.of(), p.plan().patchCoverage().get("etcdDefrag"), p.toString());
                assertEquals(List.of(), p.plan().patchCoverage().get("apiServerLimits"), p.toString());
                // the etcd tuning is the stack's, not the switch's
                assertEquals("8h", p.valueAt(CP, "/spec/kubeadmConfigSpec/clusterConfiguration/etcd/local/extraArgs"
                        + "/auto-compaction-retention"), p.toString());
            }
        }
    }

    @Test
    void theReferenceVariablesSetTheMachines() {
        for (Planned p : samples.of("openstack-machine-settings.yaml")) {
            Plan plan = p.plan();
            String image = "ubuntu-capi-image-" + p.release().release().kubernetesVersion().tag();
            assertEquals(image, plan.valueAt("control-plane-machine-template", "/spec/template/spec/image/filter/name"));
            assertEquals(image, plan.valueAt("md-md-1-infrastructure-template", "/spec/template/spec/image/filter/name"));
            assertEquals("SCS-4V-8", plan.valueAt("control-plane-machine-template", "/spec/template/spec/flavor"));
            assertEquals("SCS-8V-16", plan.valueAt("md-md-0-infrastructure-template", "/spec/template/spec/flavor"));
            assertEquals("SCS-2V-4", plan.valueAt("md-md-1-infrastructure-template", "/spec/template/spec/flavor"));
            assertEquals(Map.of("id", "3adf4e92-bb33-4e44-8ad3-afda9dfe8ec3"),
                    plan.valueAt("control-plane-machine-template", "/spec/template/spec/serverGroup"));
            assertEquals(Map.of("id", "869fe071-1e56-46a9-9166-47c9f228e297"),
                    plan.valueAt("md-md-0-infrastructure-template", "/spec/template/spec/serverGroup"));
            assertEquals(List.of(Map.of("filter", Map.of("name", "extra-sg"))),
                    plan.valueAt("md-md-1-infrastructure-template", "/spec/template/spec/securityGroups"));
            assertEquals("ops-key", plan.valueAt("control-plane-machine-template", "/spec/template/spec/sshKeyName"));
            assertEquals("prod", plan.valueAt("infrastructure-cluster", "/spec/identityRef/cloudName"));
            assertEquals("prod-clouds", plan.valueAt("md-md-0-infrastructure-template", "/spec/template/spec/identityRef/name"));
            assertEquals(List.of(Map.of("cidr", "10.10.0.0/20", "dnsNameservers", List.of("9.9.9.9"))),
                    plan.valueAt("infrastructure-cluster", "/spec/managedSubnets"));
            assertEquals(Map.of("id", "ebfe5546-f09f-4f42-ab54-094e457d42ec"),
                    plan.valueAt("infrastructure-cluster", "/spec/externalNetwork"));
            assertEquals(1400, ((Number) plan.valueAt("infrastructure-cluster", "/spec/networkMTU")).intValue());
            assertEquals(List.of("az1", "az2"), plan.valueAt("infrastructure-cluster", "/spec/controlPlaneAvailabilityZones"));
            assertEquals(true, plan.valueAt("infrastructure-cluster", "/spec/controlPlaneOmitAvailabilityZone"));
            assertEquals(3, ((Number) plan.valueAt(CP, "/spec/replicas")).intValue());
            assertEquals(p.release().release().kubernetesVersion().tag(), plan.valueAt(CP, "/spec/version"));
        }
    }

    /** The openAPIV3Schema of a variable of a release's ClusterClass. */
    static JsonNode variableSchema(Release r, String variable) {
        for (Map<String, Object> o : r.classes().objects()) {
            if ("ClusterClass".equals(o.get("kind"))) {
                for (JsonNode v : new ObjectMapper().valueToTree(o).path("spec").path("variables")) {
                    if (variable.equals(v.path("name").asText())) {
                        return v.path("schema").path("openAPIV3Schema");
                    }
                }
            }
        }
        throw new AssertionError(r.className() + " has no variable " + variable);
    }

    /** The files of a kubeadm config in a planned object: path → content, in order. */
    static Map<String, String> files(Planned p, String role, String pointer) {
        Map<String, String> out = new LinkedHashMap<>();
        Object files = p.valueAt(role, pointer);
        if (files instanceof List<?> list) {
            for (Object f : list) {
                Map<?, ?> m = (Map<?, ?>) f;
                out.put(String.valueOf(m.get("path")), String.valueOf(m.get("content")));
            }
        }
        return out;
    }
}
