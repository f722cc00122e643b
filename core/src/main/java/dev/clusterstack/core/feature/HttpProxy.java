package dev.clusterstack.core.feature;

import dev.clusterstack.core.model.StackContent;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch.JSONPatch;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch.PatchDefinition;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch.PatchSelector;
import dev.clusterstack.core.model.clusterclass.ClusterClassVariable;
import dev.clusterstack.core.model.clusterclass.JSONSchemaProps;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code httpProxy}: an HTTP(S) proxy for all nodes, set per cluster with one object variable
 * {@code {http, https, noProxy[]}}.
 *
 * <p>When {@code http} or {@code https} is set, one patch adds to the control plane template and to
 * the bootstrap template of every worker class:
 * <ul>
 *   <li>{@link #PROFILE}: exports {@code http_proxy}, {@code https_proxy}, {@code no_proxy} and their
 *       upper-case forms for login shells;</li>
 *   <li>{@link #CONTAINERD_DROP_IN}: {@code Environment="HTTP_PROXY=..."}, {@code HTTPS_PROXY},
 *       {@code NO_PROXY} for containerd;</li>
 *   <li>{@link #RESTART} as the first preKubeadmCommand (prepended, so containerd uses the proxy
 *       before any other command of the stack pulls an image).</li>
 * </ul>
 * {@code https} falls back to {@code http} when not given. The effective no-proxy list is
 * {@code localhost, 127.0.0.1, .svc, .cluster.local}, {@code .<serviceDomain>} when the Cluster sets one,
 * the Cluster's service and pod CIDRs ({@code builtin.cluster.network.services/pods}), then the
 * owner's {@code noProxy} entries; duplicates removed, order kept. Values are checked by the schema
 * (no whitespace, quotes, backslashes, {@code $} or backticks) so they are safe in shell and systemd lines.
 */
public final class HttpProxy implements Feature {
    public static final String ID = "httpProxy";
    public static final String PROFILE = "/etc/profile.d/proxy.sh";
    public static final String CONTAINERD_DROP_IN = "/etc/systemd/system/containerd.service.d/http-proxy.conf";
    public static final String RESTART = "systemctl daemon-reload && systemctl restart containerd";
    static final String URL_PATTERN = "^https?://[^\\s\"'$`\\\\]+$";
    static final String NO_PROXY_PATTERN = "^[^\\s,\"'$`\\\\]+$";

    /**
     * Build-time configuration ({@code features.httpProxy}).
     *
     * @param variable name of the object variable; default {@code httpProxy}
     */
    public record Config(String variable) {
        public Config {
            variable = Support.variableName(variable, ID);
        }

        public static Config defaults() {
            return new Config(null);
        }
    }

    private final Config config;

    public HttpProxy(Config config) {
        this.config = config == null ? Config.defaults() : config;
    }

    @Override
    public String id() {
        return ID;
    }

    /** The {@code enabledIf} of the patch: true when http or https is set. */
    public String enabledIf() {
        String v = "." + config.variable();
        return "{{ if " + v + " }}{{ if or " + v + ".http " + v + ".https }}true{{ end }}{{ end }}";
    }

    /** Go template lines computing {@code $http}, {@code $https} and {@code $noProxy} (comma-joined). */
    String preamble() {
        String v = "." + config.variable();
        return "{{- $p := " + v + " -}}\n"
                + "{{- $http := $p.http | default \"\" -}}\n"
                + "{{- $https := $p.https | default $http -}}\n"
                + "{{- $noProxy := list \"localhost\" \"127.0.0.1\" \".svc\" \".cluster.local\" -}}\n"
                + "{{- with .builtin.cluster.network -}}\n"
                + "{{- with .serviceDomain }}{{ $noProxy = append $noProxy (printf \".%s\" .) }}{{ end -}}\n"
                + "{{- $noProxy = concat $noProxy (.services | default (list)) (.pods | default (list)) -}}\n"
                + "{{- end -}}\n"
                + "{{- $noProxy = concat $noProxy ($p.noProxy | default (list)) | uniq | join \",\" -}}\n";
    }

    /** The {@code valueFrom.template} of the profile script file. */
    public String profileTemplate() {
        return preamble()
                + "path: " + PROFILE + "\n"
                + "owner: root:root\n"
                + "permissions: \"0644\"\n"
                + "content: |\n"
                + "{{- if $http }}\n"
                + "  export http_proxy=\"{{ $http }}\"\n"
                + "  export HTTP_PROXY=\"{{ $http }}\"\n"
                + "{{- end }}\n"
                + "{{- if $https }}\n"
                + "  export https_proxy=\"{{ $https }}\"\n"
                + "  export HTTPS_PROXY=\"{{ $https }}\"\n"
                + "{{- end }}\n"
                + "  export no_proxy=\"{{ $noProxy }}\"\n"
                + "  export NO_PROXY=\"{{ $noProxy }}\"\n";
    }

    /** The {@code valueFrom.template} of the containerd drop-in file. */
    public String containerdTemplate() {
        return preamble()
                + "path: " + CONTAINERD_DROP_IN + "\n"
                + "owner: root:root\n"
                + "permissions: \"0644\"\n"
                + "content: |\n"
                + "  [Service]\n"
                + "{{- if $http }}\n"
                + "  Environment=\"HTTP_PROXY={{ $http }}\"\n"
                + "{{- end }}\n"
                + "{{- if $https }}\n"
                + "  Environment=\"HTTPS_PROXY={{ $https }}\"\n"
                + "{{- end }}\n"
                + "  Environment=\"NO_PROXY={{ $noProxy }}\"\n";
    }

    @Override
    public StackContent apply(StackContent content) {
        StackContent out = Support.updateControlPlane(content, ID,
                spec -> Support.keepLists(spec, "files", "preKubeadmCommands"));
        out = Support.updateWorkers(out, spec -> Support.keepLists(spec, "files", "preKubeadmCommands"));
        out = Support.addVariable(out, ID, ClusterClassVariable.of(config.variable(), JSONSchemaProps.builder("object")
                .description("HTTP(S) proxy for containerd and shells on all nodes; unset: no proxy.")
                .property("http", JSONSchemaProps.builder("string").pattern(URL_PATTERN)
                        .description("Proxy for http:// addresses.").example("http://proxy.example.com:3128").build())
                .property("https", JSONSchemaProps.builder("string").pattern(URL_PATTERN)
                        .description("Proxy for https:// addresses; default: the http proxy.").build())
                .property("noProxy", JSONSchemaProps.builder("array")
                        .items(JSONSchemaProps.builder("string").pattern(NO_PROXY_PATTERN).build())
                        .description("Extra hosts, domains and CIDRs reached without the proxy.")
                        .example(List.of(".example.com", "10.0.0.0/8")).build())
                .xMetadata(Support.longDescription("Set http and/or https (https defaults to http) to route node "
                        + "traffic through a proxy. Every node gets " + PROFILE + " (http_proxy, https_proxy, no_proxy "
                        + "and upper-case forms) and a containerd drop-in " + CONTAINERD_DROP_IN + "; containerd is "
                        + "restarted before kubeadm runs. The no-proxy list always holds localhost, 127.0.0.1, .svc, "
                        + ".cluster.local, the Cluster's service domain and its service and pod CIDRs "
                        + "(spec.clusterNetwork), followed by noProxy. Takes effect on new machines."))
                .build()));
        List<PatchDefinition> defs = new ArrayList<>();
        defs.add(PatchDefinition.of(Support.controlPlaneSelector(out, ID),
                JSONPatch.template("add", Support.KCP_SPEC + "/files/-", profileTemplate()),
                JSONPatch.template("add", Support.KCP_SPEC + "/files/-", containerdTemplate()),
                JSONPatch.value("add", Support.KCP_SPEC + "/preKubeadmCommands/0", RESTART)));
        PatchSelector workers = Support.workerSelector(out);
        if (workers != null) {
            defs.add(PatchDefinition.of(workers,
                    JSONPatch.template("add", Support.KCT_SPEC + "/files/-", profileTemplate()),
                    JSONPatch.template("add", Support.KCT_SPEC + "/files/-", containerdTemplate()),
                    JSONPatch.value("add", Support.KCT_SPEC + "/preKubeadmCommands/0", RESTART)));
        }
        return Support.addPatches(out, ID, List.of(new ClusterClassPatch(config.variable(),
                "Adds the HTTP(S) proxy settings to all nodes when " + config.variable() + ".http or .https is set.",
                enabledIf(), defs, null, java.util.Map.of())));
    }
}
