package dev.clusterstack.core.render.v1beta2;

import dev.clusterstack.core.capi.GoDuration;

import java.util.ArrayList;
import java.util.List;

/**
 * The v1beta1 fields of KubeadmControlPlaneTemplate and KubeadmConfigTemplate that v1beta2 changed, as JSON
 * pointer segments: the argument maps that became {@code [{name, value}]} lists, the fields v1beta2 removed, and
 * the ones it moved or renamed (from Cluster API's migration guide, docs/v1.10-to-v1.11.md, "KubeadmConfig" and
 * "KubeadmControlPlane").
 */
final class KubeadmPaths {
    static final String KCPT_GROUP = "controlplane.cluster.x-k8s.io";
    static final String KCPT_KIND = "KubeadmControlPlaneTemplate";
    static final String KCT_GROUP = "bootstrap.cluster.x-k8s.io";
    static final String KCT_KIND = "KubeadmConfigTemplate";
    static final String KCPT_V1BETA2 = KCPT_GROUP + "/v1beta2";
    static final String KCT_V1BETA2 = KCT_GROUP + "/v1beta2";

    /** The argument maps (v1beta1 {@code map[string]string}, v1beta2 {@code []Arg}), below the kubeadm config spec. */
    static final List<List<String>> ARG_LISTS = List.of(
            List.of("clusterConfiguration", "apiServer", "extraArgs"),
            List.of("clusterConfiguration", "controllerManager", "extraArgs"),
            List.of("clusterConfiguration", "scheduler", "extraArgs"),
            List.of("clusterConfiguration", "etcd", "local", "extraArgs"),
            List.of("initConfiguration", "nodeRegistration", "kubeletExtraArgs"),
            List.of("joinConfiguration", "nodeRegistration", "kubeletExtraArgs"));

    /** A field v1beta2 removed or moved: {@code to} empty = removed, with why; {@code seconds}: a duration became seconds. */
    record Change(List<String> from, List<List<String>> to, boolean seconds, String why) {
    }

    /** Below the kubeadm config spec ({@code *} matches any list index). */
    static final List<Change> SPEC_CHANGES = List.of(
            removed("clusterConfiguration/networking", "taken from the Cluster's spec.clusterNetwork"),
            removed("clusterConfiguration/kubernetesVersion", "taken from the control plane's or machine's version"),
            removed("clusterConfiguration/clusterName", "taken from the Cluster's name"),
            removed("clusterConfiguration/apiVersion", "Cluster API writes kubeadm's apiVersion itself"),
            removed("clusterConfiguration/kind", "Cluster API writes kubeadm's kind itself"),
            removed("initConfiguration/apiVersion", "Cluster API writes kubeadm's apiVersion itself"),
            removed("initConfiguration/kind", "Cluster API writes kubeadm's kind itself"),
            removed("joinConfiguration/apiVersion", "Cluster API writes kubeadm's apiVersion itself"),
            removed("joinConfiguration/kind", "Cluster API writes kubeadm's kind itself"),
            removed("useExperimentalRetryJoin", "deprecated since Cluster API v1.2"),
            seconds("clusterConfiguration/apiServer/timeoutForControlPlane",
                    "initConfiguration/timeouts/controlPlaneComponentHealthCheckSeconds",
                    "joinConfiguration/timeouts/controlPlaneComponentHealthCheckSeconds"),
            seconds("joinConfiguration/discovery/timeout", "joinConfiguration/timeouts/tlsBootstrapSeconds"),
            seconds("initConfiguration/bootstrapTokens/*/ttl", "initConfiguration/bootstrapTokens/*/ttlSeconds"));

    /** Below a KubeadmControlPlaneTemplate's {@code spec.template.spec}. */
    static final List<Change> KCPT_CHANGES = List.of(
            seconds("machineTemplate/nodeDrainTimeout", "machineTemplate/spec/deletion/nodeDrainTimeoutSeconds"),
            seconds("machineTemplate/nodeVolumeDetachTimeout", "machineTemplate/spec/deletion/nodeVolumeDetachTimeoutSeconds"),
            seconds("machineTemplate/nodeDeletionTimeout", "machineTemplate/spec/deletion/nodeDeletionTimeoutSeconds"),
            removed("machineTemplate/infrastructureRef", "the ClusterClass's machineInfrastructure sets it"),
            renamed("machineTemplate/readinessGates", "machineTemplate/spec/readinessGates"),
            renamed("rolloutBefore", "rollout/before"),
            renamed("rolloutAfter", "rollout/after"),
            renamed("rolloutStrategy", "rollout/strategy"),
            renamed("remediationStrategy/maxRetry", "remediation/maxRetry"),
            seconds("remediationStrategy/retryPeriod", "remediation/retryPeriodSeconds"),
            seconds("remediationStrategy/minHealthyPeriod", "remediation/minHealthyPeriodSeconds"),
            removed("remediationStrategy", "it became remediation with retryPeriodSeconds and minHealthyPeriodSeconds;"
                    + " patch its fields one by one"),
            renamed("machineNamingStrategy", "machineNaming"));

    private KubeadmPaths() {
    }

    private static Change removed(String from, String why) {
        return new Change(split(from), List.of(), false, why);
    }

    private static Change seconds(String from, String... to) {
        return new Change(split(from), List.of(to).stream().map(KubeadmPaths::split).toList(), true, null);
    }

