package dev.clusterstack.core.feature;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.clusterstack.core.definition.StackDefinition;
import dev.clusterstack.core.model.ClusterStack;
import dev.clusterstack.core.model.StackContent;
import dev.clusterstack.core.model.addon.Addon;
import dev.clusterstack.core.model.clusterclass.ClusterClassVariable;
import dev.clusterstack.core.model.kubeadm.File;
import dev.clusterstack.core.model.kubeadm.KubeadmControlPlaneTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sample stacks switch the features on, on top of the reference interface. */
class SampleStackFeaturesTest {
    static final Path OPENSTACK = Path.of("../sample-stack/src/main/clusterstack/openstack/stack.yaml");
    static final Path DOCKER = Path.of("../sample-stack/src/main/clusterstack/docker/stack.yaml");

    @TempDir
    Path tmp;

    static List<String> variables(StackContent c) {
        return c.clusterClass().variables().stream().map(ClusterClassVariable::name).toList();
    }

    @Test
    void theOpenStackSampleHasTheFeaturesVariablesBesideTheReferenceOnes() {
        StackContent c = StackDefinition.load(OPENSTACK).stack().releases().get(0).content();
        List<String> names = variables(c);
        for (String v : List.of("etcdDefrag", "apiServerLimits", "httpProxy", "registryMirrors", "restrictApiAccess",
                "apiserver_loadbalancer", "oidc_config", "certSANs")) {
            assertTrue(names.contains(v), v + " in " + names);
        }
        assertEquals(19 + 5, names.size(), "the reference's 19 and one per feature that brings its own variable");
        KubeadmControlPlaneTemplate cp = c.templates().stream().filter(KubeadmControlPlaneTemplate.class::isInstance)
                .map(KubeadmControlPlaneTemplate.class::cast).findFirst().orElseThrow();
        File script = cp.kubeadmConfigSpec().files().stream().filter(f -> f.path().equals("/usr/local/sbin/etcd-defrag.sh"))
                .findFirst().orElseThrow();
        assertEquals(File.GZIP_BASE64, script.encoding(), "larger than Cluster API's 10,240 characters: compressed");
        assertTrue(script.content().length() <= File.MAX_CONTENT);
        assertEquals(resource("etcd-defrag.sh"), script.text(), "the node gets the script byte for byte");
    }

    @Test
    void theDockerSampleHasOidcAndCertSans() {
        List<String> names = variables(StackDefinition.load(DOCKER).stack().releases().get(0).content());
        for (String v : List.of("oidc", "certSANs", "etcdDefrag", "apiServerLimits", "httpProxy", "registryMirrors")) {
            assertTrue(names.contains(v), v + " in " + names);
        }
    }

    @Test
    void ovnSettingsFollowTheReferencesLoadBalancerVariable() throws Exception {
        ClusterStack stack = StackDefinition.load(OPENSTACK).stack();
        String overwrite = stack.releases().get(0).content().addons().stream().filter(a -> a.name().equals("ccm"))
                .map(Addon::overwrite).findFirst().orElseThrow();
        Map<String, Object> ovn = values(overwrite, "octavia-ovn");
        assertEquals(Map.of("lb-provider", "ovn", "lb-method", "SOURCE_IP_PORT", "create-monitor", true),
                at(ovn, "openstack-cloud-controller-manager", "cloudConfig", "loadBalancer"));
        assertEquals("c1", at(ovn, "openstack-cloud-controller-manager", "cluster", "name"), "the reference's values stay");
        Map<String, Object> amphora = values(overwrite, "octavia-amphora");
        assertNull(((Map<?, ?>) amphora.get("openstack-cloud-controller-manager")).get("cloudConfig"));
        assertNull(((Map<?, ?>) values(overwrite, null).get("openstack-cloud-controller-manager")).get("cloudConfig"),
                "the stack's default is amphora");
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> values(String overwrite, String loadBalancer) throws Exception {
        Map<String, Object> spec = loadBalancer == null ? Map.of() : Map.of("topology", Map.of("class", "openstack-scs-1-30-v1",
                "variables", List.of(Map.of("name", "apiserver_loadbalancer", "value", loadBalancer))));
        Map<String, Object> data = Map.of("Cluster", Map.of("metadata", Map.of("name", "c1", "namespace", "ns"), "spec", spec));
        String out = HelmGoTemplates.render(tmp, overwrite, data);
        Map<String, Object> doc = new YAMLMapper().readValue(out, Map.class);
        return new YAMLMapper().readValue((String) doc.get("values"), Map.class);
    }

    @SuppressWarnings("unchecked")
    static Object at(Map<String, Object> m, String... keys) {
        Object cur = m;
        for (String k : keys) {
            cur = ((Map<String, Object>) cur).get(k);
        }
        return cur;
    }

    static String resource(String name) {
        try (var in = SampleStackFeaturesTest.class.getResourceAsStream("/dev/clusterstack/core/feature/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
