package dev.clusterstack.core.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clusterstack.core.compat.PreviewReport.Change;
import dev.clusterstack.core.compat.PreviewReport.ObjectChange;
import dev.clusterstack.core.compat.PreviewReport.PathChange;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One desired object of a cluster planned under two releases: the changed fields, and what Cluster API v1.14 does with
 * them. The rules, by object (paths below are in the Cluster API repository):
 * <ul>
 *   <li>A template the topology controller clones per cluster (the control plane's machine infrastructure template, a
 *   machine deployment's bootstrap and infrastructure templates): {@code reconcileReferencedTemplate} in
 *   {@code internal/controllers/topology/cluster/reconcile_state.go} patches it in place when only metadata changed
 *   ({@code !patchHelper.HasSpecChanges()}), and otherwise creates a new template and switches the reference
 *   ("template rotation"). The control plane rolls out when its machine infrastructure reference changes, a
 *   MachineDeployment when its {@code spec.template.spec.infrastructureRef} or {@code bootstrap} changes.</li>
 *   <li>The InfrastructureCluster and the ControlPlane are patched in place ({@code reconcileReferencedObject}, same
 *   file). For a KubeadmControlPlane its own controller then replaces machines whose Kubernetes version, kubeadm
 *   configuration or infrastructure template differ from its spec ({@code controlplane/kubeadm/internal/filters.go}:
 *   {@code MatchesKubernetesVersion}, {@code MatchesKubeadmBootstrapConfig}, {@code MatchesTemplateClonedFrom});
 *   replicas, the machine template's labels, annotations and node timeouts are propagated in place.</li>
 *   <li>A MachineDeployment rolls out when a field of {@code spec.template} that
 *   {@code MachineTemplateDeepCopyRolloutFields} keeps changes
 *   ({@code internal/controllers/machinedeployment/mdutil/util.go}, {@code MachineTemplateUpToDate}: version,
 *   bootstrap, infrastructure reference, failure domain); template labels, annotations, readiness gates and node
 *   timeouts, and fields outside {@code spec.template}, are changed in place.</li>
 * </ul>
 * Any other change is reported as {@link Change#UNDETERMINED}, naming where the answer lies, rather than guessed.
 */
final class ObjectComparison {
    static final String CONTROL_PLANE_MACHINES = "control plane machines";
    private static final int REASON_PATHS = 3;

    private ObjectComparison() {
    }

    /** Compares the object of {@code role} under both releases (either may be null: added or removed). */
    static ObjectChange compare(String role, ObjectNode older, ObjectNode newer, String olderLabel, String newerLabel) {
        ObjectNode any = newer != null ? newer : older;
        String kind = any.path("kind").asText();
        String name = any.path("metadata").path("name").asText();
        if (older == null) {
            return new ObjectChange(role, kind, name, Change.ADDED, null, kind + " only under " + newerLabel, List.of());
        }
        if (newer == null) {
            return new ObjectChange(role, kind, name, Change.REMOVED, null, kind + " only under " + olderLabel, List.of());
        }
        List<PathChange> paths = new ArrayList<>();
        diff("", older, newer, paths);
        if (paths.isEmpty()) {
            return new ObjectChange(role, kind, name, Change.UNCHANGED, null, "unchanged", paths);
        }
        List<String> rollout = new ArrayList<>();
        List<String> undetermined = new ArrayList<>();
        List<String> inPlace = new ArrayList<>();
        List<String> metadata = new ArrayList<>();
        boolean kcp = "KubeadmControlPlane".equals(kind);
        for (PathChange p : paths) {
            String path = p.path();
            if (under(path, "/metadata")) {
                metadata.add(path);
            } else if (!under(path, "/spec")) {
                undetermined.add(path);
            } else if (role.endsWith("-template")) {
                rollout.add(path);
            } else if (role.equals("infrastructure-cluster")) {
                inPlace.add(path);
            } else if (role.equals("control-plane")) {
                controlPlane(path, kcp, rollout, inPlace, undetermined);
            } else if (role.endsWith("-machine-deployment")) {
                machineDeployment(path, rollout, inPlace, undetermined);
            } else {
                undetermined.add(path);
            }
        }
        if (!rollout.isEmpty()) {
            String how = role.endsWith("-template") ? " (template rotation)" : "";
            return new ObjectChange(role, kind, name, Change.ROLLOUT, target(role),
                    kind + " spec changed" + how + ": " + list(rollout), paths);
        }
        if (!undetermined.isEmpty()) {
            return new ObjectChange(role, kind, name, Change.UNDETERMINED, null, kind + " changes (in place or rollout: see "
                    + rulesOf(role, kcp) + "): " + list(undetermined), paths);
        }
        if (!inPlace.isEmpty()) {
            return new ObjectChange(role, kind, name, Change.IN_PLACE, null, kind + " spec changed, patched in place: "
                    + list(inPlace), paths);
        }
        return new ObjectChange(role, kind, name, Change.METADATA_ONLY, null, kind + " labels or annotations changed,"
                + " patched in place: " + list(metadata), paths);
    }

    private static void controlPlane(String path, boolean kcp, List<String> rollout, List<String> inPlace,
                                     List<String> undetermined) {
        if (under(path, "/spec/version")) {
            rollout.add(path); // a Kubernetes version change rolls out every control plane machine
        } else if (under(path, "/spec/replicas")) {
            inPlace.add(path); // scaling, no rollout
        } else if (!kcp) {
            undetermined.add(path);
        } else if (under(path, "/spec/kubeadmConfigSpec") || under(path, "/spec/machineTemplate/infrastructureRef")
                || under(path, "/spec/machineTemplate/spec/infrastructureRef")) {
            rollout.add(path);
        } else if (under(path, "/spec/machineTemplate/metadata") || under(path, "/spec/machineTemplate/nodeDrainTimeout")
                || under(path, "/spec/machineTemplate/nodeVolumeDetachTimeout")
                || under(path, "/spec/machineTemplate/nodeDeletionTimeout")
                || under(path, "/spec/machineTemplate/spec/deletion")) {
            inPlace.add(path);
        } else {
            undetermined.add(path);
        }
    }

    private static void machineDeployment(String path, List<String> rollout, List<String> inPlace, List<String> undetermined) {
        String spec = "/spec/template/spec";
        if (under(path, spec + "/version") || under(path, spec + "/bootstrap") || under(path, spec + "/infrastructureRef")
                || under(path, spec + "/failureDomain")) {
            rollout.add(path);
        } else if (under(path, "/spec/template/metadata") || under(path, spec + "/readinessGates")
                || under(path, spec + "/nodeDrainTimeout") || under(path, spec + "/nodeVolumeDetachTimeout")
                || under(path, spec + "/nodeDeletionTimeout") || under(path, spec + "/deletion")) {
            inPlace.add(path);
        } else if (under(path, "/spec/template")) {
            undetermined.add(path);
        } else {
            inPlace.add(path); // replicas, rollout strategy, remediation: the MachineSets keep their machines
        }
    }

    private static String rulesOf(String role, boolean kcp) {
        if (role.equals("control-plane")) {
            return kcp ? "KubeadmControlPlane's rollout rules, controlplane/kubeadm/internal/filters.go in Cluster API"
                    : "the control plane provider's rollout rules";
        }
        if (role.endsWith("-machine-deployment")) {
            return "MachineTemplateUpToDate in Cluster API's internal/controllers/machinedeployment/mdutil/util.go";
        }
        return "reconcile_state.go in Cluster API's internal/controllers/topology/cluster";
    }

    /** Whose machines a role's rollout replaces, or null (the InfrastructureCluster). */
    static String target(String role) {
        if (role.startsWith("control-plane")) {
            return CONTROL_PLANE_MACHINES;
        }
        for (String suffix : new String[]{"-bootstrap-template", "-infrastructure-template", "-machine-deployment"}) {
            if (role.startsWith("md-") && role.endsWith(suffix)) {
                return "machines of machine deployment " + role.substring(3, role.length() - suffix.length());
            }
        }
        return null;
    }

    private static String list(List<String> paths) {
        String shown = String.join(", ", paths.subList(0, Math.min(REASON_PATHS, paths.size())));
        return paths.size() > REASON_PATHS ? shown + " and " + (paths.size() - REASON_PATHS) + " more" : shown;
    }

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }

    /** The changed leaves, the older object's field order first, then fields only the newer has. */
    static void diff(String path, JsonNode a, JsonNode b, List<PathChange> out) {
        if (a == null && b == null || a != null && a.equals(b)) {
            return;
        }
        if (a != null && b != null && a.isObject() && b.isObject()) {
            for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                diff(path + "/" + escape(k), a.get(k), b.get(k), out);
            }
            for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!a.has(k)) {
                    diff(path + "/" + escape(k), null, b.get(k), out);
                }
            }
            return;
        }
        if (a != null && b != null && a.isArray() && b.isArray()) {
            for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                diff(path + "/" + i, a.get(i), b.get(i), out);
            }
            return;
        }
        out.add(new PathChange(path.isEmpty() ? "/" : path, a == null ? null : a.toString(), b == null ? null : b.toString()));
    }

    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
