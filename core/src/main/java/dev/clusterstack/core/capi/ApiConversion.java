package dev.clusterstack.core.capi;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Converts Cluster API objects between v1beta1 and v1beta2 on plain trees (maps and lists as Jackson or a YAML parser
 * gives them), with the field mapping of Cluster API v1.14's own conversions ({@code api/core/v1beta1/conversion.go},
 * {@code api/bootstrap/kubeadm/v1beta1/conversion.go}, {@code api/controlplane/kubeadm/v1beta1/conversion.go} and
 * the hub/spoke converters of its conversion webhooks). Kinds: ClusterClass, Cluster, MachineDeployment
 * ({@code cluster.x-k8s.io}), KubeadmControlPlane and KubeadmControlPlaneTemplate
 * ({@code controlplane.cluster.x-k8s.io}), KubeadmConfig and KubeadmConfigTemplate
 * ({@code bootstrap.cluster.x-k8s.io}). Any other object, or one already in the target version, comes back as an
 * unchanged copy.
 *
 * <p>What one version cannot hold: on a down-conversion Cluster API keeps the whole v1beta2 object in the annotation
 * {@code cluster.x-k8s.io/conversion-data} and restores from it on the way back. This class writes and reads no such
 * annotation: every field only that annotation would carry (for example the kubeadm {@code timeouts} other than the
 * control plane health check and TLS bootstrap ones) is left out and named in {@link Result#lost()}. Fields that
 * Cluster API drops going up (for example {@code clusterConfiguration.networking}, {@code kubernetesVersion}) are
 * likewise named there.
 *
 * <p>Durations: going down, seconds are written as Go's {@code Duration.String()} ({@code 300} gives {@code 5m0s});
 * going up, durations are truncated to whole seconds, as Cluster API does.
 */
public final class ApiConversion {
    static final String CORE = "cluster.x-k8s.io";
    static final String CONTROL_PLANE = "controlplane.cluster.x-k8s.io";
    static final String BOOTSTRAP = "bootstrap.cluster.x-k8s.io";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiConversion() {
    }

    /**
     * A converted object and what the conversion could not carry over.
     *
     * @param object the converted object (a new tree)
     * @param lost   {@code <field path>: <why>} for each field the target version cannot hold, in order
     */
    public record Result(Map<String, Object> object, List<String> lost) {
        public Result {
            object = Objects.requireNonNull(object, "object");
            lost = List.copyOf(lost);
        }
    }

    /**
     * The apiVersions Cluster API itself knows for its own kinds ({@code v1beta1} of core, bootstrap and control plane
     * kubeadm), for the {@code apiGroup} references of v1beta2 objects that v1beta1 writes with an apiVersion. Any other
     * group (infrastructure providers) must be given, as Cluster API reads it from the provider's CRD.
     */
    public static String clusterApiV1Beta1Version(String kindDotGroup) {
        String group = kindDotGroup.substring(kindDotGroup.indexOf('.') + 1);
        return group.equals(CORE) || group.equals(CONTROL_PLANE) || group.equals(BOOTSTRAP) ? group + "/v1beta1" : null;
    }

    /**
     * Whole seconds as a v1beta1 duration, the way Cluster API writes them ({@code ConvertFromSeconds}, Go's
     * {@code Duration.String()}: {@code 300} gives {@code 5m0s}).
     */
    public static String durationOfSeconds(long seconds) {
        return GoDuration.fromSeconds(seconds);
    }

    /** Converts to v1beta1; references to infrastructure kinds fail (see {@link #toV1Beta1(Map, Function)}). */
    public static Map<String, Object> toV1Beta1(Map<String, Object> object) {
        return convertToV1Beta1(object, ApiConversion::clusterApiV1Beta1Version).object();
    }

    /**
     * Converts to v1beta1.
     *
     * @param apiVersions the apiVersion for a {@code <Kind>.<group>} of a v1beta2 contract reference (e.g.
     *                    {@code DockerMachineTemplate.infrastructure.cluster.x-k8s.io}), null when unknown
     * @throws IllegalArgumentException naming the field when a value cannot be converted (a malformed duration, a
     *                                  reference whose apiVersion is unknown)
     */
    public static Map<String, Object> toV1Beta1(Map<String, Object> object, Function<String, String> apiVersions) {
        return convertToV1Beta1(object, apiVersions).object();
    }

    /** Converts to v1beta1 and says what was left out; see {@link #toV1Beta1(Map, Function)}. */
    public static Result convertToV1Beta1(Map<String, Object> object, Function<String, String> apiVersions) {
        return convert(object, "v1beta1", apiVersions);
    }

    /** Converts to v1beta2. */
    public static Map<String, Object> toV1Beta2(Map<String, Object> object) {
        return convertToV1Beta2(object).object();
    }

    /** Converts to v1beta2 and says what was left out. */
    public static Result convertToV1Beta2(Map<String, Object> object) {
        return convert(object, "v1beta2", k -> null);
    }

    private static Result convert(Map<String, Object> object, String target, Function<String, String> apiVersions) {
        Objects.requireNonNull(object, "object");
        ObjectNode o = JSON.valueToTree(object);
        String apiVersion = o.path("apiVersion").asText("");
        String group = Trees.group(apiVersion);
        String kind = o.path("kind").asText("");
        String namespace = o.path("metadata").path("namespace").asText("");
        Trees t = new Trees(apiVersions, namespace);
        boolean ours = group.equals(CORE) || group.equals(CONTROL_PLANE) || group.equals(BOOTSTRAP);
        boolean from = apiVersion.endsWith(target.equals("v1beta1") ? "/v1beta2" : "/v1beta1");
        if (ours && from && convertKind(o, kind, target.equals("v1beta1"), t)) {
            o.put("apiVersion", group + "/" + target);
            JsonNode annotations = o.path("metadata").path("annotations");
            if (annotations.has("cluster.x-k8s.io/conversion-data")) {
                t.lose("metadata.annotations[cluster.x-k8s.io/conversion-data]", "not read: this conversion restores"
                        + " nothing from Cluster API's round-trip annotation");
            }
        }
        Map<String, Object> out = JSON.convertValue(o, new TypeReference<LinkedHashMap<String, Object>>() {
        });
        return new Result(out, t.lost);
    }

    private static boolean convertKind(ObjectNode o, String kind, boolean down, Trees t) {
        ObjectNode spec = Trees.obj(o, "spec");
        if (spec == null) {
            return true;
        }
        switch (kind) {
            case "ClusterClass" -> {
                if (down) {
                    ClassConversion.down(spec, t);
                } else {
                    ClassConversion.up(spec, t);
                }
            }
            case "Cluster" -> ClusterConversion.cluster(spec, down, t);
            case "MachineDeployment" -> ClusterConversion.machineDeployment(spec, down, t);
            case "KubeadmConfig" -> KubeadmConversion.configSpec(spec, "spec", down, t);
            case "KubeadmConfigTemplate" -> {
                ObjectNode inner = Trees.obj(Trees.obj(spec, "template"), "spec");
                if (inner != null) {
                    KubeadmConversion.configSpec(inner, "spec.template.spec", down, t);
                }
            }
            case "KubeadmControlPlane" -> KubeadmConversion.controlPlane(spec, "spec", false, down, t);
            case "KubeadmControlPlaneTemplate" -> {
                ObjectNode inner = Trees.obj(Trees.obj(spec, "template"), "spec");
                if (inner != null) {
                    KubeadmConversion.controlPlane(inner, "spec.template.spec", true, down, t);
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }
}
