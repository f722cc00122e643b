package dev.clusterstack.core.hardening;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Generates Docker and OpenStack stack definitions (one Kubernetes version) with the fields whose v1beta2 form differs from
 * v1beta1's: kubeadm control plane and config specs with {@code extraArgs}, {@code kubeletExtraArgs} (as maps or as
 * lists of {@code {name, value}}), files,
 * commands, timeouts, bootstrap token TTLs, machine health checks, node deletion timeouts, rollout, remediation and
 * deployment strategies, variables with metadata, patches on argument maps and other paths, empty objects and lists,
 * and the fields v1beta2 does not have ({@code networking}, {@code kubernetesVersion}, {@code clusterName}, kubeadm's
 * {@code apiVersion}, {@code useExperimentalRetryJoin}), durations that are not whole seconds and patches that
 * cannot be converted ({@code remove …/extraArgs/<name>}).
 *
 * <p>Each definition carries the model paths of the errors a v1beta2 build must report for it, written down by the
 * generator from what it put in (never from what the code under test says); a definition without any is one that
 * v1beta2 can hold.
 */
final class V1beta2Definitions {
    static final String KCP = "/spec/template/spec/kubeadmConfigSpec";
    static final String CP_PATH = "templates[2].spec.template.spec";
    static final String KCS_PATH = CP_PATH + ".kubeadmConfigSpec";
    static final String WORKER_PATH = "templates[3].spec.template.spec";

    /** Durations of whole seconds (v1beta2 holds them as integers of seconds). */
    private static final List<String> WHOLE = List.of("0s", "10s", "90s", "5m", "1m30s", "1h", "20m", "2h15m");
    /** Durations Go parses that are not whole seconds: a located error in v1beta2 (the project's rule). */
    private static final List<String> FRACTIONAL = List.of("1500ms", "4m0.5s", "2.5s", "100ms");
    /** The kubeadm fields v1beta2 does not have (all generated where {@code apiVersion} can only be kubeadm's). */
    private static final Set<String> REMOVED = Set.of("useExperimentalRetryJoin", "networking", "kubernetesVersion",
            "clusterName", "apiVersion");
    private static final List<String> ARG_NAMES = List.of("profiling", "audit-log-maxage", "v", "bind-address",
            "feature-gates", "snapshot-count", "max-requests-inflight", "tls-min-version");
    private static final List<String> ARG_VALUES = List.of("false", "30", "2", "0.0.0.0", "A=true,B=false", "6400",
            "1:2", "{{ not a template }}", "yes", "", "100");

    /** A generated definition (a YAML tree) and the model paths of the errors v1beta2 output must report for it. */
    record Definition(Map<String, Object> tree, Set<String> expectedErrors, List<String> features) {
        boolean valid() {
            return expectedErrors.isEmpty();
        }
    }

    private final Random random;
    private final Set<String> expected = new LinkedHashSet<>();
    private final List<String> features = new ArrayList<>();

    private V1beta2Definitions(Random random) {
        this.random = random;
    }

    /** One definition from a source of randomness; {@code invalidPercent} of the choices put in a v1beta2 problem. */
    static Definition generate(Random random) {
        V1beta2Definitions g = new V1beta2Definitions(random);
        Map<String, Object> tree = g.stack();
        g.argumentForms(tree);
        return new Definition(tree, Set.copyOf(g.expected), List.copyOf(g.features));
    }

