package dev.clusterstack.core.compat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Cluster API's rules for switching a Cluster from one ClusterClass to another (always errors). */
final class ClassRules {

    private ClassRules() {
    }

    /** The rebase checks of {@code ClusterClassesAreCompatible} and the removed worker classes a cluster may use. */
    static List<Hit> compare(ClassView current, ClassView desired) {
        List<Hit> hits = new ArrayList<>();
        String ref = desired.refField();
        templates(current.infrastructure(), desired.infrastructure(), "spec.infrastructure." + ref,
                Rule.INFRASTRUCTURE_TEMPLATE, hits);
        templates(current.controlPlane(), desired.controlPlane(), "spec.controlPlane." + ref,
                Rule.CONTROL_PLANE_TEMPLATE, hits);
        TemplateRef cur = current.controlPlaneMachineInfrastructure();
        TemplateRef des = desired.controlPlaneMachineInfrastructure();
        String cpMachine = "spec.controlPlane.machineInfrastructure." + ref;
        if (cur == null && des != null) {
            hits.add(new Hit(Rule.CONTROL_PLANE_MACHINE_INFRASTRUCTURE, cpMachine, "the control plane machine"
                    + " infrastructure " + des.groupKind() + " is added; the previous class has none"));
        } else if (cur != null && des == null) {
            hits.add(new Hit(Rule.CONTROL_PLANE_MACHINE_INFRASTRUCTURE, cpMachine, "the control plane machine"
                    + " infrastructure " + cur.groupKind() + " is removed"));
        } else if (cur != null) {
            templates(cur, des, cpMachine, Rule.CONTROL_PLANE_MACHINE_INFRASTRUCTURE, hits);
        }
        workers(current.machineDeployments(), desired.machineDeployments(), "machineDeployments",
                Rule.MACHINE_DEPLOYMENT_INFRASTRUCTURE, Rule.MACHINE_DEPLOYMENT_CLASS_REMOVED, ref, hits);
        workers(current.machinePools(), desired.machinePools(), "machinePools",
                Rule.MACHINE_POOL_INFRASTRUCTURE, Rule.MACHINE_POOL_CLASS_REMOVED, ref, hits);
        return hits;
    }

    private static void workers(Map<String, ClassView.WorkerClass> current, Map<String, ClassView.WorkerClass> desired,
            String field, Rule infrastructure, Rule removed, String ref, List<Hit> hits) {
        int i = 0;
        for (ClassView.WorkerClass d : desired.values()) {
            ClassView.WorkerClass c = current.get(d.className());
            if (c != null) {
                // bootstrap templates and metadata may change; only the infrastructure template is checked
                templates(c.infrastructure(), d.infrastructure(), "spec.workers." + field + "[" + i + "]"
                        + ("ref".equals(ref) ? ".template" : "") + ".infrastructure." + ref, infrastructure, hits);
            }
            i++;
        }
        for (String name : current.keySet()) {
            if (!desired.containsKey(name)) {
                hits.add(new Hit(removed, "spec.workers." + field, "class " + name + " is removed: clusters with a "
                        + ("machineDeployments".equals(field) ? "machine deployment" : "machine pool")
                        + " of this class cannot upgrade"));
            }
        }
    }

    /** {@code ClusterClassTemplateAreCompatible}: the API group and the kind must stay; name and version may change. */
    static void templates(TemplateRef current, TemplateRef desired, String path, Rule rule, List<Hit> hits) {
        if (current == null || desired == null) {
            return;
        }
        if (!current.group().equals(desired.group())) {
            hits.add(new Hit(rule, path + ".apiVersion", "group of apiVersion cannot be changed from \""
                    + current.group() + "\" to \"" + desired.group() + "\""));
        }
        if (!current.kind().equals(desired.kind())) {
            hits.add(new Hit(rule, path + ".kind", "kind cannot be changed from \"" + current.kind() + "\" to \""
                    + desired.kind() + "\""));
        }
    }
}
