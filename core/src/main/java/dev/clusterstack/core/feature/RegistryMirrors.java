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
import java.util.Map;

/**
 * {@code registryMirrors}: containerd registry mirrors on all nodes, set per cluster with a list
 * variable of {@code {host, upstream, caFile?}}:
 * <ul>
 *   <li>{@code host}: the registry as image references name it ({@code docker.io}, {@code registry.k8s.io},
 *       {@code harbor.example.com:5000}); the file goes to {@code /etc/containerd/certs.d/<host>/hosts.toml};</li>
 *   <li>{@code upstream}: URL of the mirror that serves this registry's images
 *       ({@code https://mirror.example.com}); pulls try it first and fall back to the registry itself
 *       ({@code server}, for {@code docker.io} {@code https://registry-1.docker.io});</li>
 *   <li>{@code caFile}: optional path of a CA certificate on the node to trust for the mirror.</li>
 * </ul>
 * A JSON patch adds one file per operation, so the class carries one patch per list position
 * ({@code <variable>0} ... up to {@link Config#maxMirrors()}), each enabled when the list is that
 * long; the schema's {@code maxItems} keeps owners within it. Needs containerd with
 * {@code config_path = "/etc/containerd/certs.d"} (image-builder node images set it); containerd
 * reads hosts.toml at each pull, no restart.
 */
public final class RegistryMirrors implements Feature {
    public static final String ID = "registryMirrors";
    static final String HOST_PATTERN = "^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]+)?$";
    static final String URL_PATTERN = "^https?://[^\\s\"'$`\\\\]+$";
    static final String PATH_PATTERN = "^/[A-Za-z0-9._/-]+$";

    /**
     * Build-time configuration ({@code features.registryMirrors}).
     *
     * @param variable   name of the list variable; default {@code registryMirrors}
     * @param maxMirrors how many mirrors a cluster may list (one patch each); 1..20, default {@code 5}
     */
    public record Config(String variable, Integer maxMirrors) {
        public Config {
            variable = Support.variableName(variable, ID);
            maxMirrors = maxMirrors == null ? 5 : maxMirrors;
            if (maxMirrors < 1 || maxMirrors > 20) {
                throw new IllegalArgumentException("maxMirrors: must be 1..20, not " + maxMirrors);
            }
        }

        public static Config defaults() {
            return new Config(null, null);
        }
    }

    private final Config config;

    public RegistryMirrors(Config config) {
        this.config = config == null ? Config.defaults() : config;
    }

    @Override
    public String id() {
        return ID;
    }

    /** {@code enabledIf} of the patch for list position {@code i}. */
    public String enabledIf(int i) {
        String v = "." + config.variable();
        return "{{ if " + v + " }}{{ if gt (len " + v + ") " + i + " }}true{{ end }}{{ end }}";
    }

    /** The file (hosts.toml) for list position {@code i}, as a {@code valueFrom.template}. */
    public String fileTemplate(int i) {
        return "{{- with index ." + config.variable() + " " + i + " -}}\n"
                + "path: /etc/containerd/certs.d/{{ .host }}/hosts.toml\n"
                + "owner: root:root\n"
                + "permissions: \"0644\"\n"
                + "content: |\n"
                + "  server = \"{{ if eq .host \"docker.io\" }}https://registry-1.docker.io{{ else }}https://{{ .host }}{{ end }}\"\n"
                + "\n"
                + "  [host.\"{{ .upstream }}\"]\n"
                + "    capabilities = [\"pull\", \"resolve\"]\n"
                + "{{- if .caFile }}\n"
                + "    ca = \"{{ .caFile }}\"\n"
                + "{{- end }}\n"
                + "{{- end }}\n";
    }

    @Override
    public StackContent apply(StackContent content) {
        StackContent out = Support.updateControlPlane(content, ID, spec -> Support.keepLists(spec, "files"));
        out = Support.updateWorkers(out, spec -> Support.keepLists(spec, "files"));
        out = Support.addVariable(out, ID, ClusterClassVariable.of(config.variable(), JSONSchemaProps.builder("array")
                .description("Registry mirrors for containerd on all nodes (at most " + config.maxMirrors() + ").")
                .defaultValue(List.of())
                .maxItems((long) config.maxMirrors())
                .example(List.of(Map.of("host", "docker.io", "upstream", "https://mirror.example.com")))
                .items(JSONSchemaProps.builder("object")
                        .required(List.of("host", "upstream"))
                        .property("host", JSONSchemaProps.builder("string").pattern(HOST_PATTERN)
                                .description("Registry as image names use it, e.g. docker.io.").build())
                        .property("upstream", JSONSchemaProps.builder("string").pattern(URL_PATTERN)
                                .description("URL of the mirror serving that registry.").build())
                        .property("caFile", JSONSchemaProps.builder("string").pattern(PATH_PATTERN)
                                .description("CA certificate file on the node for the mirror.").build())
                        .build())
                .xMetadata(Support.longDescription("Each entry writes /etc/containerd/certs.d/<host>/hosts.toml on "
                        + "every node: containerd pulls images of <host> from upstream first and falls back to the "
                        + "registry itself. caFile names a CA certificate already on the node (for example one the "
                        + "node image ships). Requires containerd's config_path = \"/etc/containerd/certs.d\". "
                        + "Takes effect on new machines."))
                .build()));
        PatchSelector cp = Support.controlPlaneSelector(out, ID);
        PatchSelector workers = Support.workerSelector(out);
        List<ClusterClassPatch> patches = new ArrayList<>();
        for (int i = 0; i < config.maxMirrors(); i++) {
            List<PatchDefinition> defs = new ArrayList<>();
            defs.add(PatchDefinition.of(cp, JSONPatch.template("add", Support.KCP_SPEC + "/files/-", fileTemplate(i))));
            if (workers != null) {
                defs.add(PatchDefinition.of(workers, JSONPatch.template("add", Support.KCT_SPEC + "/files/-", fileTemplate(i))));
            }
            patches.add(new ClusterClassPatch(config.variable() + i,
                    "Writes containerd's hosts.toml for entry " + i + " of " + config.variable() + " on all nodes.",
                    enabledIf(i), defs, null, Map.of()));
        }
        return Support.addPatches(out, ID, patches);
    }
}