    /**
     * Writes about half of the argument maps in the other form a definition accepts, a list of {@code {name, value}}
     * in the same order (after the patches have read which names are set): both forms must give the same release.
     */
    @SuppressWarnings("unchecked")
    private void argumentForms(Object node) {
        if (node instanceof Map<?, ?> m) {
            for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
                if ((e.getKey().equals("extraArgs") || e.getKey().equals("kubeletExtraArgs")) && e.getValue() instanceof Map<?, ?> args
                        && chance(50)) {
                    List<Object> list = new ArrayList<>();
                    args.forEach((k, v) -> list.add(map("name", k, "value", v)));
                    e.setValue(list);
                    features.add("args-as-list");
                } else {
                    argumentForms(e.getValue());
                }
            }
        } else if (node instanceof List<?> l) {
            l.forEach(this::argumentForms);
        }
    }

    private boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    private <T> T one(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    /** A duration for {@code path}: mostly whole seconds, sometimes not (then an expected error). */
    private String duration(String path) {
        if (chance(5)) {
            expected.add(path);
            features.add("fractional-duration");
            return one(FRACTIONAL);
        }
        return one(WHOLE);
    }

    /** An argument map of 0..3 entries (0: written as an empty map, which v1beta2 leaves out). */
    private Map<String, Object> args(String prefix) {
        Map<String, Object> out = new LinkedHashMap<>();
        int n = random.nextInt(4);
        for (int i = 0; i < n; i++) {
            out.put(prefix + one(ARG_NAMES), one(ARG_VALUES));
        }
        features.add(out.isEmpty() ? "empty-args" : "args");
        return out;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> stack() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("provider", "docker");
        s.put("name", "scs");
        s.put("clusterApi", "v1beta2");
        s.put("kubernetesVersions", List.of(map("version", "1.33.1")));
        s.put("clusterClass", clusterClass());
        Map<String, Object> cp = controlPlaneTemplate();
        Map<String, Object> worker = workerTemplate();
        List<Object> templates = new ArrayList<>();
        if (chance(40)) {
            // OpenStack (CAPO's v1beta1 templates, which v1beta2 releases keep as they are)
            s.put("provider", "openstack");
            Map<String, Object> identity = map("cloudName", "openstack", "name", "openstack");
            templates.add(map("name", "cluster", "kind", "OpenStackClusterTemplate", "spec", map("template", map("spec",
                    map("identityRef", identity, "apiServerLoadBalancer", map("enabled", false))))));
            templates.add(map("name", "machine", "kind", "OpenStackMachineTemplate", "spec", map("template", map("spec",
                    map("flavor", "SCS-2V-4", "identityRef", identity, "image", map("filter", map("name", "ubuntu-capi-image-v1.33.1")))))));
            features.add("openstack");
        } else {
            templates.add(map("name", "cluster", "kind", "DockerClusterTemplate"));
            templates.add(map("name", "machine", "kind", "DockerMachineTemplate", "spec",
                    map("template", map("spec", map("customImage", "kindest/node:v1.33.1")))));
            features.add("docker");
        }
        templates.add(map("name", "control-plane", "kind", "KubeadmControlPlaneTemplate", "spec", cp));
        templates.add(map("name", "worker-bootstrap", "kind", "KubeadmConfigTemplate", "spec", worker));
        s.put("templates", templates);
        Map<String, Object> cc = (Map<String, Object>) s.get("clusterClass");
        cc.put("patches", patches(cp, worker, (List<Object>) cc.get("variables")));
        if (((List<?>) cc.get("patches")).isEmpty()) {
            cc.remove("patches");
        }
        s.put("addons", List.of(map("name", "cni", "chart", map("name", "cilium", "version", "1.16.6",
                "repository", "https://helm.cilium.io/"))));
        return s;
    }

    private Map<String, Object> clusterClass() {
        Map<String, Object> cc = new LinkedHashMap<>();
        cc.put("infrastructure", map("ref", "cluster"));
        if (chance(30)) {
            cc.put("infrastructureNamingStrategy", map("template", "{{ .cluster.name }}-infra-{{ .random }}"));
        }
        Map<String, Object> controlPlane = new LinkedHashMap<>();
        controlPlane.put("ref", "control-plane");
        controlPlane.put("machineInfrastructure", map("ref", "machine"));
        for (String t : List.of("nodeDrainTimeout", "nodeVolumeDetachTimeout", "nodeDeletionTimeout")) {
            if (chance(30)) {
                controlPlane.put(t, duration("clusterClass.controlPlane." + t));
                features.add("deletion-timeout");
            }
        }
        if (chance(20)) {
            controlPlane.put("namingStrategy", map("template", "{{ .cluster.name }}-cp-{{ .random }}"));
        }
        if (chance(15)) {
            controlPlane.put("metadata", map("labels", map("tier", "control-plane")));
        }
        if (chance(40)) {
            controlPlane.put("machineHealthCheck", healthCheck("clusterClass.controlPlane.machineHealthCheck"));
        }
        cc.put("controlPlane", controlPlane);
        Map<String, Object> md = new LinkedHashMap<>();
        md.put("class", "default-worker");
        Map<String, Object> template = new LinkedHashMap<>();
        if (chance(30)) {
            template.put("metadata", map("labels", map("node-role", "worker")));
        }
        template.put("bootstrap", map("ref", "worker-bootstrap"));
        template.put("infrastructure", map("ref", "machine"));
        md.put("template", template);
        String mdPath = "clusterClass.workers.machineDeployments[0]";
        for (String t : List.of("nodeDrainTimeout", "nodeVolumeDetachTimeout", "nodeDeletionTimeout")) {
            if (chance(20)) {
                md.put(t, duration(mdPath + "." + t));
            }
        }
        if (chance(20)) {
            md.put("namingStrategy", map("template", "{{ .cluster.name }}-md-{{ .machineDeployment.topologyName }}-{{ .random }}"));
        }
        if (chance(20)) {
            md.put("minReadySeconds", 10);
            md.put("failureDomain", "fd-1");
        }
        if (chance(40)) {
            md.put("machineHealthCheck", healthCheck(mdPath + ".machineHealthCheck"));
        }
        if (chance(40)) {
            Map<String, Object> strategy = new LinkedHashMap<>();
            strategy.put("type", "RollingUpdate");
            Map<String, Object> rolling = new LinkedHashMap<>();
            if (chance(60)) {
                rolling.put("maxSurge", 1);
            }
            if (chance(50)) {
                rolling.put("maxUnavailable", 0);
            }
            if (chance(50)) {
                rolling.put("deletePolicy", one(List.of("Oldest", "Newest", "Random")));
            }
            strategy.put("rollingUpdate", rolling);
            if (chance(40)) {
                strategy.put("remediation", map("maxInFlight", 2));
            }
            md.put("strategy", strategy);
            features.add("strategy");
        }
        cc.put("workers", map("machineDeployments", List.of(md)));
        List<Object> variables = new ArrayList<>();
        variables.add(variable("imageRepository", "registry.k8s.io"));
        if (chance(50)) {
            variables.add(variable("auditMaxAge", "30"));
        }
        variables.add(map("name", "auditEnabled", "required", false, "schema",
                map("openAPIV3Schema", map("type", "boolean", "default", false))));
        cc.put("variables", variables);
        return cc;
    }

    private Map<String, Object> variable(String name, String defaultValue) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", name);
        v.put("required", false);
        int metadata = random.nextInt(4);
        if (metadata == 1) {
            v.put("metadata", map("labels", map("tier", "core")));
        } else if (metadata == 2) {
            v.put("metadata", map("labels", map("tier", "core"), "annotations", map("clusterstack.dev/help", "Where from.")));
        } else if (metadata == 3) {
            v.put("metadata", new LinkedHashMap<>());
        }
        features.add("variable-metadata-" + metadata);
        v.put("schema", map("openAPIV3Schema", map("type", "string", "default", defaultValue)));
        return v;
    }

    private Map<String, Object> healthCheck(String path) {
        Map<String, Object> hc = new LinkedHashMap<>();
        if (chance(60)) {
            hc.put("nodeStartupTimeout", duration(path + ".nodeStartupTimeout"));
        }
        if (chance(40)) {
            if (chance(50)) {
                hc.put("maxUnhealthy", chance(50) ? "33%" : 2);
            } else {
                hc.put("unhealthyRange", "[0-2]");
            }
        }
        if (chance(70)) {
            List<Object> conditions = new ArrayList<>();
            int n = 1 + random.nextInt(2);
            for (int i = 0; i < n; i++) {
                conditions.add(map("type", "Ready", "status", i == 0 ? "Unknown" : "False",
                        "timeout", duration(path + ".unhealthyConditions[" + i + "].timeout")));
            }
            hc.put("unhealthyConditions", conditions);
        }
        features.add(hc.isEmpty() ? "empty-health-check" : "health-check");
        return hc;
    }

    private Map<String, Object> controlPlaneTemplate() {
        Map<String, Object> spec = new LinkedHashMap<>();
        if (chance(50)) {
            Map<String, Object> machineTemplate = new LinkedHashMap<>();
            if (chance(50)) {
                machineTemplate.put("metadata", map("labels", map("role", "control-plane")));
            }
            for (String t : List.of("nodeDrainTimeout", "nodeDeletionTimeout")) {
                if (chance(40)) {
                    machineTemplate.put(t, duration(CP_PATH + ".machineTemplate." + t));
                }
            }
            spec.put("machineTemplate", machineTemplate);
        }
        if (chance(25)) {
            spec.put("rolloutBefore", map("certificatesExpiryDays", 21));
        }
        if (chance(25)) {
            spec.put("rolloutStrategy", map("rollingUpdate", map("maxSurge", 1)));
        }
        if (chance(25)) {
            spec.put("remediationStrategy", map("maxRetry", 3, "retryPeriod", duration(CP_PATH + ".remediationStrategy.retryPeriod"),
                    "minHealthyPeriod", duration(CP_PATH + ".remediationStrategy.minHealthyPeriod")));
        }
        if (chance(15)) {
            spec.put("rolloutAfter", "2030-01-01T00:00:00Z");
        }
        if (chance(20)) {
            spec.put("machineNamingStrategy", map("template", "{{ .kubeadmControlPlane.name }}-{{ .random }}"));
        }
        spec.put("kubeadmConfigSpec", kubeadmConfigSpec(KCS_PATH, true));
        emptyTemplate(spec, "templates[2].spec.template");
        return map("template", map("spec", spec));
    }

    private Map<String, Object> workerTemplate() {
        Map<String, Object> spec = kubeadmConfigSpec(WORKER_PATH, false);
        emptyTemplate(spec, "templates[3].spec.template");
        return map("template", map("spec", spec));
    }

    /**
     * A template whose every field is empty: v1beta2 refuses it (minProperties 1 once the empty objects and lists are
     * left out), also when patches would fill it, which is this project's error at the template.
     */
    private void emptyTemplate(Map<String, Object> spec, String path) {
        if (!holdsValue(spec, null)) {
            expected.add(path);
            features.add("empty-template");
        }
    }

    /**
     * Whether a node holds anything once empty objects and lists and the fields v1beta2 removed are left out; node
     * registration {@code taints: []} ("no taints") counts.
     */
    private static boolean holdsValue(Object node, String key) {
        if (key != null && REMOVED.contains(key)) {
            return false;
        }
        if (node instanceof Map<?, ?> m) {
            return m.entrySet().stream().anyMatch(e -> holdsValue(e.getValue(), String.valueOf(e.getKey())));
        }
        if (node instanceof List<?> l) {
            return "taints".equals(key) || !l.isEmpty();
        }
        return node != null;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> kubeadmConfigSpec(String path, boolean controlPlane) {
        Map<String, Object> spec = new LinkedHashMap<>();
        if (controlPlane) {
            Map<String, Object> cluster = new LinkedHashMap<>();
            String cc = path + ".clusterConfiguration";
            Map<String, Object> apiServer = new LinkedHashMap<>();
            if (chance(80)) {
                apiServer.put("extraArgs", args(""));
            }
            if (chance(25)) {
                apiServer.put("timeoutForControlPlane", duration(cc + ".apiServer.timeoutForControlPlane"));
            }
            if (chance(20)) {
                apiServer.put("certSANs", List.of("localhost", "127.0.0.1"));
            }
            if (chance(15)) {
                apiServer.put("extraVolumes", List.of(map("name", "audit", "hostPath", "/var/log/audit",
                        "mountPath", "/var/log/audit", "pathType", "DirectoryOrCreate")));
            }
            cluster.put("apiServer", apiServer);
            if (chance(20)) {
                cluster.put("imageRepository", "registry.example.com/k8s");
                cluster.put("certificatesDir", "/etc/kubernetes/pki");
                cluster.put("featureGates", map("EtcdLearnerMode", true));
                cluster.put("dns", map("imageRepository", "registry.example.com/coredns"));
                features.add("kept-fields");
            }
            for (String component : List.of("controllerManager", "scheduler")) {
                if (chance(60)) {
                    cluster.put(component, chance(70) ? map("extraArgs", args("")) : new LinkedHashMap<>());
                }
            }
            if (chance(30)) {
                cluster.put("etcd", map("local", map("extraArgs", args(""))));
            }
            if (chance(10)) {
                cluster.put("networking", map("podSubnet", "192.168.0.0/16"));
                expected.add(cc + ".networking");
                features.add("networking");
            }
            if (chance(10)) {
                cluster.put("kubernetesVersion", "v1.33.1");
                expected.add(cc + ".kubernetesVersion");
                features.add("kubernetesVersion");
            }
            if (chance(10)) {
                cluster.put("clusterName", "demo");
                expected.add(cc + ".clusterName");
                features.add("clusterName");
            }
            if (chance(5)) {
                cluster.put("apiVersion", "kubeadm.k8s.io/v1beta3");
                expected.add(cc + ".apiVersion");
            }
            spec.put("clusterConfiguration", cluster);
            if (chance(60)) {
                Map<String, Object> init = new LinkedHashMap<>();
                init.put("nodeRegistration", nodeRegistration());
                if (chance(15)) {
                    init.put("skipPhases", List.of("addon/kube-proxy"));
                    init.put("localAPIEndpoint", map("advertiseAddress", "10.0.0.1", "bindPort", 6443));
                }
                if (chance(30)) {
                    init.put("bootstrapTokens", List.of(map("token", "abcdef.0123456789abcdef",
                            "ttl", duration(path + ".initConfiguration.bootstrapTokens[0].ttl"),
                            "groups", List.of("system:bootstrappers:kubeadm:default-node-token"))));
                }
                spec.put("initConfiguration", init);
            }
        }
        if (chance(70)) {
            Map<String, Object> join = new LinkedHashMap<>();
            if (chance(30)) {
                join.put("discovery", map("timeout", duration(path + ".joinConfiguration.discovery.timeout")));
            }
            join.put("nodeRegistration", nodeRegistration());
            spec.put("joinConfiguration", join);
        }
        int files = random.nextInt(3);
        List<Object> fileList = new ArrayList<>();
        for (int i = 0; i < files; i++) {
            fileList.add(map("path", "/etc/clusterstack/f" + i, "content", "line " + i + "\n{{ kept }}\n",
                    "permissions", "0644"));
        }
        if (files > 0 || chance(40)) {
            spec.put("files", fileList);
        }
        for (String commands : List.of("preKubeadmCommands", "postKubeadmCommands")) {
            if (chance(50)) {
                List<Object> list = new ArrayList<>();
                int n = random.nextInt(3);
                for (int i = 0; i < n; i++) {
                    list.add("echo " + commands + " " + i + " ${HOME}");
                }
                spec.put(commands, list);
                features.add(list.isEmpty() ? "empty-commands" : "commands");
            }
        }
        if (chance(15)) {
            spec.put("ntp", map("enabled", true, "servers", List.of("time.example.com")));
            spec.put("users", List.of(map("name", "ops", "sudo", "ALL=(ALL) NOPASSWD:ALL",
                    "sshAuthorizedKeys", List.of("ssh-ed25519 AAAA ops"))));
            spec.put("format", "cloud-config");
            spec.put("verbosity", 4);
            features.add("kept-fields");
        }
        if (chance(15)) {
            // empty objects and lists v1beta2 refuses (minProperties/minItems 1): left out of the output
            spec.put(one(List.of("ntp", "diskSetup")), new LinkedHashMap<>());
            spec.put(one(List.of("users", "mounts")), new ArrayList<>());
            if (spec.get("clusterConfiguration") instanceof Map<?, ?> c) {
                ((Map<String, Object>) c).put("dns", new LinkedHashMap<>());
            }
            spec.putIfAbsent(controlPlane && chance(50) ? "initConfiguration" : "joinConfiguration", new LinkedHashMap<>());
            features.add("empty-objects");
        }
        if (chance(8)) {
            spec.put("useExperimentalRetryJoin", true);
            expected.add(path + ".useExperimentalRetryJoin");
        }
        if (!holdsValue(spec, null) && chance(70)) {
            spec.put("preKubeadmCommands", List.of("true"));
        }
        return spec;
    }

    private Map<String, Object> nodeRegistration() {
        Map<String, Object> reg = new LinkedHashMap<>();
        if (chance(70)) {
            reg.put("kubeletExtraArgs", args("kubelet-"));
        }
        if (chance(20)) {
            reg.put("taints", new ArrayList<>());
        }
        if (chance(30)) {
            reg.put("criSocket", "unix:///var/run/containerd/containerd.sock");
        }
        if (chance(15)) {
            reg.put("name", "{{ local_hostname }}");
            reg.put("ignorePreflightErrors", List.of("Swap"));
            reg.put("imagePullPolicy", "IfNotPresent");
        }
        if (chance(10)) {
            reg.put("taints", List.of(map("key", "dedicated", "value", "infra", "effect", "NoSchedule")));
        }
        return reg;
    }

    /**
     * Patches of the control plane and worker templates, written for v1beta1 as users write them. Convertible: an
     * argument added by name ({@code add …/extraArgs/<name>}, an append in v1beta2) under a name the template does
     * not set, from a literal or a variable; a whole argument map; a kubelet argument of the workers; a duration of
     * whole seconds; the image repository from a variable; a file appended. Not convertible, each an expected error at
     * its patch's path: an argument removed or replaced by name (its list position is not known), an argument added
     * that the template already sets (a second entry of that name), a duration that is not whole seconds, a field
     * v1beta2 removed.
     */
    @SuppressWarnings("unchecked")
    private List<Object> patches(Map<String, Object> cpTemplate, Map<String, Object> workerTemplate, List<Object> variables) {
        List<Object> patches = new ArrayList<>();
        Map<String, Object> kcs = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) cpTemplate.get("template"))
                .get("spec")).get("kubeadmConfigSpec");
        Map<String, Object> apiServer = (Map<String, Object>) ((Map<String, Object>) kcs.get("clusterConfiguration")).get("apiServer");
        Map<String, Object> setArgs = apiServer.get("extraArgs") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        boolean auditVariable = variables.stream().anyMatch(v -> "auditMaxAge".equals(((Map<String, Object>) v).get("name")));
        String args = KCP + "/clusterConfiguration/apiServer/extraArgs";
        List<Object> ops = new ArrayList<>();
        String at = "clusterClass.patches[" + patches.size() + "].definitions[0].jsonPatches[";
        if (chance(40)) {
            ops.add(map("op", "add", "path", args + "/patched-" + one(ARG_NAMES), "value", one(ARG_VALUES)));
            features.add("patch-add-arg");
        }
        if (auditVariable && chance(30)) {
            ops.add(map("op", "add", "path", args + "/audit-log-maxage", "valueFrom", map("variable", "auditMaxAge")));
            if (setArgs.containsKey("audit-log-maxage")) {
                expected.add(at + (ops.size() - 1) + "].path");
                features.add("patch-add-set-arg");
            }
            features.add("patch-arg-variable");
        }
        if (setArgs.isEmpty() && chance(15)) {
            ops.add(map("op", "add", "path", args, "value", map("patched-whole", "true", "v", "3")));
            features.add("patch-arg-map");
        }
        if (chance(40)) {
            ops.add(map("op", "add", "path", KCP + "/clusterConfiguration/imageRepository", "valueFrom",
                    map("variable", "imageRepository")));
            features.add("patch-other-path");
        }
        if (chance(25)) {
            ops.add(map("op", "add", "path", KCP + "/files/-", "value",
                    map("path", "/etc/clusterstack/patched", "content", "patched")));
            features.add("patch-file");
        }
        if (chance(15)) {
            ops.add(map("op", "add", "path", KCP + "/clusterConfiguration/apiServer/timeoutForControlPlane", "value",
                    duration(at + ops.size() + "].path")));
            features.add("patch-duration");
        }
        if (chance(8)) {
            ops.add(map("op", "add", "path", KCP + "/clusterConfiguration/networking", "value",
                    map("podSubnet", "10.0.0.0/16")));
            expected.add(at + (ops.size() - 1) + "].path");
            features.add("patch-removed-field");
        }
        if (!setArgs.isEmpty() && chance(20)) {
            String name = setArgs.keySet().iterator().next();
            boolean remove = chance(50);
            ops.add(remove ? map("op", "remove", "path", args + "/" + name)
                    : map("op", "replace", "path", args + "/" + name, "value", "changed"));
            expected.add(at + (ops.size() - 1) + "].path");
            features.add("patch-remove-arg");
        }
        if (!ops.isEmpty()) {
            patches.add(map("name", "controlPlane", "definitions", List.of(map("selector",
                    map("apiVersion", "controlplane.cluster.x-k8s.io/v1beta1", "kind", "KubeadmControlPlaneTemplate",
                            "matchResources", map("controlPlane", true)), "jsonPatches", ops))));
            conditional((Map<String, Object>) patches.get(patches.size() - 1));
        }
        if (chance(30)) {
            patches.add(map("name", "workers", "definitions", List.of(map("selector",
                    map("apiVersion", "bootstrap.cluster.x-k8s.io/v1beta1", "kind", "KubeadmConfigTemplate",
                            "matchResources", map("machineDeploymentClass", map("names", List.of("default-worker")))),
                    "jsonPatches", List.of(map("op", "add", "path",
                            "/spec/template/spec/joinConfiguration/nodeRegistration/kubeletExtraArgs/patched-kubelet",
                            "value", "on"))))));
            features.add("patch-kubelet-arg");
            conditional((Map<String, Object>) patches.get(patches.size() - 1));
        }
        return patches;
    }

    /**
     * Sometimes makes a patch conditional on a variable (the plan's Cluster sets it true): parents the v1beta2
     * conversion creates for it must be created under the same condition.
     */
    private void conditional(Map<String, Object> patch) {
        if (chance(40)) {
            patch.put("enabledIf", "{{ if .auditEnabled }}true{{ end }}");
            features.add("patch-enabled-if");
        }
    }

    /** An ordered map of the given keys and values. */
    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }
}
