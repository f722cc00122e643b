package dev.clusterstack.core.render.v1beta2;

import dev.clusterstack.core.bind.Paths;
import dev.clusterstack.core.model.kubeadm.KubeadmConfigTemplate;
import dev.clusterstack.core.model.kubeadm.KubeadmControlPlaneTemplate;
import dev.clusterstack.core.problem.Problem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Cluster API v1beta2 writer: the ClusterClass, KubeadmControlPlaneTemplate and KubeadmConfigTemplate
 * objects of a release written in v1beta2, from the same model the v1beta1 writer reads. It maps the objects
 * the v1beta1 writer gives field by field with Cluster API's own field mapping ({@link ClassMapping},
 * {@link KubeadmMapping}): the definition and the model stay one and the same for both versions.
 * Infrastructure templates and any other object keep their own apiVersion.
 */
public final class V1beta2Writer {
    /** The ClusterClass's apiVersion in v1beta2. */
    public static final String CLUSTER_CLASS_API_VERSION = "cluster.x-k8s.io/v1beta2";

    private V1beta2Writer() {
    }

    /**
     * The apiVersion an object of this kind has in v1beta2 output: v1beta2 for the ClusterClass and the kubeadm
     * templates given in v1beta1, the apiVersion as it is for everything else (e.g. CAPO's v1beta1 templates).
     */
    public static String apiVersion(String apiVersion, String kind) {
        if ("ClusterClass".equals(kind) && "cluster.x-k8s.io/v1beta1".equals(apiVersion)) {
            return CLUSTER_CLASS_API_VERSION;
        }
        if (KubeadmControlPlaneTemplate.KIND.equals(kind) && KubeadmControlPlaneTemplate.API_VERSION.equals(apiVersion)) {
            return "controlplane.cluster.x-k8s.io/v1beta2";
        }
        if (KubeadmConfigTemplate.KIND.equals(kind) && KubeadmConfigTemplate.API_VERSION.equals(apiVersion)) {
            return "bootstrap.cluster.x-k8s.io/v1beta2";
        }
        return apiVersion;
    }

    /** Whether this writer writes an object of this apiVersion and kind differently from the v1beta1 writer. */
    public static boolean rewrites(String apiVersion, String kind) {
        return !apiVersion(apiVersion, kind).equals(apiVersion);
    }

    /**
     * The v1beta1 ClusterClass object (template references expanded, as the v1beta1 writer gives it) as v1beta2;
     * problems are added to {@code problems} with model paths below {@code clusterClass}.
     */
    public static Map<String, Object> clusterClass(Map<String, Object> v1beta1Object, List<Problem> problems) {
        return clusterClass(v1beta1Object, List.of(), problems, new ArrayList<>());
    }

    /**
     * The ClusterClass as v1beta2, its JSON patches converted by {@link PatchConversion} against the class's
     * templates as this writer writes them ({@code v1beta2Templates}); the rewrites done are added to {@code rewrites}.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> clusterClass(Map<String, Object> v1beta1Object, List<Map<String, Object>> v1beta2Templates,
                                                   List<Problem> problems, List<String> rewrites) {
        Mapping m = new Mapping();
        Map<String, Object> v1beta1 = (Map<String, Object>) Mapping.copy(v1beta1Object);
        if (Mapping.map(v1beta1.get("spec")).get("patches") instanceof List<?>) {
            PatchConversion.Result converted = PatchConversion.convertClass(v1beta1, v1beta2Templates, null);
            problems.addAll(converted.problems());
            rewrites.addAll(converted.rewrites());
            ((Map<String, Object>) v1beta1.get("spec")).put("patches", converted.plainPatches());
        }
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("apiVersion", CLUSTER_CLASS_API_VERSION);
        o.put("kind", v1beta1.get("kind"));
        o.put("metadata", v1beta1.get("metadata"));
        Map<String, Object> spec = new ClassMapping(m).spec(Mapping.map(v1beta1.get("spec")), "clusterClass");
        for (String part : List.of("infrastructure", "controlPlane", "workers")) {
            if (spec.get(part) instanceof Map<?, ?> p) {
                Mapping.pruneEmpty((Map<String, Object>) p, Set.of());
            }
        }
        o.put("spec", spec);
        problems.addAll(m.problems());
        return o;
    }

    /**
     * A template object as the v1beta1 writer gives it, as v1beta2: the kubeadm templates mapped, any other object
     * (infrastructure templates) as it is. Problems are added with model paths below {@code path} (the template's,
     * e.g. {@code templates[1]}).
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> template(Map<String, Object> v1beta1Object, String path, List<Problem> problems) {
        Map<String, Object> o = (Map<String, Object>) Mapping.copy(v1beta1Object);
        String apiVersion = String.valueOf(o.get("apiVersion"));
        String kind = String.valueOf(o.get("kind"));
        if (!rewrites(apiVersion, kind)) {
            return o;
        }
        Mapping m = new Mapping();
        o.put("apiVersion", apiVersion(apiVersion, kind));
        String specPath = Paths.child(path, "spec");
        Map<String, Object> spec = Mapping.map(o.get("spec"));
        KubeadmMapping kubeadm = new KubeadmMapping(m);
        o.put("spec", kind.equals(KubeadmControlPlaneTemplate.KIND)
                ? kubeadm.controlPlaneTemplateSpec(spec, specPath) : kubeadm.configTemplateSpec(spec, specPath));
        problems.addAll(m.problems());
        return o;
    }
}
