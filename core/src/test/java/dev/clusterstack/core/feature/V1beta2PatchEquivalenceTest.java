package dev.clusterstack.core.feature;

import dev.clusterstack.core.bind.Writer;
import dev.clusterstack.core.crd.CrdSchemas;
import dev.clusterstack.core.crd.SchemaViolation;
import dev.clusterstack.core.model.ClusterStack;
import dev.clusterstack.core.model.clusterclass.ClusterClass;
import dev.clusterstack.core.model.kubeadm.JoinConfiguration;
import dev.clusterstack.core.model.kubeadm.NodeRegistrationOptions;
import dev.clusterstack.core.render.v1beta2.PatchConversion;
import dev.clusterstack.core.render.v1beta2.PatchConversion.Role;
import dev.clusterstack.core.render.v1beta2.PatchConversion.Target;
import dev.clusterstack.core.testsupport.SharedFolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every feature's patches, converted to v1beta2 by {@link PatchConversion}, give through the plan (Cluster API's
 * patch engine run offline, Go templates by Go) the same objects as the v1beta1 patches: the v1beta1 class is the
 * chart rendered by Helm; the v1beta2 templates are written by hand (argument maps as {@code {name, value}} lists,
 * no empty lists or objects, as v1beta2 requires). Objects are compared with Cluster API's field mapping for these
 * fields: an argument list equals the map of its names, and an empty list or object equals an absent one.
 */
class V1beta2PatchEquivalenceTest {
    @TempDir
    static Path tmp;
    static ClusterStack stack;
    static List<Map<String, Object>> v1;
    static List<Map<String, Object>> v2;
    static PatchConversion.Result conversion;
    static List<Target> targets;

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static Map<String, Object> arg(String name, String value) {
        return map("name", name, "value", value);
    }

    @BeforeAll
    static void build() {
        ClusterStack base = Stacks.map(Stacks.openStack(null), c -> Support.updateWorkers(c, s -> s.toBuilder()
                .joinConfiguration(JoinConfiguration.of(NodeRegistrationOptions.of(null, Map.of("cloud-provider", "external"))))
                .build()));
        stack = Stacks.with(base, new EtcdMaintenance(null), new ApiServerLimits(null), new HttpProxy(null),
                new RegistryMirrors(new RegistryMirrors.Config(null, 2)), new Oidc(null), new CertSans(null),
                new OvnLoadBalancer(null), new RestrictApiAccess(null));
        v1 = Stacks.renderChecked(stack, tmp.resolve("v1"));
        ClusterClass model = stack.releases().get(0).content().clusterClass();
        Map<String, Object> cc1 = find(v1, "ClusterClass");
        assertEquals(Writer.toPlain(model.patches()), spec(cc1).get("patches"), "the rendered class carries the model's patches");

        // what the features leave in the v1beta1 templates (checked, so the v1beta2 ones below are their exact equivalent)
        Map<String, Object> kcpt1 = find(v1, "KubeadmControlPlaneTemplate");
        Map<String, Object> kcs1 = at(kcpt1, "spec", "template", "spec", "kubeadmConfigSpec");
        assertEquals(map("apiServer", map("extraArgs", map()), "etcd", map("local", map("extraArgs", map(
                "auto-compaction-mode", "periodic", "auto-compaction-retention", "8h", "heartbeat-interval", "250",
                "election-timeout", "2500", "snapshot-count", "6400", "listen-metrics-urls", "http://0.0.0.0:2381")))),
                kcs1.get("clusterConfiguration"));
        assertEquals(List.of(), kcs1.get("preKubeadmCommands"));
        Map<String, Object> kct1 = find(v1, "KubeadmConfigTemplate");
        assertEquals(map("files", List.of(), "preKubeadmCommands", List.of(), "joinConfiguration",
                map("nodeRegistration", map("kubeletExtraArgs", map("cloud-provider", "external")))),
                at(kct1, "spec", "template", "spec"));

        // the v1beta2 templates, by hand: no apiServer (its only content was the empty extraArgs), no empty lists
        Map<String, Object> kcpt2 = copy(kcpt1);
        kcpt2.put("apiVersion", "controlplane.cluster.x-k8s.io/v1beta2");
        Map<String, Object> kcs2 = at(kcpt2, "spec", "template", "spec", "kubeadmConfigSpec");
        kcs2.put("clusterConfiguration", map("etcd", map("local", map("extraArgs", List.of(
                arg("auto-compaction-mode", "periodic"), arg("auto-compaction-retention", "8h"), arg("heartbeat-interval", "250"),
                arg("election-timeout", "2500"), arg("snapshot-count", "6400"), arg("listen-metrics-urls", "http://0.0.0.0:2381"))))));
        kcs2.remove("preKubeadmCommands");
        Map<String, Object> kct2 = copy(kct1);
        kct2.put("apiVersion", "bootstrap.cluster.x-k8s.io/v1beta2");
        at(kct2, "spec", "template").put("spec", map("joinConfiguration", map("nodeRegistration",
                map("kubeletExtraArgs", List.of(arg("cloud-provider", "external"))))));

        targets = List.of(
                new Target(Role.INFRASTRUCTURE_CLUSTER, null, "cluster", find(v1, "OpenStackClusterTemplate")),
                new Target(Role.CONTROL_PLANE, null, "control-plane", kcpt2),
                new Target(Role.MACHINE_DEPLOYMENT_CLASS, "default-worker", "worker-bootstrap", kct2));
        conversion = PatchConversion.convert(model.patches(), model.variables(), targets);
        assertEquals(List.of(), conversion.problems());

        Map<String, Object> cc2 = copy(cc1);
        spec(cc2).put("patches", Writer.toPlain(conversion.patches()));
        at(cc2, "spec", "controlPlane", "ref").put("apiVersion", "controlplane.cluster.x-k8s.io/v1beta2");
        @SuppressWarnings("unchecked")
        Map<String, Object> md = ((List<Map<String, Object>>) at(cc2, "spec", "workers").get("machineDeployments")).get(0);
        at(md, "template", "bootstrap", "ref").put("apiVersion", "bootstrap.cluster.x-k8s.io/v1beta2");
        v2 = new ArrayList<>();
        for (Map<String, Object> o : v1) {
            v2.add(switch (String.valueOf(o.get("kind"))) {
                case "ClusterClass" -> cc2;
                case "KubeadmControlPlaneTemplate" -> kcpt2;
                case "KubeadmConfigTemplate" -> kct2;
                default -> o;
            });
        }
    }

