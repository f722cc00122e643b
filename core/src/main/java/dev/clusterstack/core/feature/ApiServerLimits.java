package dev.clusterstack.core.feature;

import dev.clusterstack.core.model.StackContent;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch.JSONPatch;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch.PatchDefinition;
import dev.clusterstack.core.model.clusterclass.ClusterClassVariable;
import dev.clusterstack.core.model.clusterclass.JSONSchemaProps;
import dev.clusterstack.core.model.kubeadm.File;

import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code apiServerLimits}: CPU and memory limits (and a memory request) on kubeadm's kube-apiserver
 * static pod. Writes {@code /usr/local/sbin/apiserver-limits.sh} (0755) on control-plane nodes; a
 * boolean ClusterClass variable (default {@link Config#enabledByDefault()}) guards a patch that
 * appends {@link #command()} to the control plane's {@code postKubeadmCommands}.
 */
public final class ApiServerLimits implements Feature {
    public static final String ID = "apiServerLimits";
    public static final String SCRIPT = "/usr/local/sbin/apiserver-limits.sh";
    private static final Pattern QUANTITY = Pattern.compile("[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|k|M|G|T)?|none");

    /**
     * Build-time configuration ({@code features.apiServerLimits}).
     *
     * @param memoryPercent    memory limit as percent of the node's RAM (plus 10 MB); 1..100, default {@code 75}
     * @param cpuMilliPerCore  CPU limit in millicores per logical CPU; default {@code 750}
     * @param memoryRequest    memory request added next to kubeadm's CPU request (a quantity, or {@code none});
     *                         default {@code 512M}
     * @param variable         name of the on/off ClusterClass variable; default {@code apiServerLimits}
     * @param enabledByDefault default of that variable; default {@code true}
     */
    public record Config(Integer memoryPercent, Integer cpuMilliPerCore, String memoryRequest, String variable,
                         Boolean enabledByDefault) {
        public Config {
            memoryPercent = memoryPercent == null ? 75 : memoryPercent;
            cpuMilliPerCore = cpuMilliPerCore == null ? 750 : cpuMilliPerCore;
            memoryRequest = memoryRequest == null ? "512M" : memoryRequest;
            variable = Support.variableName(variable, ID);
            enabledByDefault = enabledByDefault == null ? Boolean.TRUE : enabledByDefault;
            if (memoryPercent < 1 || memoryPercent > 100) {
                throw new IllegalArgumentException("memoryPercent: must be 1..100, not " + memoryPercent);
            }
            if (cpuMilliPerCore < 1) {
                throw new IllegalArgumentException("cpuMilliPerCore: must be positive, not " + cpuMilliPerCore);
            }
            if (!QUANTITY.matcher(memoryRequest).matches()) {
                throw new IllegalArgumentException("memoryRequest: '" + memoryRequest
                        + "' is not a memory quantity such as 512M or 1Gi (or 'none')");
            }
        }

        public static Config defaults() {
            return new Config(null, null, null, null, null);
        }
    }

    private final Config config;
    private final String script;

    /** With the script of the classpath. */
    public ApiServerLimits(Config config) {
        this(config, Support.resource("apiserver-limits.sh"));
    }

    /** With the given script text. */
    public ApiServerLimits(Config config, String script) {
        this.config = config == null ? Config.defaults() : config;
        if (script == null) {
            throw new IllegalArgumentException("the script text is required");
        }
        this.script = script;
    }

    @Override
    public String id() {
        return ID;
    }

    /** The post-kubeadm command. */
    public String command() {
        return SCRIPT + " --memory-percent " + config.memoryPercent() + " --cpu-milli-per-core " + config.cpuMilliPerCore()
                + " --memory-request " + config.memoryRequest();
    }

    @Override
    public StackContent apply(StackContent content) {
        StackContent out = Support.updateControlPlane(content, ID, spec -> Support.keepLists(
                spec.toBuilder().file(File.encoded(SCRIPT, "0755", script)).build(), "postKubeadmCommands"));
        out = Support.addVariable(out, ID, ClusterClassVariable.of(config.variable(), JSONSchemaProps.builder("boolean")
                .description("Put CPU and memory limits on the kube-apiserver of control-plane nodes.")
                .defaultValue(config.enabledByDefault())
                .xMetadata(Support.longDescription("When true, control-plane nodes run " + SCRIPT + " after kubeadm: "
                        + "the kube-apiserver static pod gets a memory limit of 10 MB + " + config.memoryPercent()
                        + " % of the node's RAM, a CPU limit of " + config.cpuMilliPerCore() + "m per logical CPU"
                        + ("none".equals(config.memoryRequest()) ? "" : " and a memory request of " + config.memoryRequest())
                        + ". Limits already present are left alone. Takes effect on new control-plane machines."))
                .build()));
        return Support.addPatches(out, ID, List.of(ClusterClassPatch.of(config.variable(),
                "Limits the kube-apiserver's CPU and memory on control-plane nodes.",
                "{{ if ." + config.variable() + " }}true{{ end }}",
                PatchDefinition.of(Support.controlPlaneSelector(out, ID),
                        JSONPatch.value("add", Support.KCP_SPEC + "/postKubeadmCommands/-", command())))));
    }
}
