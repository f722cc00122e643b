package dev.clusterstack.core.feature;

import dev.clusterstack.core.model.ClusterStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.clusterstack.core.feature.HelmGoTemplates.map;
import static dev.clusterstack.core.feature.HttpProxyTest.at;
import static dev.clusterstack.core.feature.HttpProxyTest.builtin;
import static dev.clusterstack.core.feature.HttpProxyTest.file;
import static dev.clusterstack.core.feature.HttpProxyTest.files;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** registryMirrors, oidc and certSANs on the Docker example, patches applied with real Go templates. */
class ClusterVariableFeaturesTest {
    @TempDir
    Path tmp;

    static Map<String, Object> cp(Map<String, Map<String, Object>> patched) {
        return at(patched.get("controlPlane"), "spec", "template", "spec", "kubeadmConfigSpec");
    }

    static Map<String, Object> md(Map<String, Map<String, Object>> patched) {
        return at(patched.get("md:default-worker:bootstrap"), "spec", "template", "spec");
    }

    @Test
    void registryMirrorsWriteHostsTomlOnAllNodesPerListEntry() {
        ClusterStack stack = Stacks.with(Stacks.docker(), new RegistryMirrors(new RegistryMirrors.Config(null, 3)));
        List<Map<String, Object>> objects = Stacks.renderChecked(stack, tmp);
        Map<String, Map<String, Object>> patched = PlannedTopology.apply(tmp, objects, map("imageRepository", "",
                "builtin", builtin(), "registryMirrors", List.of(
                        map("host", "docker.io", "upstream", "https://mirror.example.com", "caFile", "/etc/ssl/mirror-ca.crt"),
                        map("host", "registry.k8s.io:443", "upstream", "http://10.0.0.5:5000"))));
        for (Map<String, Object> spec : List.of(cp(patched), md(patched))) {
            assertEquals("server = \"https://registry-1.docker.io\"\n\n"
                            + "[host.\"https://mirror.example.com\"]\n"
                            + "  capabilities = [\"pull\", \"resolve\"]\n"
                            + "  ca = \"/etc/ssl/mirror-ca.crt\"\n",
                    file(files(spec), "/etc/containerd/certs.d/docker.io/hosts.toml").get("content"));
            assertEquals("server = \"https://registry.k8s.io:443\"\n\n"
                            + "[host.\"http://10.0.0.5:5000\"]\n"
                            + "  capabilities = [\"pull\", \"resolve\"]\n",
                    file(files(spec), "/etc/containerd/certs.d/registry.k8s.io:443/hosts.toml").get("content"));
            assertEquals(2, files(spec).stream().filter(f -> ((String) f.get("path")).endsWith("hosts.toml")).count());
        }
        // empty list (the default) and unset: no files
        for (Map<String, Object> vars : List.of(map("imageRepository", "", "builtin", builtin(), "registryMirrors", List.of()),
                map("imageRepository", "", "builtin", builtin()))) {
            Map<String, Map<String, Object>> none = PlannedTopology.apply(tmp, objects, vars);
            assertFalse(files(cp(none)).stream().anyMatch(f -> ((String) f.get("path")).contains("containerd")));
            assertFalse(files(md(none)).stream().anyMatch(f -> ((String) f.get("path")).contains("containerd")));
        }
        assertEquals(3L, stack.releases().get(0).content().clusterClass().variables().stream()
                .filter(v -> v.name().equals("registryMirrors")).findFirst().orElseThrow().openAPIV3Schema().maxItems());
    }

    @Test
    void oidcSetsApiServerFlagsOnlyWithIssuerAndClient() {
        ClusterStack stack = Stacks.with(Stacks.dockerFixed(), new Oidc(Oidc.Config.defaults()));
        List<Map<String, Object>> objects = Stacks.renderChecked(stack, tmp);
        Map<String, Object> args = at(cp(PlannedTopology.apply(tmp, objects, map("imageRepository", "", "builtin", builtin(),
                "oidc", map("issuer_url", "https://dex.example.com", "client_id", "kubectl", "groups_prefix", "sso:")))),
                "clusterConfiguration", "apiServer", "extraArgs");
        assertEquals(Map.of("oidc-issuer-url", "https://dex.example.com", "oidc-client-id", "kubectl",
                "oidc-username-claim", "preferred_username", "oidc-groups-claim", "groups",
                "oidc-username-prefix", "oidc:", "oidc-groups-prefix", "sso:"), args);
        for (Map<String, Object> partial : List.of(map("issuer_url", "https://dex.example.com"), map("client_id", "x"), map())) {
            Map<String, Object> none = at(cp(PlannedTopology.apply(tmp, objects, map("imageRepository", "",
                    "builtin", builtin(), "oidc", partial))), "clusterConfiguration", "apiServer");
            assertEquals(Map.of(), none.get("extraArgs"));
        }
    }

    @Test
    void certSansKeepTheStacksOwnAndAddTheClusters() {
        ClusterStack stack = Stacks.with(Stacks.dockerFixed(), new CertSans(CertSans.Config.defaults()));
        List<Map<String, Object>> objects = Stacks.renderChecked(stack, tmp);
        Map<String, Object> api = at(cp(PlannedTopology.apply(tmp, objects, map("imageRepository", "", "builtin", builtin(),
                "certSANs", List.of("api.example.com", "localhost", "203.0.113.10")))), "clusterConfiguration", "apiServer");
        assertEquals(List.of("localhost", "127.0.0.1", "0.0.0.0", "host.docker.internal", "api.example.com", "203.0.113.10"),
                api.get("certSANs"));
        Map<String, Object> unset = at(cp(PlannedTopology.apply(tmp, objects, map("imageRepository", "", "builtin", builtin(),
                "certSANs", List.of()))), "clusterConfiguration", "apiServer");
        assertEquals(List.of("localhost", "127.0.0.1", "0.0.0.0", "host.docker.internal"), unset.get("certSANs"));
    }

    @Test
    void allDockerFeaturesTogetherRenderAndApply() {
        ClusterStack stack = Stacks.with(Stacks.docker(), new HttpProxy(null), new RegistryMirrors(null), new Oidc(null),
                new CertSans(null), new ApiServerLimits(null, NodeScriptFeaturesTest.SCRIPT),
                new EtcdMaintenance(null, new EtcdMaintenance.NodeFiles(NodeScriptFeaturesTest.SCRIPT,
                        NodeScriptFeaturesTest.SERVICE, NodeScriptFeaturesTest.TIMER)));
        List<Map<String, Object>> objects = Stacks.renderChecked(stack, tmp);
        Map<String, Map<String, Object>> patched = PlannedTopology.apply(tmp, objects, map("imageRepository", "",
                "builtin", builtin(), "etcdDefrag", true, "apiServerLimits", true,
                "httpProxy", map("http", "http://p:3128"),
                "registryMirrors", List.of(map("host", "docker.io", "upstream", "https://m.example.com")),
                "oidc", map("issuer_url", "https://i.example.com", "client_id", "c"), "certSANs", List.of("a.example.com")));
        Map<String, Object> cp = cp(patched);
        assertEquals(HttpProxy.RESTART, ((List<?>) cp.get("preKubeadmCommands")).get(0));
        assertEquals(2, ((List<?>) cp.get("postKubeadmCommands")).size());
        assertEquals("https://i.example.com", at(cp, "clusterConfiguration", "apiServer", "extraArgs").get("oidc-issuer-url"));
        assertEquals("c1", file(files(md(patched)), "/etc/cluster-name").get("content"), "the stack's own patch still works");
        assertNull(file(files(md(patched)), EtcdMaintenance.SCRIPT));
    }
}
