package dev.clusterstack.core.feature;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.clusterstack.core.model.ClusterStack;
import dev.clusterstack.core.model.addon.Addon;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.clusterstack.core.feature.HelmGoTemplates.map;
import static dev.clusterstack.core.feature.HttpProxyTest.at;
import static dev.clusterstack.core.feature.HttpProxyTest.builtin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ovnLoadBalancer and restrictApiAccess on an OpenStack stack built in Java. */
class OpenStackFeaturesTest {
    static final String SCS_OVERWRITE = "values: |\n"
            + "  openstack-cloud-controller-manager:\n"
            + "    cluster:\n"
            + "      name: {{ .Cluster.metadata.name }}\n";
    static final Map<String, Object> LOAD_BALANCER = map(
            "lb-provider", "ovn", "lb-method", "SOURCE_IP_PORT", "create-monitor", true);

    @TempDir
    Path tmp;

    static Map<String, Object> cluster(String loadBalancer) {
        Map<String, Object> spec = loadBalancer == null ? map() : map("topology", map("class", "openstack-scs-1-32-v1",
                "variables", List.of(map("name", "identityRef", "value", map("name", "x")),
                        map("name", "apiServerLoadBalancer", "value", loadBalancer))));
        return map("Cluster", map("metadata", map("name", "c1", "namespace", "ns"), "spec", spec));
    }

    /** Evaluates the overwrite as the operator does and returns the values file it yields (null: none). */
    @SuppressWarnings("unchecked")
    Map<String, Object> values(String overwrite, String loadBalancer) throws Exception {
        String out = HelmGoTemplates.render(tmp, overwrite, cluster(loadBalancer));
        Map<String, Object> doc = out.isBlank() ? null : new YAMLMapper().readValue(out, Map.class);
        if (doc == null || doc.get("values") == null) {
            return null;
        }
        return new YAMLMapper().readValue((String) doc.get("values"), Map.class);
    }

    static String ccmOverwrite(ClusterStack stack) {
        return stack.releases().get(0).content().addons().stream().filter(a -> a.name().equals("ccm"))
                .map(Addon::overwrite).findFirst().orElseThrow();
    }

    @Test
    void apiServerLoadBalancerFollowsTheVariable() {
        ClusterStack stack = Stacks.with(Stacks.openStack(null), new OvnLoadBalancer(OvnLoadBalancer.Config.defaults()),
                new RestrictApiAccess(RestrictApiAccess.Config.defaults()));
        List<Map<String, Object>> objects = Stacks.renderChecked(stack, tmp);
        Map<String, Object> base = map("builtin", builtin());
        record Case(Object value, boolean enabled, String provider) {
        }
        for (Case c : List.of(new Case("octavia-ovn", true, "ovn"), new Case("octavia-amphora", true, "amphora"),
                new Case("none", false, null), new Case(null, true, "ovn"))) {
            Map<String, Object> vars = new java.util.LinkedHashMap<>(base);
            if (c.value() != null) {
                vars.put("apiServerLoadBalancer", c.value());
            }
            Map<String, Object> lb = at(PlannedTopology.apply(tmp, objects, vars).get("infrastructureCluster"),
                    "spec", "template", "spec", "apiServerLoadBalancer");
            assertEquals(c.enabled(), lb.get("enabled"), String.valueOf(c.value()));
            assertEquals(c.provider(), lb.get("provider"), String.valueOf(c.value()));
            assertNull(lb.get("allowedCIDRs"));
        }
        Map<String, Object> vars = new java.util.LinkedHashMap<>(base);
        vars.put("apiServerLoadBalancer", "octavia-amphora");
        vars.put("restrictApiAccess", List.of("192.0.2.0/24", "198.51.100.7/32"));
        Map<String, Object> lb = at(PlannedTopology.apply(tmp, objects, vars).get("infrastructureCluster"),
                "spec", "template", "spec", "apiServerLoadBalancer");
        assertEquals(List.of("192.0.2.0/24", "198.51.100.7/32"), lb.get("allowedCIDRs"));
        assertEquals("amphora", lb.get("provider"));
    }

