package dev.clusterstack.core.validate;

import dev.clusterstack.core.model.base.Template;
import dev.clusterstack.core.model.clusterclass.ClusterClass;
import dev.clusterstack.core.model.clusterclass.InfrastructureNamingStrategy;
import dev.clusterstack.core.model.clusterclass.LocalObjectTemplate;
import dev.clusterstack.core.model.clusterclass.MachineDeploymentClass;
import dev.clusterstack.core.model.clusterclass.MachinePoolClass;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rules of the ClusterClass's structure: references to templates (resolved, of the right kind for
 * their role), machine deployment and pool classes, naming strategies. Collects which template
 * kinds each role and class uses, for the patch selectors.
 */
final class ClassRules {
    /** Where a reference points in the class, for the kind checks of its role. */
    enum Role {
        INFRASTRUCTURE_CLUSTER("infrastructure.cluster.x-k8s.io", "ClusterTemplate", "an infrastructure cluster template"),
        CONTROL_PLANE("controlplane.cluster.x-k8s.io", null, "a control plane template"),
        MACHINE_INFRASTRUCTURE("infrastructure.cluster.x-k8s.io", "MachineTemplate", "an infrastructure machine template"),
        BOOTSTRAP("bootstrap.cluster.x-k8s.io", null, "a bootstrap template"),
        MACHINE_POOL_INFRASTRUCTURE("infrastructure.cluster.x-k8s.io", null, "an infrastructure machine pool template");

        final String group;
        final String kindSuffix;
        final String what;

        Role(String group, String kindSuffix, String what) {
            this.group = group;
            this.kindSuffix = kindSuffix;
            this.what = what;
        }
    }

    /** The groups of Cluster API's provider roles; a template of one of them in another role is certainly wrong. */
    private static final List<String> ROLE_GROUPS = List.of("infrastructure.cluster.x-k8s.io",
            "controlplane.cluster.x-k8s.io", "bootstrap.cluster.x-k8s.io");

    /**
     * What the class refers to: {@code apiVersion|kind} per role ({@code controlPlane},
     * {@code infrastructureCluster}) and per machine deployment / pool class, and the template of each
     * reference path; {@code complete} when every reference resolved (else what a selector matches is not known).
     */
    record ClassIndex(Map<String, Set<String>> roles, Map<String, Set<String>> mdKinds, Map<String, Set<String>> mpKinds,
                      Map<String, Template> refs, boolean complete) {
    }

    private final Problems problems;
    private int unresolved;

    ClassRules(Problems problems) {
        this.problems = problems;
    }

