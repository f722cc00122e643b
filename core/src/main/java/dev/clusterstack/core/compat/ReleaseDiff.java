package dev.clusterstack.core.compat;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What changed from a predecessor to the new release, for the release notes.
 *
 * @param kubernetesFrom    the predecessor's Kubernetes version, or null when unknown (a chart)
 * @param kubernetesTo      the new Kubernetes version, or null when unknown
 * @param variablesAdded    {@code name (required|optional, default <json>|no default)}
 * @param variablesRemoved  names
 * @param variablesChanged  names whose {@code required} or schema changed
 * @param patchesAdded      names
 * @param patchesRemoved    names
 * @param patchesChanged    names whose definition changed
 * @param templates         changed templates with their rollout impact, in class order
 * @param addonCharts       {@code <addon>/<chart> <old> → <new>} (or added/removed), sorted
 */
public record ReleaseDiff(String kubernetesFrom, String kubernetesTo, List<String> variablesAdded,
                          List<String> variablesRemoved, List<String> variablesChanged, List<String> patchesAdded,
                          List<String> patchesRemoved, List<String> patchesChanged, List<TemplateChange> templates,
                          List<String> addonCharts) {

    /** How a changed template reaches existing clusters. */
    public enum Impact {
        /** The template spec changed: Cluster API rotates the template and the machines roll out. */
        MACHINES_ROLL_OUT,
        /** The infrastructure cluster template spec changed: the one InfrastructureCluster object is updated in place. */
        UPDATED_IN_PLACE,
        /** Only labels or annotations changed: applied in place, no rollout. */
        METADATA_IN_PLACE
    }

    /**
     * A changed template.
     *
     * @param role   {@code infrastructure}, {@code controlPlane}, {@code controlPlane.machineInfrastructure},
     *               {@code machineDeployments[<class>].bootstrap|infrastructure}, {@code machinePools[...]...}
     * @param kind   the template kind
     * @param impact the rollout impact
     * @param text   one sentence for the notes
     */
    public record TemplateChange(String role, String kind, Impact impact, String text) {
    }

    static ReleaseDiff of(ReleaseInput.Loaded old, ReleaseInput.Loaded neu) {
        ClassView c = old.clusterClass();
        ClassView d = neu.clusterClass();
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        for (ClassView.Variable v : d.variables().values()) {
            ClassView.Variable was = c.variables().get(v.name());
            if (was == null) {
                added.add(v.name() + " (" + (v.required() ? "required" : "optional") + ", "
                        + (v.schema().has("default") ? "default " + v.schema().get("default") : "no default") + ")");
            } else if (was.required() != v.required() || !was.schema().equals(v.schema())) {
                changed.add(v.name());
            }
        }
        c.variables().keySet().stream().filter(n -> !d.variables().containsKey(n)).forEach(removed::add);
        List<String> pAdded = new ArrayList<>();
        List<String> pRemoved = new ArrayList<>();
        List<String> pChanged = new ArrayList<>();
        for (Map.Entry<String, JsonNode> p : d.patches().entrySet()) {
            JsonNode was = c.patches().get(p.getKey());
            if (was == null) {
                pAdded.add(p.getKey());
            } else if (!was.equals(p.getValue())) {
                pChanged.add(p.getKey());
            }
        }
        c.patches().keySet().stream().filter(n -> !d.patches().containsKey(n)).forEach(pRemoved::add);
        return new ReleaseDiff(old.kubernetesVersion(), neu.kubernetesVersion(), added, removed, changed, pAdded,
                pRemoved, pChanged, templates(c, d), addons(old.addonCharts(), neu.addonCharts()));
    }

    private static List<TemplateChange> templates(ClassView c, ClassView d) {
        Map<String, TemplateRef[]> roles = new LinkedHashMap<>();
        roles.put("infrastructure", new TemplateRef[]{c.infrastructure(), d.infrastructure()});
        roles.put("controlPlane", new TemplateRef[]{c.controlPlane(), d.controlPlane()});
        roles.put("controlPlane.machineInfrastructure", new TemplateRef[]{c.controlPlaneMachineInfrastructure(),
                d.controlPlaneMachineInfrastructure()});
        workerRoles("machineDeployments", c.machineDeployments(), d.machineDeployments(), roles);
        workerRoles("machinePools", c.machinePools(), d.machinePools(), roles);
        List<TemplateChange> out = new ArrayList<>();
        for (Map.Entry<String, TemplateRef[]> e : roles.entrySet()) {
            TemplateRef was = e.getValue()[0];
            TemplateRef now = e.getValue()[1];
            if (was == null || now == null) {
                continue;
            }
            JsonNode a = c.object(was);
            JsonNode b = d.object(now);
            String role = e.getKey();
            if (!a.path("spec").equals(b.path("spec"))) {
                Impact impact = role.equals("infrastructure") ? Impact.UPDATED_IN_PLACE : Impact.MACHINES_ROLL_OUT;
                out.add(new TemplateChange(role, now.kind(), impact, now.kind() + " (" + role + "): spec changed; "
                        + rollout(role)));
            } else if (!a.path("metadata").path("labels").equals(b.path("metadata").path("labels"))
                    || !a.path("metadata").path("annotations").equals(b.path("metadata").path("annotations"))) {
                out.add(new TemplateChange(role, now.kind(), Impact.METADATA_IN_PLACE, now.kind() + " (" + role
                        + "): only labels or annotations changed; applied in place, no rollout"));
            }
        }
        return out;
    }

    private static String rollout(String role) {
        if (role.equals("infrastructure")) {
            return "the cluster's infrastructure object is updated in place, no machines roll out";
        }
        if (role.equals("controlPlane")) {
            // the control plane object is patched in place, and it replaces its machines whose configuration differs
            return "the control plane object is updated in place and rolls out the control plane machines"
                    + " (settings that only the control plane object reads, such as its rollout or remediation, do not;"
                    + " the upgrade preview tells which)";
        }
        if (role.startsWith("controlPlane")) {
            return "Cluster API rotates the template and the control plane machines roll out";
        }
        String cls = role.substring(role.indexOf('[') + 1, role.indexOf(']'));
        return "Cluster API rotates the template and the machines of class " + cls + " roll out";
    }

    private static void workerRoles(String field, Map<String, ClassView.WorkerClass> c,
            Map<String, ClassView.WorkerClass> d, Map<String, TemplateRef[]> roles) {
        for (ClassView.WorkerClass w : d.values()) {
            ClassView.WorkerClass was = c.get(w.className());
            if (was != null) {
                roles.put(field + "[" + w.className() + "].bootstrap", new TemplateRef[]{was.bootstrap(), w.bootstrap()});
                roles.put(field + "[" + w.className() + "].infrastructure",
                        new TemplateRef[]{was.infrastructure(), w.infrastructure()});
            }
        }
    }

    private static List<String> addons(Map<String, String> c, Map<String, String> d) {
        List<String> out = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>(c.keySet());
        names.addAll(d.keySet());
        for (String n : names) {
            String was = c.get(n);
            String now = d.get(n);
            if (was == null) {
                out.add(n + " " + now + " (added)");
            } else if (now == null) {
                out.add(n + " " + was + " (removed)");
            } else if (!was.equals(now)) {
                out.add(n + " " + was + " → " + now);
            }
        }
        return out;
    }
}
