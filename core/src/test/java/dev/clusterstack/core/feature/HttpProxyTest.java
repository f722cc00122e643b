package dev.clusterstack.core.feature;

import dev.clusterstack.core.model.ClusterStack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.clusterstack.core.feature.HelmGoTemplates.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpProxyTest {
    @TempDir
    Path tmp;

    static Map<String, Object> builtin() {
        return map("cluster", map("name", "c1", "namespace", "ns",
                "network", map("serviceDomain", "cluster.local", "services", List.of("10.96.0.0/12"),
                        "pods", List.of("192.168.0.0/16"))));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> files(Map<String, Object> kubeadmConfigSpec) {
        return (List<Map<String, Object>>) kubeadmConfigSpec.getOrDefault("files", List.of());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> at(Map<String, Object> o, String... path) {
        Map<String, Object> cur = o;
        for (String p : path) {
            cur = (Map<String, Object>) cur.get(p);
        }
        return cur;
    }

    static Map<String, Object> file(List<Map<String, Object>> files, String path) {
        return files.stream().filter(f -> path.equals(f.get("path"))).findFirst().orElse(null);
    }

    @Test
    void patchesWriteProxyFilesOnAllNodesOnlyWhenSet() {
        ClusterStack stack = Stacks.with(Stacks.docker(), new HttpProxy(HttpProxy.Config.defaults()));
        List<Map<String, Object>> objects = Stacks.renderChecked(stack, tmp);

        Map<String, Object> vars = map("imageRepository", "", "builtin", builtin(),
                "httpProxy", map("http", "http://proxy.example.com:3128",
                        "noProxy", List.of(".internal.example", "10.0.0.0/8", "localhost")));
        Map<String, Map<String, Object>> patched = PlannedTopology.apply(tmp, objects, vars);
        Map<String, Object> cp = at(patched.get("controlPlane"), "spec", "template", "spec", "kubeadmConfigSpec");
        Map<String, Object> md = at(patched.get("md:default-worker:bootstrap"), "spec", "template", "spec");
        String noProxy = "localhost,127.0.0.1,.svc,.cluster.local,10.96.0.0/12,192.168.0.0/16,.internal.example,10.0.0.0/8";
        for (Map<String, Object> spec : List.of(cp, md)) {
            Map<String, Object> profile = file(files(spec), HttpProxy.PROFILE);
            assertEquals("export http_proxy=\"http://proxy.example.com:3128\"\n"
                    + "export HTTP_PROXY=\"http://proxy.example.com:3128\"\n"
                    + "export https_proxy=\"http://proxy.example.com:3128\"\n"
                    + "export HTTPS_PROXY=\"http://proxy.example.com:3128\"\n"
                    + "export no_proxy=\"" + noProxy + "\"\n"
                    + "export NO_PROXY=\"" + noProxy + "\"\n", profile.get("content"));
            assertEquals("0644", profile.get("permissions"));
            assertEquals("root:root", profile.get("owner"));
            Map<String, Object> dropIn = file(files(spec), HttpProxy.CONTAINERD_DROP_IN);
            assertEquals("[Service]\n"
                    + "Environment=\"HTTP_PROXY=http://proxy.example.com:3128\"\n"
                    + "Environment=\"HTTPS_PROXY=http://proxy.example.com:3128\"\n"
                    + "Environment=\"NO_PROXY=" + noProxy + "\"\n", dropIn.get("content"));
            assertEquals(HttpProxy.RESTART, ((List<?>) spec.get("preKubeadmCommands")).get(0));
        }
        // the stack's own file is kept
        assertTrue(file(files(cp), "/etc/motd") != null);

        // https only, no cluster network: https set, no http lines, base no-proxy list
        Map<String, Object> vars2 = map("imageRepository", "", "builtin", map("cluster", map("name", "c1")),
                "httpProxy", map("https", "https://secure-proxy:8443"));
        Map<String, Object> md2 = at(PlannedTopology.apply(tmp, objects, vars2).get("md:default-worker:bootstrap"),
                "spec", "template", "spec");
        assertEquals("[Service]\nEnvironment=\"HTTPS_PROXY=https://secure-proxy:8443\"\n"
                        + "Environment=\"NO_PROXY=localhost,127.0.0.1,.svc,.cluster.local\"\n",
                file(files(md2), HttpProxy.CONTAINERD_DROP_IN).get("content"));

        // unset, or set without http/https: nothing
        for (Map<String, Object> v : List.of(map("imageRepository", "", "builtin", builtin()),
                map("imageRepository", "", "builtin", builtin(), "httpProxy", map("noProxy", List.of("x"))))) {
            Map<String, Map<String, Object>> none = PlannedTopology.apply(tmp, objects, v);
            Map<String, Object> cpNone = at(none.get("controlPlane"), "spec", "template", "spec", "kubeadmConfigSpec");
            Map<String, Object> mdNone = at(none.get("md:default-worker:bootstrap"), "spec", "template", "spec");
            assertEquals(null, file(files(cpNone), HttpProxy.PROFILE));
            assertEquals(null, file(files(mdNone), HttpProxy.CONTAINERD_DROP_IN));
            assertEquals(List.of(), mdNone.get("preKubeadmCommands"));
            assertFalse(((List<?>) cpNone.get("preKubeadmCommands")).contains(HttpProxy.RESTART));
        }
    }
}
