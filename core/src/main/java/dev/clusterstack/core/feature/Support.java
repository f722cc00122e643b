package dev.clusterstack.core.feature;

import dev.clusterstack.core.model.StackContent;
import dev.clusterstack.core.model.base.Copies;
import dev.clusterstack.core.model.base.Template;
import dev.clusterstack.core.model.base.TemplateRef;
import dev.clusterstack.core.model.clusterclass.ClusterClass;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch.ClassNames;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch.PatchSelector;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch.PatchSelectorMatch;
import dev.clusterstack.core.model.clusterclass.ClusterClassVariable;
import dev.clusterstack.core.model.clusterclass.JSONSchemaProps;
import dev.clusterstack.core.model.clusterclass.MachineDeploymentClass;
import dev.clusterstack.core.model.clusterclass.MachinePoolClass;
import dev.clusterstack.core.model.kubeadm.Arg;
import dev.clusterstack.core.model.kubeadm.ClusterConfiguration;
import dev.clusterstack.core.model.kubeadm.KubeadmConfigSpec;
import dev.clusterstack.core.model.kubeadm.KubeadmConfigTemplate;
import dev.clusterstack.core.model.kubeadm.KubeadmControlPlaneTemplate;
import dev.clusterstack.core.model.infra.OpenStackClusterTemplate;
import dev.clusterstack.core.render.VariableDocs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * What the features share: finding the control plane and worker bootstrap templates, changing their
 * kubeadm config, adding variables and patches without clashing, loading node files from the classpath.
 *
 * <p>Cluster API applies JSON patches strictly (RFC 6902): {@code add .../files/-} fails when the
 * template has no {@code files} list. The model leaves empty lists and maps out of the output, so
 * {@link #keepLists} and {@link #keepApiServerExtraArgs} write them explicitly (as {@code []} / {@code {}}
 * through the record's extra map) wherever a feature's patch appends.
 */
final class Support {
    static final String KCP_SPEC = "/spec/template/spec/kubeadmConfigSpec";
    static final String KCT_SPEC = "/spec/template/spec";
    static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private Support() {
    }

    /** The variable name a feature uses: the configured one or its default, checked. */
    static String variableName(String configured, String fallback) {
        String name = configured == null ? fallback : configured;
        if (!IDENTIFIER.matcher(name).matches() || name.equals("builtin")) {
            throw new IllegalArgumentException("variable: '" + name + "' must be a Go template identifier"
                    + " ([A-Za-z_][A-Za-z0-9_]*) other than 'builtin'");
        }
        return name;
    }

    /** The KubeadmControlPlaneTemplate the ClusterClass's control plane references. */
    static KubeadmControlPlaneTemplate controlPlane(StackContent content, String feature) {
        ClusterClass cc = content.clusterClass();
        if (cc == null || cc.controlPlane() == null || cc.controlPlane().ref() == null) {
            throw new IllegalArgumentException("feature '" + feature + "' needs a ClusterClass with a control plane");
        }
        Template t = content.template(cc.controlPlane().ref()).orElse(null);
        if (!(t instanceof KubeadmControlPlaneTemplate k)) {
            throw new IllegalArgumentException("feature '" + feature + "' needs the control plane template '"
                    + cc.controlPlane().ref().name() + "' to be a " + KubeadmControlPlaneTemplate.KIND);
        }
        return k;
    }

    /** Replaces the control plane's kubeadm config spec. */
    static StackContent updateControlPlane(StackContent content, String feature, UnaryOperator<KubeadmConfigSpec> change) {
        KubeadmControlPlaneTemplate kcp = controlPlane(content, feature);
        return replace(content, kcp, kcp.withKubeadmConfigSpec(change.apply(kcp.kubeadmConfigSpec())));
    }

    /** Names of the KubeadmConfigTemplates that machine deployment or machine pool classes use for bootstrap. */
    static Set<String> workerBootstrapTemplates(StackContent content) {
        Set<String> out = new LinkedHashSet<>();
        for (MachineDeploymentClass md : machineDeployments(content)) {
            if (md.template() != null && md.template().bootstrap() != null
                    && content.template(md.template().bootstrap().ref()).orElse(null) instanceof KubeadmConfigTemplate) {
                out.add(md.template().bootstrap().ref().name());
            }
        }
        for (MachinePoolClass mp : machinePools(content)) {
            if (mp.template() != null && mp.template().bootstrap() != null
                    && content.template(mp.template().bootstrap().ref()).orElse(null) instanceof KubeadmConfigTemplate) {
                out.add(mp.template().bootstrap().ref().name());
            }
        }
        return out;
    }

    /** Replaces the kubeadm config spec of every worker bootstrap template. */
    static StackContent updateWorkers(StackContent content, UnaryOperator<KubeadmConfigSpec> change) {
        StackContent out = content;
        for (String name : workerBootstrapTemplates(content)) {
            KubeadmConfigTemplate k = (KubeadmConfigTemplate) out.template(name).orElseThrow();
            out = replace(out, k, k.withKubeadmConfigSpec(change.apply(k.kubeadmConfigSpec())));
        }
        return out;
    }

    /**
     * A selector of every worker class bootstrapped by a KubeadmConfigTemplate, or {@code null} when
     * there is none. Class names are listed explicitly (no wildcard) so older Cluster API versions match them.
     */
    static PatchSelector workerSelector(StackContent content) {
        List<String> md = new ArrayList<>();
        for (MachineDeploymentClass c : machineDeployments(content)) {
            if (c.template() != null && c.template().bootstrap() != null
                    && content.template(c.template().bootstrap().ref()).orElse(null) instanceof KubeadmConfigTemplate) {
                md.add(c.className());
            }
        }
        List<String> mp = new ArrayList<>();
        for (MachinePoolClass c : machinePools(content)) {
            if (c.template() != null && c.template().bootstrap() != null
                    && content.template(c.template().bootstrap().ref()).orElse(null) instanceof KubeadmConfigTemplate) {
                mp.add(c.className());
            }
        }
        if (md.isEmpty() && mp.isEmpty()) {
            return null;
        }
        return new PatchSelector(KubeadmConfigTemplate.API_VERSION, KubeadmConfigTemplate.KIND,
                new PatchSelectorMatch(null, null, md.isEmpty() ? null : new ClassNames(md, Map.of()),
                        mp.isEmpty() ? null : new ClassNames(mp, Map.of()), Map.of()), Map.of());
    }

    static PatchSelector controlPlaneSelector(StackContent content, String feature) {
        KubeadmControlPlaneTemplate kcp = controlPlane(content, feature);
        return PatchSelector.controlPlane(kcp.apiVersion(), kcp.kind());
    }

    /** The infrastructure cluster template, which must be an OpenStackClusterTemplate. */
    static OpenStackClusterTemplate openStackCluster(StackContent content, String feature) {
        ClusterClass cc = content.clusterClass();
        String ref = cc == null || cc.infrastructure() == null ? null : TemplateRef.nameOf(cc.infrastructure().ref());
        Template t = ref == null ? null : content.template(ref).orElse(null);
        if (!(t instanceof OpenStackClusterTemplate o)) {
            throw new IllegalArgumentException("feature '" + feature + "' needs an " + OpenStackClusterTemplate.KIND
                    + " as the ClusterClass's infrastructure template (found " + (t == null ? "none" : t.kind()) + ")");
        }
        return o;
    }

    /** Ensures the OpenStack cluster template has an {@code apiServerLoadBalancer} object (new ones: {@code enabled: false}). */
    static StackContent ensureApiServerLoadBalancer(StackContent content, String feature) {
        OpenStackClusterTemplate o = openStackCluster(content, feature);
        OpenStackClusterTemplate.ClusterSpec s = o.spec().template() == null ? null : o.spec().template().spec();
        if (s == null) {
            s = new OpenStackClusterTemplate.ClusterSpec(null, null, null, null, null, null, null, null, null, null, null,
                    null, null, null, null, null, null, Map.of());
        }
        if (s.apiServerLoadBalancer() != null) {
            return content;
        }
        var lb = new OpenStackClusterTemplate.APIServerLoadBalancer(false, null, null, null, null, null, Map.of());
        var ns = new OpenStackClusterTemplate.ClusterSpec(s.identityRef(), lb, s.managedSecurityGroups(), s.managedSubnets(),
                s.externalNetwork(), s.disableExternalNetwork(), s.disableAPIServerFloatingIP(), s.apiServerFloatingIP(),
                s.apiServerFixedIP(), s.apiServerPort(), s.network(), s.subnets(), s.router(), s.bastion(),
                s.controlPlaneAvailabilityZones(), s.controlPlaneOmitAvailabilityZone(), s.tags(), s.extra());
        var r = o.spec().template();
        var nr = new OpenStackClusterTemplate.Resource(ns, r == null ? Map.of() : r.extra());
        return replace(content, o, new OpenStackClusterTemplate(o.name(), o.apiVersion(), o.metadata(),
                new OpenStackClusterTemplate.Spec(nr, o.spec().extra()), o.extra()));
    }

    static StackContent replace(StackContent content, Template old, Template value) {
        List<Template> out = new ArrayList<>(content.templates());
        out.set(out.indexOf(old), value);
        return content.withTemplates(out);
    }

    /**
     * The spec with the given lists ({@code files}, {@code preKubeadmCommands}, {@code postKubeadmCommands})
     * written even when empty, so patches can append to them.
     */
    static KubeadmConfigSpec keepLists(KubeadmConfigSpec spec, String... lists) {
        return spec.toBuilder().keepEmpty(lists).build();
    }

    /** The spec with {@code clusterConfiguration.apiServer.extraArgs} written even when empty. */
    static KubeadmConfigSpec keepApiServerExtraArgs(KubeadmConfigSpec spec) {
        ClusterConfiguration cc = spec.clusterConfiguration() == null ? ClusterConfiguration.empty() : spec.clusterConfiguration();
        ClusterConfiguration.APIServer api = cc.apiServer() == null ? ClusterConfiguration.APIServer.empty() : cc.apiServer();
        if (api.extraArgs().isEmpty()) {
            api = api.withExtraArgs(Copies.<Arg>givenEmptyList());
        }
        return spec.toBuilder().clusterConfiguration(cc.withApiServer(api)).build();
    }

    /** Adds a variable; refuses a name the class already declares. */
    static StackContent addVariable(StackContent content, String feature, ClusterClassVariable variable) {
        ClusterClass cc = content.clusterClass();
        if (cc.variables().stream().anyMatch(v -> variable.name().equals(v.name()))) {
            throw new IllegalArgumentException("feature '" + feature + "': the ClusterClass already declares a variable '"
                    + variable.name() + "'; give the feature another name with 'variable: <name>'");
        }
        return content.withClusterClass(cc.toBuilder().variable(variable).build());
    }

    /** Adds patches; refuses names the class already uses. */
    static StackContent addPatches(StackContent content, String feature, List<ClusterClassPatch> patches) {
        ClusterClass cc = content.clusterClass();
        for (ClusterClassPatch p : patches) {
            if (cc.patches().stream().anyMatch(q -> p.name().equals(q.name()))) {
                throw new IllegalArgumentException("feature '" + feature + "': the ClusterClass already has a patch named '"
                        + p.name() + "'; give the feature another variable name with 'variable: <name>'");
            }
        }
        return content.withClusterClass(cc.toBuilder().patches(patches).build());
    }

    /** {@code x-metadata} holding a long description for UIs and the generated variable reference. */
    static JSONSchemaProps.VariableSchemaMetadata longDescription(String text) {
        return new JSONSchemaProps.VariableSchemaMetadata(Map.of(), Map.of(VariableDocs.LONG_DESCRIPTION, text), Map.of());
    }

    /**
     * A Cluster API patch template whose value is the stack's own list (fixed at build time) followed by
     * the cluster's list variable, duplicates removed, as JSON: {@code {{ concat (list "a" "b") .v | uniq | toJson }}}.
     */
    static String stackListThenVariable(List<String> stackValues, String variable) {
        String list = "list" + stackValues.stream().map(s -> " " + goString(s)).collect(Collectors.joining());
        return "{{ concat (" + list + ") ." + variable + " | uniq | toJson }}";
    }

    /** A Go template string literal (double-quoted, escaped). */
    static String goString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '"' -> b.append("\\\"");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** A text resource of this package, or a clear error naming it. */
    static String resource(String name) {
        String path = "dev/clusterstack/core/feature/" + name;
        try (InputStream in = Support.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("node file '" + path + "' is missing from the classpath"
                        + " (it ships in clusterstack-core's resources)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    private static List<MachineDeploymentClass> machineDeployments(StackContent content) {
        ClusterClass cc = content.clusterClass();
        return cc == null || cc.workers() == null ? List.of() : cc.workers().machineDeployments();
    }

    private static List<MachinePoolClass> machinePools(StackContent content) {
        ClusterClass cc = content.clusterClass();
        return cc == null || cc.workers() == null ? List.of() : cc.workers().machinePools();
    }
}