    @Test
    void theConversionCreatesWhatTheTemplatesNoLongerCarry() {
        List<String> names = conversion.patches().stream().map(p -> p.name()).toList();
        // files of the workers: httpProxy and the two mirror patches; preKubeadmCommands: httpProxy; apiServer: oidc, certSANs
        assertEquals(List.of("etcdDefrag", "apiServerLimits", "httpProxy-v1beta2-parents", "httpProxy-v1beta2-parents-2",
                "httpProxy-v1beta2-parents-3", "httpProxy", "registryMirrors0", "registryMirrors1", "oidc-v1beta2-parents", "oidc-v1beta2-parents-2", "oidc",
                "certSANs", "apiServerLoadBalancerNone", "apiServerLoadBalancerAmphora", "apiServerLoadBalancerOVN",
                "restrictApiAccess"), names);
        assertTrue(conversion.rewrites().stream().anyMatch(r -> r.startsWith("patch 'oidc' definition 0 op 0: add"
                + " /spec/template/spec/kubeadmConfigSpec/clusterConfiguration/apiServer/extraArgs/oidc-issuer-url rewritten to"
                + " append {name: oidc-issuer-url, value}")), conversion.rewrites().toString());
    }

    @Test
    void theClassObjectOfAWriterConvertsTheSame() {
        PatchConversion.Result plain = PatchConversion.convertClass(find(v1, "ClusterClass"), v2, null);
        assertEquals(List.of(), plain.problems());
        assertEquals(Writer.toPlain(conversion.patches()), plain.plainPatches());
        assertEquals(conversion.rewrites().size(), plain.rewrites().size());

        // the same class in v1beta2's shape: templateRef, machine deployment classes without the template wrapper
        Map<String, Object> shaped = copy(find(v1, "ClusterClass"));
        Map<String, Object> cp = at(shaped, "spec", "controlPlane");
        cp.put("templateRef", cp.remove("ref"));
        Map<String, Object> mi = at(cp, "machineInfrastructure");
        mi.put("templateRef", mi.remove("ref"));
        Map<String, Object> infra = at(shaped, "spec", "infrastructure");
        infra.put("templateRef", infra.remove("ref"));
        @SuppressWarnings("unchecked")
        Map<String, Object> md = ((List<Map<String, Object>>) at(shaped, "spec", "workers").get("machineDeployments")).get(0);
        @SuppressWarnings("unchecked")
        Map<String, Object> template = (Map<String, Object>) md.remove("template");
        md.put("bootstrap", map("templateRef", at(template, "bootstrap", "ref")));
        md.put("infrastructure", map("templateRef", at(template, "infrastructure", "ref")));
        assertEquals(plain.plainPatches(), PatchConversion.convertClass(shaped, v2, null).plainPatches());
    }