    @Test
    void ccmGetsOvnSettingsOnlyForOvnClusters() throws Exception {
        ClusterStack stack = Stacks.with(Stacks.openStack(null), new OvnLoadBalancer(null));
        Stacks.assertValid(stack);
        String overwrite = ccmOverwrite(stack);
        assertEquals(Map.of("openstack-cloud-controller-manager", Map.of("cloudConfig", Map.of("loadBalancer", LOAD_BALANCER))),
                values(overwrite, "octavia-ovn"));
        assertNull(values(overwrite, "octavia-amphora"));
        assertNull(values(overwrite, "none"));
        // a Cluster without the variable (or without topology) gets the build default
        assertEquals(LOAD_BALANCER, at(values(overwrite, null), "openstack-cloud-controller-manager", "cloudConfig", "loadBalancer"));
        // build default amphora
        String amphoraDefault = ccmOverwrite(Stacks.with(Stacks.openStack(null), new OvnLoadBalancer(
                new OvnLoadBalancer.Config(null, "octavia-amphora", null, null, null, false, null))));
        assertNull(values(amphoraDefault, null));
        assertEquals(Map.of("lb-provider", "ovn", "lb-method", "SOURCE_IP_PORT", "create-monitor", false),
                at(values(amphoraDefault, "octavia-ovn"), "openstack-cloud-controller-manager", "cloudConfig", "loadBalancer"));
    }

    @Test
    void ccmOverwriteMergesIntoAnExistingOne() throws Exception {
        ClusterStack stack = Stacks.with(Stacks.openStack(SCS_OVERWRITE), new OvnLoadBalancer(null));
        Stacks.assertValid(stack);
        String overwrite = ccmOverwrite(stack);
        assertEquals(Map.of("openstack-cloud-controller-manager", Map.of("cloudConfig", Map.of("loadBalancer", LOAD_BALANCER),
                "cluster", Map.of("name", "c1"))), values(overwrite, "octavia-ovn"));
        assertEquals(Map.of("openstack-cloud-controller-manager", Map.of("cluster", Map.of("name", "c1"))),
                values(overwrite, "octavia-amphora"));

        // the chart key is not in the existing values: appended as its own guarded key
        String other = "values: |\n  cluster:\n    name: {{ .Cluster.metadata.name }}\nextra: kept\n";
        String merged = ccmOverwrite(Stacks.with(Stacks.openStack(other), new OvnLoadBalancer(null)));
        assertEquals(Map.of("cluster", Map.of("name", "c1"), "openstack-cloud-controller-manager",
                Map.of("cloudConfig", Map.of("loadBalancer", LOAD_BALANCER))), values(merged, "octavia-ovn"));
        assertEquals(Map.of("cluster", Map.of("name", "c1")), values(merged, "none"));
        assertTrue(HelmGoTemplates.render(tmp, merged, cluster("none")).contains("extra: kept"));

        // refused: no values block, or cloudConfig already set
        assertThrows(IllegalArgumentException.class, () -> new OvnLoadBalancer(null).apply(
                Stacks.openStack("{{ if true }}x: 1{{ end }}\n").releases().get(0).content()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new OvnLoadBalancer(null).apply(
                Stacks.openStack(SCS_OVERWRITE + "    cloudConfig:\n      global: {}\n").releases().get(0).content()));
        assertTrue(e.getMessage().contains("cloudConfig"), e.getMessage());
    }

    @Test
    void openStackFeaturesNeedAnOpenStackClusterTemplate() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RestrictApiAccess(null).apply(Stacks.docker().releases().get(0).content()));
        assertTrue(e.getMessage().contains("OpenStackClusterTemplate"), e.getMessage());
    }
}
