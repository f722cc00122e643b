package dev.clusterstack.core.render.v1beta2;

import dev.clusterstack.core.bind.Paths;
import dev.clusterstack.core.bind.Writer;
import dev.clusterstack.core.capi.V1beta2Names;
import dev.clusterstack.core.model.kubeadm.Arg;
import dev.clusterstack.core.model.kubeadm.ClusterConfiguration;
import dev.clusterstack.core.model.kubeadm.KubeadmConfigSpec;
import dev.clusterstack.core.model.kubeadm.KubeadmConfigTemplate;
import dev.clusterstack.core.model.kubeadm.KubeadmControlPlaneTemplate;
import dev.clusterstack.core.model.kubeadm.NodeRegistrationOptions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.clusterstack.core.render.v1beta2.Mapping.child;
import static dev.clusterstack.core.render.v1beta2.Mapping.map;
import static dev.clusterstack.core.render.v1beta2.Mapping.putIf;

/**
 * The v1beta2 KubeadmControlPlaneTemplate / KubeadmConfigTemplate {@code spec}, written from the model
 * ({@link KubeadmControlPlaneTemplate}, {@link KubeadmConfigTemplate}, {@link KubeadmConfigSpec}) as Cluster
 * API's conversions ({@code api/bootstrap/kubeadm/v1beta1/conversion.go},
 * {@code api/controlplane/kubeadm/v1beta1/conversion.go}) and the migration guide map it: argument maps as
 * {@code [{name, value}]} lists, {@code timeouts}, {@code ttlSeconds}, the machine template's
 * {@code spec.deletion}, {@code rollout}, {@code remediation} and {@code machineNaming}. Fields v1beta2 removed
 * are errors; empty objects and lists, which v1beta2 refuses, are left out. Fields are written in the model's order;
 * the arguments come from the model's ordered {@link Arg} lists, the parts of the same shape in both versions as
 * {@link Writer} writes their records, and the free trees the model keeps (the machine template, rollout and
 * remediation strategies, discovery, {@code extra} fields) are mapped as trees, unknown fields with a warning.
 */
final class KubeadmWriter {
    /** v1beta2's node registration {@code taints: []} (no taints) differs from absent (the default taint). */
    private static final Set<String> KEEP_EMPTY = Set.of("taints");
    private static final Set<String> CONFIG_SPEC_SAME = Set.of("files", "diskSetup", "mounts", "bootCommands",
            "preKubeadmCommands", "postKubeadmCommands", "users", "ntp", "format", "verbosity", "ignition");
    private static final Set<String> CLUSTER_SAME = Set.of("etcd", "controlPlaneEndpoint", "dns", "certificatesDir",
            "imageRepository", "featureGates", "certificateValidityPeriodDays", "caCertificateValidityPeriodDays",
            "encryptionAlgorithm");
    private static final Set<String> COMPONENT_SAME = Set.of("extraVolumes", "extraEnvs", "certSANs");
    private static final Set<String> INIT_SAME = Set.of("localAPIEndpoint", "skipPhases", "patches");
    private static final Set<String> JOIN_SAME = Set.of("caCertPath", "controlPlane", "skipPhases", "patches");
    private static final Set<String> REGISTRATION_SAME = Set.of("name", "criSocket", "taints", "ignorePreflightErrors",
            "imagePullPolicy", "imagePullSerial");

    private final Mapping m;

    KubeadmWriter(Mapping m) {
        this.m = m;
    }

    /** A KubeadmControlPlaneTemplate's {@code spec}; {@code path} is the model path of that spec. */
    Map<String, Object> controlPlaneTemplateSpec(KubeadmControlPlaneTemplate.Spec spec, String path) {
        Map<String, Object> in = Writer.recordToMap(spec);
        Map<String, Object> out = new LinkedHashMap<>(in);
        KubeadmControlPlaneTemplate.Resource resource = spec.template();
        if (resource != null && in.get("template") instanceof Map<?, ?> t) {
            Map<String, Object> template = map(t);
            String p = Paths.child(path, "template");
            if (resource.spec() != null && template.get("spec") instanceof Map<?, ?> s) {
                template.put("spec", resourceSpec(resource.spec(), map(s), Paths.child(p, "spec")));
            }
            out.put("template", template);
        }
        return pruned(out, path);
    }