    @Test
    void everyFeatureOnGivesTheSameObjects() {
        Map<String, Map<String, Object>> two = assertSame(map("builtin", builtin(), "etcdDefrag", true, "apiServerLimits", true,
                "httpProxy", map("http", "http://proxy.example.com:3128", "noProxy", List.of(".corp.example.com")),
                "registryMirrors", List.of(map("host", "docker.io", "upstream", "https://mirror.example.com"),
                        map("host", "registry.k8s.io", "upstream", "https://mirror.example.com")),
                "oidc", map("issuer_url", "https://dex.example.com", "client_id", "kubectl", "groups_prefix", "sso:"),
                "certSANs", List.of("api.example.com"), "apiServerLoadBalancer", "octavia-ovn",
                "restrictApiAccess", List.of("192.0.2.0/24")));
        Map<String, Object> apiServer = at(two.get("controlPlane"), "spec", "template", "spec", "kubeadmConfigSpec",
                "clusterConfiguration", "apiServer");
        assertEquals(List.of(arg("oidc-issuer-url", "https://dex.example.com"), arg("oidc-client-id", "kubectl"),
                arg("oidc-username-claim", "preferred_username"), arg("oidc-groups-claim", "groups"),
                arg("oidc-username-prefix", "oidc:"), arg("oidc-groups-prefix", "sso:")), apiServer.get("extraArgs"));
        assertEquals(List.of("api.example.com"), apiServer.get("certSANs"));
    }

    @Test
    void everyFeatureOffGivesTheSameObjects() {
        assertSame(map("builtin", builtin(), "etcdDefrag", false, "apiServerLimits", false));
    }

    @Test
    void singleFeaturesThatCreateParentsGiveTheSameObjects() {
        assertSame(map("builtin", builtin(), "certSANs", List.of("api.example.com")));
        assertSame(map("builtin", builtin(), "registryMirrors", List.of(map("host", "docker.io", "upstream", "https://m.example.com"))));
        assertSame(map("builtin", builtin(), "oidc", map("issuer_url", "https://dex.example.com", "client_id", "kubectl")));
        assertSame(map("builtin", builtin(), "httpProxy", map("https", "http://proxy.example.com:3128")));
    }

    @Test
    @Tag("shared")
    void plannedV1beta2ObjectsPassTheRealCrdsWithUniqueArgumentNames() {
        CrdSchemas crds = CrdSchemas.load(SharedFolder.sharedOrSkip("crds/cluster-api-v1.14.0"));
        ClusterClass model = stack.releases().get(0).content().clusterClass();
        assertEquals(List.of(), PatchConversion.convert(model.patches(), model.variables(), targets, crds).problems(),
                "every converted feature path exists in the v1beta2 schemas");
        Map<String, Object> vars = map("builtin", builtin(), "etcdDefrag", true, "apiServerLimits", true,
                "httpProxy", map("http", "http://proxy.example.com:3128"), "registryMirrors",
                List.of(map("host", "docker.io", "upstream", "https://m.example.com")),
                "oidc", map("issuer_url", "https://dex.example.com", "client_id", "kubectl"), "certSANs", List.of("a.example.com"));
        for (Map<String, Object> variables : List.of(vars, map("builtin", builtin()))) {
            Map<String, Map<String, Object>> planned = PlannedTopology.apply(tmp, v2, variables);
            Map<String, Object> kcpt = map("apiVersion", "controlplane.cluster.x-k8s.io/v1beta2", "kind", "KubeadmControlPlaneTemplate",
                    "metadata", map("name", "planned"), "spec", map("template", map("spec", map("kubeadmConfigSpec",
                            at(planned.get("controlPlane"), "spec", "template", "spec", "kubeadmConfigSpec")))));
            Map<String, Object> kct = planned.get("md:default-worker:bootstrap");
            for (Map<String, Object> o : List.of(kcpt, kct)) {
                List<SchemaViolation> violations = crds.validate(o);
                assertEquals(List.of(), violations, o.get("kind") + " with " + variables.keySet());
                uniqueArgumentNames(o, "");
            }
        }
    }