    ClassIndex clusterClass(ClusterClass cc, TemplateIndex templates) {
        Map<String, Set<String>> roles = new HashMap<>(); // role -> apiVersion/kind
        Map<String, Template> refs = new LinkedHashMap<>();
        ref(cc.infrastructure(), "clusterClass.infrastructure", templates, Role.INFRASTRUCTURE_CLUSTER,
                roles, "infrastructureCluster", refs, true);
        if (cc.controlPlane() == null) {
            problems.error("clusterClass.controlPlane", "a controlPlane is required");
        } else {
            String path = "clusterClass.controlPlane";
            if (cc.controlPlane().ref() == null) {
                problems.error(path + ".ref", "the control plane template is required");
            } else {
                ref(new LocalObjectTemplate(cc.controlPlane().ref(), Map.of()), path, templates, Role.CONTROL_PLANE, roles,
                        "controlPlane", refs, true);
            }
            ref(cc.controlPlane().machineInfrastructure(), path + ".machineInfrastructure", templates,
                    Role.MACHINE_INFRASTRUCTURE, roles, "controlPlane", refs, false);
            naming(cc.controlPlane().namingStrategy(), path + ".namingStrategy");
        }
        naming(cc.infrastructureNamingStrategy(), "clusterClass.infrastructureNamingStrategy");
        Set<String> mdClasses = new HashSet<>();
        Set<String> mpClasses = new HashSet<>();
        Map<String, Set<String>> mdKinds = new HashMap<>();
        Map<String, Set<String>> mpKinds = new HashMap<>();
        if (cc.workers() != null) {
            List<MachineDeploymentClass> mds = cc.workers().machineDeployments();
            for (int i = 0; i < mds.size(); i++) {
                MachineDeploymentClass md = mds.get(i);
                String path = "clusterClass.workers.machineDeployments[" + i + "]";
                if (!problems.present(md, path)) {
                    continue;
                }
                if (md.className() == null || md.className().isEmpty()) {
                    problems.error(path + ".class", "a class name is required");
                } else if (!mdClasses.add(md.className())) {
                    problems.error(path + ".class", "machine deployment class '" + md.className() + "' is defined twice");
                }
                if (md.template() == null) {
                    problems.error(path + ".template", "bootstrap and infrastructure templates are required");
                    continue;
                }
                Set<String> kinds = mdKinds.computeIfAbsent(md.className(), k -> new HashSet<>());
                Map<String, Set<String>> own = new HashMap<>();
                ref(md.template().bootstrap(), path + ".template.bootstrap", templates, Role.BOOTSTRAP, own, "md", refs, true);
                ref(md.template().infrastructure(), path + ".template.infrastructure", templates,
                        Role.MACHINE_INFRASTRUCTURE, own, "md", refs, true);
                kinds.addAll(own.getOrDefault("md", Set.of()));
                naming(md.namingStrategy(), path + ".namingStrategy");
            }
            List<MachinePoolClass> mps = cc.workers().machinePools();
            for (int i = 0; i < mps.size(); i++) {
                MachinePoolClass mp = mps.get(i);
                String path = "clusterClass.workers.machinePools[" + i + "]";
                if (!problems.present(mp, path)) {
                    continue;
                }
                if (mp.className() == null || mp.className().isEmpty()) {
                    problems.error(path + ".class", "a class name is required");
                } else if (!mpClasses.add(mp.className())) {
                    problems.error(path + ".class", "machine pool class '" + mp.className() + "' is defined twice");
                }
                if (mp.template() == null) {
                    problems.error(path + ".template", "bootstrap and infrastructure templates are required");
                    continue;
                }
                Map<String, Set<String>> own = new HashMap<>();
                ref(mp.template().bootstrap(), path + ".template.bootstrap", templates, Role.BOOTSTRAP, own, "mp", refs, true);
                ref(mp.template().infrastructure(), path + ".template.infrastructure", templates,
                        Role.MACHINE_POOL_INFRASTRUCTURE, own, "mp", refs, true);
                mpKinds.computeIfAbsent(mp.className(), k -> new HashSet<>()).addAll(own.getOrDefault("mp", Set.of()));
            }
        }
        return new ClassIndex(roles, mdKinds, mpKinds, refs, unresolved == 0);
    }

    private void naming(InfrastructureNamingStrategy n, String path) {
        if (n != null && n.template() != null) {
            problems.goTemplate(n.template(), path + ".template");
        }
    }

    private void ref(LocalObjectTemplate ref, String path, TemplateIndex templates, Role role,
                     Map<String, Set<String>> roles, String roleKey, Map<String, Template> refs, boolean required) {
        if (ref == null || ref.ref() == null || ref.ref().name() == null || ref.ref().name().isEmpty()) {
            if (required) {
                problems.error(path + ".ref", "a template reference is required");
            }
            return;
        }
        Template t = templates.resolve(ref.ref().name(), path + ".ref", problems);
        if (t == null) {
            unresolved++;
            return;
        }
        refs.put(path + ".ref", t);
        roles.computeIfAbsent(roleKey, k -> new HashSet<>()).add(t.apiVersion() + "|" + t.kind());
        kindFitsRole(t, role, path + ".ref");
    }

    /** The referenced template must be a template, and of a kind its role can use. */
    private void kindFitsRole(Template t, Role role, String path) {
        if (t.kind() == null || t.apiVersion() == null) {
            return;
        }
        if (t.kind().length() <= "Template".length() || !t.kind().endsWith("Template")) {
            problems.error(path, "'" + t.name() + "' is a " + t.kind() + ": Cluster API refers only to templates,"
                    + " kinds of the form <name>Template");
            return;
        }
        String group = t.apiVersion().contains("/") ? t.apiVersion().substring(0, t.apiVersion().indexOf('/')) : "";
        if (!group.equals(role.group) && ROLE_GROUPS.contains(group)) {
            problems.error(path, "'" + t.name() + "' is a " + t.kind() + " (" + group + "), but this reference needs "
                    + role.what + " (" + role.group + ")" + Problems.OWN_RULE);
        } else if (group.equals(role.group) && role.kindSuffix != null && otherSuffix(t.kind(), role.kindSuffix)) {
            problems.error(path, "'" + t.name() + "' is a " + t.kind() + ", but this reference needs " + role.what
                    + " (a kind ending in " + role.kindSuffix + ")" + Problems.OWN_RULE);
        }
    }

    private static boolean otherSuffix(String kind, String wanted) {
        return !kind.endsWith(wanted) && (kind.endsWith("ClusterTemplate") || kind.endsWith("MachineTemplate")
                || kind.endsWith("MachinePoolTemplate"));
    }
}