    /** A KubeadmConfigTemplate's {@code spec}. */
    Map<String, Object> configTemplateSpec(KubeadmConfigTemplate.Spec spec, String path) {
        Map<String, Object> in = Writer.recordToMap(spec);
        Map<String, Object> out = new LinkedHashMap<>(in);
        KubeadmConfigTemplate.Resource resource = spec.template();
        if (resource != null && in.get("template") instanceof Map<?, ?> t) {
            Map<String, Object> template = map(t);
            if (resource.spec() != null && template.get("spec") instanceof Map<?, ?> s) {
                template.put("spec", configSpec(resource.spec(), map(s), Paths.child(Paths.child(path, "template"), "spec")));
            }
            out.put("template", template);
        }
        return pruned(out, path);
    }

    /** The spec without empty objects and lists; an error when nothing is left of its template. */
    private Map<String, Object> pruned(Map<String, Object> spec, String path) {
        boolean given = spec.get("template") != null;
        Mapping.pruneEmpty(spec, KEEP_EMPTY);
        if (given && !spec.containsKey("template")) {
            m.error(Paths.child(path, "template"), "holds no value: " + Mapping.VERSION + " (the release's clusterApi) refuses"
                    + " an empty template (minProperties 1), also one that patches fill; give it at least one field");
        }
        return spec;
    }