    /** The CEL rule of every v1beta2 argument list ("extraArgs name must be unique"), which the schema check does not run. */
    @SuppressWarnings("unchecked")
    static void uniqueArgumentNames(Object node, String path) {
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if ((k.equals("extraArgs") || k.equals("kubeletExtraArgs")) && v instanceof List<?> l) {
                    Set<Object> names = new LinkedHashSet<>();
                    l.forEach(x -> assertTrue(names.add(((Map<String, Object>) x).get("name")), path + "/" + k + ": " + l));
                }
                uniqueArgumentNames(v, path + "/" + k);
            });
        } else if (node instanceof List<?> l) {
            l.forEach(x -> uniqueArgumentNames(x, path + "/-"));
        }
    }

    Map<String, Map<String, Object>> assertSame(Map<String, Object> variables) {
        Map<String, Map<String, Object>> one = PlannedTopology.apply(tmp, v1, variables);
        Map<String, Map<String, Object>> two = PlannedTopology.apply(tmp, v2, variables);
        assertEquals(one.keySet(), two.keySet());
        for (String role : one.keySet()) {
            List<String> differences = new ArrayList<>();
            diff(normal(one.get(role)), normal(two.get(role)), "", differences);
            assertEquals(List.of(), differences, role + " with " + variables.keySet());
        }
        assertFalse(String.valueOf(normal(two.get("controlPlane"))).isEmpty());
        return two;
    }

    /** Where two trees differ, with short values. */
    static void diff(Object a, Object b, String at, List<String> out) {
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            Set<Object> keys = new LinkedHashSet<>(ma.keySet());
            keys.addAll(mb.keySet());
            keys.forEach(k -> diff(ma.get(k), mb.get(k), at + "/" + k, out));
        } else if (a instanceof List<?> la && b instanceof List<?> lb && la.size() == lb.size()) {
            for (int i = 0; i < la.size(); i++) {
                diff(la.get(i), lb.get(i), at + "/" + i, out);
            }
        } else if (!java.util.Objects.equals(a, b)) {
            out.add(at + ": v1beta1 " + shortly(a) + " / v1beta2 " + shortly(b));
        }
    }

    static String shortly(Object o) {
        String s = String.valueOf(o);
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    /** Cluster API's mapping of these fields: {@code [{name, value}]} = map; empty = absent; kubeadm kinds without version. */
    static Object normal(Object node) {
        if (node instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> {
                Object n = normal(v);
                if ((k.equals("extraArgs") || k.equals("kubeletExtraArgs")) && n instanceof List<?> l) {
                    Map<String, Object> args = new LinkedHashMap<>();
                    l.forEach(x -> args.put(String.valueOf(((Map<?, ?>) x).get("name")), ((Map<?, ?>) x).get("value")));
                    n = args;
                }
                if (k.equals("machineTemplate") && n instanceof Map<?, ?> mt) {
                    n = machineTemplate(mt);
                }
                if (k.equals("apiVersion") && n instanceof String s && s.matches("(controlplane|bootstrap)\\.cluster\\.x-k8s\\.io/v1beta[12]")) {
                    n = s.substring(0, s.indexOf('/'));
                }
                if (!(n instanceof Map<?, ?> nm && nm.isEmpty()) && !(n instanceof List<?> nl && nl.isEmpty())) {
                    out.put(String.valueOf(k), n);
                }
            });
            return new java.util.TreeMap<>(out);
        }
        if (node instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(normal(x)));
            return out;
        }
        return node;
    }

    /**
     * KCP {@code machineTemplate.infrastructureRef{apiVersion, kind, name, namespace}} (v1beta1) and
     * {@code machineTemplate.spec.infrastructureRef{apiGroup, kind, name}} (v1beta2), as Cluster API's conversion maps them.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> machineTemplate(Map<?, ?> mt) {
        Map<String, Object> out = new java.util.TreeMap<>((Map<String, Object>) mt);
        Object spec = out.get("spec");
        if (spec instanceof Map<?, ?> sm && sm.get("infrastructureRef") != null) {
            Map<String, Object> rest = new java.util.TreeMap<>((Map<String, Object>) sm);
            out.put("infrastructureRef", rest.remove("infrastructureRef"));
            if (rest.isEmpty()) {
                out.remove("spec");
            } else {
                out.put("spec", rest);
            }
        }
        if (out.get("infrastructureRef") instanceof Map<?, ?> ref) {
            Map<String, Object> r = new java.util.TreeMap<>((Map<String, Object>) ref);
            r.remove("namespace");
            if (r.get("apiVersion") instanceof String v) {
                r.put("apiGroup", v.substring(0, v.indexOf('/')));
                r.remove("apiVersion");
            }
            out.put("infrastructureRef", r);
        }
        return out;
    }

    static Map<String, Object> builtin() {
        return map("cluster", map("name", "c1", "namespace", "ns", "network", map("serviceDomain", "cluster.local",
                "services", List.of("10.96.0.0/12"), "pods", List.of("192.168.0.0/16"))));
    }

    static Map<String, Object> find(List<Map<String, Object>> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).findFirst().orElseThrow(() -> new AssertionError(kind));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> spec(Map<String, Object> o) {
        return (Map<String, Object>) o.get("spec");
    }

    static Map<String, Object> at(Map<String, Object> o, String... path) {
        return HttpProxyTest.at(o, path);
    }

    @SuppressWarnings("unchecked")
    static <T> T copy(T o) {
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), copy(v)));
            return (T) out;
        }
        if (o instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(copy(x)));
            return (T) out;
        }
        return o;
    }
}