    private static Change renamed(String from, String to) {
        return new Change(split(from), List.of(split(to)), false, null);
    }

    static List<String> split(String path) {
        return List.of(path.split("/"));
    }

    /** The Cluster API kind a selector or template names, when it is one this conversion knows. */
    enum Kind {
        KCPT(KCPT_GROUP, KCPT_KIND, KCPT_V1BETA2, List.of("spec", "template", "spec", "kubeadmConfigSpec"),
                List.of("spec", "template", "spec")),
        KCT(KCT_GROUP, KCT_KIND, KCT_V1BETA2, List.of("spec", "template", "spec"), null);

        final String group;
        final String kind;
        final String v1beta2;
        final List<String> specPrefix;
        final List<String> ownPrefix;

        Kind(String group, String kind, String v1beta2, List<String> specPrefix, List<String> ownPrefix) {
            this.group = group;
            this.kind = kind;
            this.v1beta2 = v1beta2;
            this.specPrefix = specPrefix;
            this.ownPrefix = ownPrefix;
        }

        static Kind of(String apiVersion, String kind) {
            String group = apiVersion == null ? "" : apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
            for (Kind k : values()) {
                if (k.group.equals(group) && k.kind.equals(kind)) {
                    return k;
                }
            }
            return null;
        }
    }

    /** Where a path stands: below which argument list (index into {@link #ARG_LISTS} path) and how deep. */
    record ArgPath(List<String> list, int extra) {
    }

    /** The argument list a path is at ({@code extra} 0) or below ({@code extra} 1: one argument), or null. */
    static ArgPath argPath(Kind kind, List<String> segments) {
        for (List<String> arg : ARG_LISTS) {
            List<String> full = concat(kind.specPrefix, arg);
            if (startsWith(segments, full)) {
                return new ArgPath(full, segments.size() - full.size());
            }
        }
        return null;
    }

    /** The first change whose field is the path or one of its parents; the changed tail keeps what lies below. */
    record Match(Change change, List<String> base, List<String> rest, List<String> indexes) {
        /** The new location(s) of the path: each target with the matched indexes filled in, then the rest. */
        List<List<String>> targets() {
            List<List<String>> out = new ArrayList<>();
            for (List<String> to : change.to()) {
                List<String> t = new ArrayList<>(base);
                int i = 0;
                for (String s : to) {
                    t.add(s.equals("*") ? indexes.get(i++) : s);
                }
                t.addAll(rest);
                out.add(t);
            }
            return out;
        }
    }

    /** The change of a field at or above the path, or null. */
    static Match change(Kind kind, List<String> segments) {
        Match m = change(SPEC_CHANGES, kind.specPrefix, segments);
        if (m == null && kind.ownPrefix != null) {
            m = change(KCPT_CHANGES, kind.ownPrefix, segments);
        }
        return m;
    }

    private static Match change(List<Change> changes, List<String> prefix, List<String> segments) {
        if (!startsWith(segments, prefix)) {
            return null;
        }
        List<String> rel = segments.subList(prefix.size(), segments.size());
        for (Change c : changes) {
            if (rel.size() < c.from().size()) {
                continue;
            }
            List<String> indexes = new ArrayList<>();
            boolean ok = true;
            for (int i = 0; i < c.from().size() && ok; i++) {
                String f = c.from().get(i);
                if (f.equals("*")) {
                    ok = rel.get(i).matches("[0-9]+|-");
                    indexes.add(rel.get(i));
                } else {
                    ok = f.equals(rel.get(i));
                }
            }
            if (ok) {
                return new Match(c, prefix, List.copyOf(rel.subList(c.from().size(), rel.size())), indexes);
            }
        }
        return null;
    }

    static boolean startsWith(List<String> segments, List<String> prefix) {
        return segments.size() >= prefix.size() && segments.subList(0, prefix.size()).equals(prefix);
    }

    static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** RFC 6901 segments of a JSON pointer. */
    static List<String> segments(String pointer) {
        List<String> out = new ArrayList<>();
        if (pointer == null || pointer.isEmpty()) {
            return out;
        }
        for (String p : pointer.substring(1).split("/", -1)) {
            out.add(p.replace("~1", "/").replace("~0", "~"));
        }
        return out;
    }

    /** The JSON pointer of segments. */
    static String pointer(List<String> segments) {
        StringBuilder b = new StringBuilder();
        for (String s : segments) {
            b.append('/').append(s.replace("~", "~0").replace("/", "~1"));
        }
        return b.toString();
    }

    /**
     * Whole seconds of a Go duration literal ({@code 25s}, {@code 4m}, {@code 1h30m}, {@code 0}), or null when it is
     * not one or not whole seconds.
     */
    static Long wholeSeconds(Object value) {
        if (!(value instanceof String s) || s.isEmpty()) {
            return null;
        }
        java.math.BigDecimal nanos = GoDuration.exactNanosOrNull(s);
        if (nanos == null || nanos.signum() < 0) {
            return null;
        }
        java.math.BigDecimal[] qr = nanos.divideAndRemainder(java.math.BigDecimal.valueOf(1_000_000_000L));
        if (qr[1].signum() != 0 || qr[0].compareTo(java.math.BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
            return null;
        }
        return qr[0].longValueExact();
    }
}
