package dev.clusterstack.core.render.v1beta2;

import dev.clusterstack.core.bind.Given;
import dev.clusterstack.core.bind.Paths;
import dev.clusterstack.core.model.StackContent;
import dev.clusterstack.core.model.base.Template;
import dev.clusterstack.core.model.base.TemplateRef;
import dev.clusterstack.core.model.clusterclass.ClusterClass;
import dev.clusterstack.core.model.clusterclass.ControlPlaneClass;
import dev.clusterstack.core.model.clusterclass.LocalObjectTemplate;
import dev.clusterstack.core.model.clusterclass.MachineDeploymentClass;
import dev.clusterstack.core.model.clusterclass.MachinePoolClass;
import dev.clusterstack.core.model.clusterclass.MachineTemplateClass;
import dev.clusterstack.core.model.kubeadm.KubeadmConfigTemplate;
import dev.clusterstack.core.model.kubeadm.KubeadmControlPlaneTemplate;
import dev.clusterstack.core.problem.Problem;
import dev.clusterstack.core.render.v1beta2.PatchConversion.Role;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The Cluster API v1beta2 writer: the ClusterClass, KubeadmControlPlaneTemplate and KubeadmConfigTemplate
 * of a release written in v1beta2 from the version-neutral model, the same model the v1beta1 writer reads, with
 * Cluster API's own field mapping ({@link ClassWriter}, {@link KubeadmWriter}): the definition and the model stay
 * one and the same for both versions. Infrastructure templates and any other object keep their own apiVersion.
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
     * The ClusterClass's {@code spec} in v1beta2, written from the model; its JSON patches are converted by
     * {@link PatchConversion} against the class's templates as this writer writes them. Problems are added with model
     * paths below {@code clusterClass}, the patch rewrites done to {@code rewrites}.
     *
     * @param objectRef the object reference of the template a reference names ({@code apiVersion, kind, name})
     * @param written   a template of the content as this writer writes it
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> clusterClassSpec(StackContent content, Function<TemplateRef, Map<String, Object>> objectRef,
                                                       Function<Template, Map<String, Object>> written,
                                                       List<Problem> problems, List<String> rewrites) {
        ClusterClass cc = content.clusterClass();
        List<Object> patches = null;
        if (!Given.isAbsent(cc.patches())) {
            PatchConversion.Result converted = PatchConversion.convertModel(cc.patches(), cc.variables(),
                    targets(cc, content, written));
            problems.addAll(converted.problems());
            rewrites.addAll(converted.rewrites());
            patches = converted.plainPatches();
        }
        Mapping m = new Mapping();
        Map<String, Object> spec = new ClassWriter(m, objectRef).spec(cc, "clusterClass", patches);
        for (String part : List.of("infrastructure", "controlPlane", "workers")) {
            if (spec.get(part) instanceof Map<?, ?> p) {
                Mapping.pruneEmpty((Map<String, Object>) p, Set.of());
            }
        }
        problems.addAll(m.problems());
        return spec;
    }

    /** The templates the class references, in the role each has, as this writer writes them. */
    private static List<PatchConversion.Target> targets(ClusterClass cc, StackContent content,
                                                        Function<Template, Map<String, Object>> written) {
        List<PatchConversion.Target> out = new ArrayList<>();
        ControlPlaneClass cp = cc.controlPlane();
        if (cp != null) {
            target(out, Role.CONTROL_PLANE, null, cp.ref(), content, written);
            target(out, Role.CONTROL_PLANE, null, cp.machineInfrastructure(), content, written);
        }
        target(out, Role.INFRASTRUCTURE_CLUSTER, null, cc.infrastructure(), content, written);
        if (cc.workers() != null) {
            for (MachineDeploymentClass md : cc.workers().machineDeployments()) {
                machineTemplate(out, Role.MACHINE_DEPLOYMENT_CLASS, md == null ? null : md.className(),
                        md == null ? null : md.template(), content, written);
            }
            for (MachinePoolClass mp : cc.workers().machinePools()) {
                machineTemplate(out, Role.MACHINE_POOL_CLASS, mp == null ? null : mp.className(),
                        mp == null ? null : mp.template(), content, written);
            }
        }
        return out;
    }

    private static void machineTemplate(List<PatchConversion.Target> out, Role role, String className, MachineTemplateClass t,
                                        StackContent content, Function<Template, Map<String, Object>> written) {
        if (t != null) {
            target(out, role, String.valueOf(className), t.bootstrap(), content, written);
            target(out, role, String.valueOf(className), t.infrastructure(), content, written);
        }
    }

    private static void target(List<PatchConversion.Target> out, Role role, String className, LocalObjectTemplate t,
                               StackContent content, Function<Template, Map<String, Object>> written) {
        if (t != null) {
            target(out, role, className, t.ref(), content, written);
        }
    }

    private static void target(List<PatchConversion.Target> out, Role role, String className, TemplateRef ref,
                               StackContent content, Function<Template, Map<String, Object>> written) {
        content.template(ref).ifPresent(t -> out.add(new PatchConversion.Target(role, className, t.name(), written.apply(t))));
    }

    /**
     * Whether this writer writes the template itself ({@link #templateSpec}): the kubeadm templates given in
     * v1beta1; any other template (infrastructure templates, other objects) is written as the v1beta1 writer writes it.
     */
    public static boolean writes(Template t) {
        return (t instanceof KubeadmControlPlaneTemplate || t instanceof KubeadmConfigTemplate) && rewrites(t.apiVersion(), t.kind());
    }

    /**
     * The {@code spec} of a kubeadm template ({@link #writes}) in v1beta2, written from the model. Problems are added
     * with model paths below {@code path} (the template's, e.g. {@code templates[1]}).
     */
    public static Map<String, Object> templateSpec(Template t, String path, List<Problem> problems) {
        Mapping m = new Mapping();
        KubeadmWriter kubeadm = new KubeadmWriter(m);
        String specPath = Paths.child(path, "spec");
        Map<String, Object> spec = t instanceof KubeadmControlPlaneTemplate k
                ? kubeadm.controlPlaneTemplateSpec(k.spec(), specPath)
                : kubeadm.configTemplateSpec(((KubeadmConfigTemplate) t).spec(), specPath);
        problems.addAll(m.problems());
        return spec;
    }
}