    /** {@code spec.template.spec} of a KubeadmControlPlaneTemplate. */
    private Map<String, Object> resourceSpec(KubeadmControlPlaneTemplate.ResourceSpec spec, Map<String, Object> in,
                                             String path) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : in.entrySet()) {
            String key = e.getKey();
            String p = Paths.child(path, key);
            Map<String, Object> value = map(e.getValue());
            switch (key) {
                case "machineTemplate" -> out.put(key, machineTemplate(value, p));
                case "kubeadmConfigSpec" -> out.put(key, configSpec(spec.kubeadmConfigSpec(), value, p));
                case "rolloutBefore" -> putIf(child(child(out, "rollout"), "before"), "certificatesExpiryDays",
                        value.get("certificatesExpiryDays"));
                case "rolloutAfter" -> putIf(child(out, "rollout"), "after", e.getValue());
                case "rolloutStrategy" -> {
                    Map<String, Object> strategy = child(child(out, "rollout"), "strategy");
                    // as Cluster API converts it: RollingUpdate is the only type and was always the default
                    strategy.put("type", value.get("type") != null ? value.get("type") : "RollingUpdate");
                    Object maxSurge = map(value.get("rollingUpdate")).get("maxSurge");
                    if (maxSurge != null) {
                        child(strategy, "rollingUpdate").put("maxSurge", maxSurge);
                    }
                }
                case "remediationStrategy" -> {
                    Map<String, Object> remediation = child(out, "remediation");
                    putIf(remediation, "maxRetry", value.get("maxRetry"));
                    putIf(remediation, "retryPeriodSeconds", m.seconds(value.get("retryPeriod"), Paths.child(p, "retryPeriod")));
                    putIf(remediation, "minHealthyPeriodSeconds",
                            m.seconds(value.get("minHealthyPeriod"), Paths.child(p, "minHealthyPeriod")));
                }
                case "machineNamingStrategy" -> putIf(child(out, "machineNaming"), "template", value.get("template"));
                default -> {
                    m.unknown(p);
                    out.put(key, e.getValue());
                }
            }
        }
        return out;
    }

    /** {@code machineTemplate}: the node timeouts move to {@code spec.deletion}, taints to {@code spec.taints}. */
    private Map<String, Object> machineTemplate(Map<String, Object> in, String path) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : in.entrySet()) {
            String key = e.getKey();
            String p = Paths.child(path, key);
            if (m.deletionTimeout(key, e.getValue(), p, () -> child(child(out, "spec"), "deletion"))) {
                continue;
            }
            if (key.equals("taints")) {
                child(out, "spec").put(key, e.getValue());
            } else {
                m.keep(out, key, e.getValue(), p, Set.of("metadata"));
            }
        }
        return out;
    }

    /** A {@code KubeadmConfigSpec}. */
    private Map<String, Object> configSpec(KubeadmConfigSpec spec, Map<String, Object> in, String path) {
        Map<String, Object> out = new LinkedHashMap<>();
        Integer controlPlaneTimeout = null;
        Integer tlsBootstrap = null;
        for (Map.Entry<String, Object> e : in.entrySet()) {
            String key = e.getKey();
            String p = Paths.child(path, key);
            Map<String, Object> value = map(e.getValue());
            switch (key) {
                case "clusterConfiguration" -> {
                    ClusterConfiguration cc = spec.clusterConfiguration();
                    out.put(key, clusterConfiguration(cc, value, p));
                    Object timeout = cc.apiServer() == null ? null : cc.apiServer().timeoutForControlPlane();
                    controlPlaneTimeout = m.seconds(timeout, Paths.child(Paths.child(p, "apiServer"), "timeoutForControlPlane"));
                }
                case "initConfiguration" -> out.put(key, initOrJoin(value, spec.initConfiguration().nodeRegistration(), p,
                        INIT_SAME));
                case "joinConfiguration" -> {
                    Object timeout = map(value.get("discovery")).get("timeout");
                    tlsBootstrap = m.seconds(timeout, Paths.child(Paths.child(p, "discovery"), "timeout"));
                    out.put(key, initOrJoin(value, spec.joinConfiguration().nodeRegistration(), p, JOIN_SAME));
                }
                case "useExperimentalRetryJoin" -> {
                    if (e.getValue() != null) {
                        m.removed(p, "removed (deprecated since Cluster API v1.2); kubeadm retries joins itself");
                    }
                }
                default -> m.keep(out, key, e.getValue(), p, CONFIG_SPEC_SAME);
            }
        }
        // as Cluster API converts them: the control plane timeout is used for init and join alike
        if (controlPlaneTimeout != null) {
            child(child(out, "initConfiguration"), "timeouts").put(V1beta2Names.CONTROL_PLANE_HEALTH_CHECK_SECONDS, controlPlaneTimeout);
            child(child(out, "joinConfiguration"), "timeouts").put(V1beta2Names.CONTROL_PLANE_HEALTH_CHECK_SECONDS, controlPlaneTimeout);
        }
        if (tlsBootstrap != null) {
            child(child(out, "joinConfiguration"), "timeouts").put(V1beta2Names.TLS_BOOTSTRAP_SECONDS, tlsBootstrap);
        }
        return out;
    }

    private Map<String, Object> clusterConfiguration(ClusterConfiguration cc, Map<String, Object> in, String path) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : in.entrySet()) {
            String key = e.getKey();
            String p = Paths.child(path, key);
            boolean given = e.getValue() != null && !(e.getValue() instanceof Map<?, ?> mv && mv.isEmpty());
            switch (key) {
                case "apiVersion", "kind" -> {
                    if (given) {
                        m.removed(p, "Cluster API writes kubeadm's apiVersion and kind itself");
                    }
                }
                case "networking" -> {
                    if (given) {
                        m.removed(p, "set the networks on the Cluster: spec.clusterNetwork.services.cidrBlocks,"
                                + " spec.clusterNetwork.pods.cidrBlocks and spec.clusterNetwork.serviceDomain");
                    }
                }
                case "kubernetesVersion" -> {
                    if (given) {
                        m.removed(p, "the version comes from the Cluster's spec.topology.version (the Machine's spec.version)");
                    }
                }
                case "clusterName" -> {
                    if (given) {
                        m.removed(p, "the name comes from the Cluster's metadata.name");
                    }
                }
                case "apiServer" -> out.put(key, component(map(e.getValue()), cc.apiServer().extraArgs(), p));
                case "controllerManager" -> out.put(key, component(map(e.getValue()), cc.controllerManager().extraArgs(), p));
                case "scheduler" -> out.put(key, component(map(e.getValue()), cc.scheduler().extraArgs(), p));
                case "etcd" -> out.put(key, etcd(map(e.getValue()), cc.etcd(), p));
                default -> m.keep(out, key, e.getValue(), p, CLUSTER_SAME);
            }
        }
        return out;
    }

    /** {@code apiServer}, {@code controllerManager} or {@code scheduler}. */
    private Map<String, Object> component(Map<String, Object> in, List<Arg> args, String path) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : in.entrySet()) {
            String p = Paths.child(path, e.getKey());
            switch (e.getKey()) {
                case "extraArgs" -> putIf(out, "extraArgs", m.args(args, p));
                case "timeoutForControlPlane" -> {
                    // moved to the init and join timeouts (configSpec)
                }
                default -> m.keep(out, e.getKey(), e.getValue(), p, COMPONENT_SAME);
            }
        }
        return out;
    }

    private Map<String, Object> etcd(Map<String, Object> in, ClusterConfiguration.Etcd etcd, String path) {
        Map<String, Object> out = new LinkedHashMap<>(in);
        if (in.get("local") instanceof Map<?, ?> l) {
            Map<String, Object> local = map(l);
            if (local.containsKey("extraArgs")) {
                // an empty list is left out (v1beta2: minItems 1); the arguments are written after the other fields
                local.remove("extraArgs");
                Object args = m.args(etcd.local().extraArgs(), Paths.child(Paths.child(path, "local"), "extraArgs"));
                putIf(local, "extraArgs", args);
            }
            out.put("local", local);
        }
        return out;
    }

    /**
     * An {@code initConfiguration} ({@code same}: {@link #INIT_SAME}) or {@code joinConfiguration}
     * ({@link #JOIN_SAME}): bootstrap tokens' {@code ttl} becomes {@code ttlSeconds}, the discovery's
     * {@code timeout} moves to {@code timeouts.tlsBootstrapSeconds} (see {@link #configSpec}).
     */
    private Map<String, Object> initOrJoin(Map<String, Object> in, NodeRegistrationOptions registration, String path,
                                           Set<String> same) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : in.entrySet()) {
            String key = e.getKey();
            String p = Paths.child(path, key);
            switch (key) {
                case "apiVersion", "kind" -> {
                    if (e.getValue() != null) {
                        m.removed(p, "Cluster API writes kubeadm's apiVersion and kind itself");
                    }
                }
                case "nodeRegistration" -> out.put(key, nodeRegistration(map(e.getValue()), registration, p));
                case "bootstrapTokens" -> out.put(key, m.itemsWithSeconds(e.getValue(), p, "ttl", "ttlSeconds"));
                case "discovery" -> {
                    Map<String, Object> discovery = map(e.getValue());
                    discovery.remove("timeout");
                    out.put(key, discovery);
                }
                default -> m.keep(out, key, e.getValue(), p, same);
            }
        }
        return out;
    }

    private Map<String, Object> nodeRegistration(Map<String, Object> in, NodeRegistrationOptions registration, String path) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : in.entrySet()) {
            String p = Paths.child(path, e.getKey());
            if (e.getKey().equals("kubeletExtraArgs")) {
                putIf(out, "kubeletExtraArgs", m.args(registration.kubeletExtraArgs(), p));
            } else {
                if (!REGISTRATION_SAME.contains(e.getKey())) {
                    m.unknown(p);
                }
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }
}
