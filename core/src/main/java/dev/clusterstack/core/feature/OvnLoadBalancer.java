package dev.clusterstack.core.feature;

import dev.clusterstack.core.model.StackContent;
import dev.clusterstack.core.model.addon.Addon;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch.JSONPatch;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch.PatchDefinition;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch.PatchSelector;
import dev.clusterstack.core.model.clusterclass.ClusterClassVariable;
import dev.clusterstack.core.model.clusterclass.JSONSchemaProps;
import dev.clusterstack.core.model.infra.OpenStackClusterTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ovnLoadBalancer} (OpenStack): one string variable chooses the Octavia provider per cluster,
 * {@code none}, {@code octavia-amphora} or {@code octavia-ovn} (default from the build configuration).
 *
 * <ul>
 *   <li>API server: three patches (one per value) set the OpenStackClusterTemplate's
 *       {@code apiServerLoadBalancer.enabled} and {@code .provider} ({@code amphora} / {@code ovn}).
 *       A template without {@code apiServerLoadBalancer} gets {@code {enabled: false}} to patch.</li>
 *   <li>Services of type LoadBalancer: the cloud controller manager addon's {@code overwrite.yaml}
 *       (evaluated by the operator with {@code .Cluster}) reads the variable from
 *       {@code .Cluster.spec.topology.variables} (falling back to the build default) and, for
 *       {@code octavia-ovn}, adds {@code cloudConfig.loadBalancer} {@code lb-provider: ovn},
 *       {@code lb-method}, {@code create-monitor} under the chart's values key.</li>
 * </ul>
 *
 * <p>Merging with an existing {@code overwrite.yaml}: it must carry its values as a
 * {@code values: |} block. The variable lookup goes first in the file; inside the block, the OVN
 * settings are inserted, guarded by {@code if}, right under the chart's key when the block has it
 * (then it must not set {@code cloudConfig} itself; that is refused as ambiguous), else appended as a
 * guarded key of their own. Without an existing overwrite the file holds only the guarded values.
 */
public final class OvnLoadBalancer implements Feature {
    public static final String ID = "ovnLoadBalancer";
    public static final List<String> CHOICES = List.of("none", "octavia-amphora", "octavia-ovn");
    static final String LB = "$clusterstackLoadBalancer";
    private static final Pattern VALUES_BLOCK = Pattern.compile("(?m)^values:[ \\t]*\\|[-+]?[ \\t]*$");

    /**
     * Build-time configuration ({@code features.ovnLoadBalancer}).
     *
     * @param variable      name of the string variable; default {@code apiServerLoadBalancer}
     * @param defaultValue  the variable's default, one of {@link #CHOICES}; default {@code octavia-ovn}
     * @param ccmAddon      name of the cloud controller manager addon; default {@code ccm}
     * @param ccmValuesKey  key of the openstack-cloud-controller-manager chart in the addon's values;
     *                      default: the dependency's alias, else its chart name
     * @param lbMethod      Octavia {@code lb-method} for OVN; default {@code SOURCE_IP_PORT}
     * @param createMonitor Octavia health monitors for OVN load balancers; default {@code true}
     * @param existingVariable the stack declares the variable (with the same three choices) and its API
     *                      server patches itself, as the SCS reference does with {@code apiserver_loadbalancer}:
     *                      the feature then only adds the cloud controller manager values; default {@code false}
     */
    public record Config(String variable, String defaultValue, String ccmAddon, String ccmValuesKey, String lbMethod,
                         Boolean createMonitor, Boolean existingVariable) {
        public Config {
            variable = Support.variableName(variable, "apiServerLoadBalancer");
            defaultValue = defaultValue == null ? "octavia-ovn" : defaultValue;
            ccmAddon = ccmAddon == null ? "ccm" : ccmAddon;
            lbMethod = lbMethod == null ? "SOURCE_IP_PORT" : lbMethod;
            createMonitor = createMonitor == null ? Boolean.TRUE : createMonitor;
            existingVariable = existingVariable == null ? Boolean.FALSE : existingVariable;
            if (!CHOICES.contains(defaultValue)) {
                throw new IllegalArgumentException("defaultValue: '" + defaultValue + "' is not one of " + CHOICES);
            }
            if (!lbMethod.matches("[A-Z_]+")) {
                throw new IllegalArgumentException("lbMethod: '" + lbMethod + "' is not an Octavia method such as SOURCE_IP_PORT");
            }
            if (ccmValuesKey != null && !ccmValuesKey.matches("[A-Za-z0-9_-]+")) {
                throw new IllegalArgumentException("ccmValuesKey: '" + ccmValuesKey + "' is not a values key");
            }
        }

        public static Config defaults() {
            return new Config(null, null, null, null, null, null, null);
        }
    }

    private final Config config;

    public OvnLoadBalancer(Config config) {
        this.config = config == null ? Config.defaults() : config;
    }

    @Override
    public String id() {
        return ID;
    }

    /** {@code enabledIf} of the patch for one choice (a missing variable counts as the default). */
    public String enabledIf(String choice) {
        return "{{ if eq (." + config.variable() + " | default " + Support.goString(config.defaultValue()) + ") "
                + Support.goString(choice) + " }}true{{ end }}";
    }

    /** The Go template lines that set {@link #LB} from the Cluster's topology variables. */
    String lookup() {
        return "{{- " + LB + " := " + Support.goString(config.defaultValue()) + " }}\n"
                + "{{- with .Cluster.spec.topology }}{{ range .variables }}{{ if eq .name "
                + Support.goString(config.variable()) + " }}{{ " + LB + " = .value }}{{ end }}{{ end }}{{ end }}\n";
    }

    private String settings(String indent) {
        return indent + "cloudConfig:\n"
                + indent + "  loadBalancer:\n"
                + indent + "    lb-provider: ovn\n"
                + indent + "    lb-method: " + config.lbMethod() + "\n"
                + indent + "    create-monitor: " + config.createMonitor() + "\n";
    }

    private String guarded(String body) {
        return "{{- if eq " + LB + " \"octavia-ovn\" }}\n" + body + "{{- end }}\n";
    }

    /** The CCM addon's overwrite.yaml, merged into {@code existing} (may be {@code null}). */
    public String overwrite(String existing, String valuesKey) {
        if (existing == null || existing.isBlank()) {
            return lookup() + guarded("values: |\n  " + valuesKey + ":\n" + settings("    "));
        }
        Matcher m = VALUES_BLOCK.matcher(existing);
        if (!m.find()) {
            throw new IllegalArgumentException("cannot merge the OVN settings into the overwrite.yaml of addon '"
                    + config.ccmAddon() + "': it has no top-level 'values: |' block; write it in that form or set the"
                    + " CCM's cloudConfig.loadBalancer yourself and switch this feature off");
        }
        List<String> lines = new ArrayList<>(List.of(existing.substring(m.end()).split("\n", -1)));
        // lines.get(0) is the rest of the 'values: |' line (empty)
        int first = -1;
        for (int i = 1; i < lines.size(); i++) {
            if (!lines.get(i).isBlank() && !lines.get(i).stripLeading().startsWith("{{")) {
                first = i;
                break;
            }
        }
        int base = first < 0 ? 2 : indentOf(lines.get(first));
        int end = lines.size();
        for (int i = 1; i < lines.size(); i++) {
            String l = lines.get(i);
            if (!l.isBlank() && indentOf(l) < base && !l.stripLeading().startsWith("{{")) {
                end = i;
                break;
            }
        }
        String pad = " ".repeat(base);
        int keyLine = -1;
        for (int i = 1; i < end; i++) {
            if (lines.get(i).matches(Pattern.quote(pad + valuesKey) + ":[ \\t]*")) {
                keyLine = i;
            }
        }
        if (keyLine >= 0) {
            for (int i = keyLine + 1; i < end; i++) {
                if (lines.get(i).matches(" {" + (base + 2) + "}cloudConfig:.*")) {
                    throw new IllegalArgumentException("cannot merge the OVN settings into the overwrite.yaml of addon '"
                            + config.ccmAddon() + "': its values already set " + valuesKey + ".cloudConfig; add the"
                            + " [LoadBalancer] settings there yourself and switch this feature off");
                }
            }
            lines.add(keyLine + 1, guarded(settings(pad + "  ")).stripTrailing());
        } else {
            int at = end;
            while (at > 1 && lines.get(at - 1).isBlank()) {
                at--;
            }
            lines.add(at, guarded(pad + valuesKey + ":\n" + settings(pad + "  ")).stripTrailing());
        }
        return lookup() + existing.substring(0, m.end()) + String.join("\n", lines);
    }

    private static int indentOf(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    @Override
    public StackContent apply(StackContent content) {
        StackContent out = config.existingVariable() ? content : Support.ensureApiServerLoadBalancer(content, ID);
        OpenStackClusterTemplate o = Support.openStackCluster(out, ID);
        Addon ccm = out.addons().stream().filter(a -> config.ccmAddon().equals(a.name())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("feature '" + ID + "': the stack has no addon named '"
                        + config.ccmAddon() + "'; set ccmAddon to the name of the cloud controller manager addon"));
        String key = config.ccmValuesKey() != null ? config.ccmValuesKey()
                : ccm.chart() == null ? "openstack-cloud-controller-manager"
                : ccm.chart().alias() != null ? ccm.chart().alias() : ccm.chart().name();
        List<Addon> addons = new ArrayList<>(out.addons());
        addons.set(addons.indexOf(ccm), ccm.withOverwrite(overwrite(ccm.overwrite(), key)));
        out = out.withAddons(addons);
        String v = config.variable();
        if (config.existingVariable()) {
            boolean declared = out.clusterClass().variables().stream().anyMatch(x -> v.equals(x.name()));
            if (!declared) {
                throw new IllegalArgumentException("feature '" + ID + "': existingVariable is set but the class declares no"
                        + " variable '" + v + "'");
            }
            return out;
        }
        out = Support.addVariable(out, ID, ClusterClassVariable.of(v, JSONSchemaProps.builder("string")
                .description("Octavia load balancers: none, octavia-amphora or octavia-ovn.")
                .enumValues(List.copyOf(CHOICES))
                .defaultValue(config.defaultValue())
                .xMetadata(Support.longDescription("Chooses the OpenStack load balancers of the cluster. none: no load "
                        + "balancer in front of the API server. octavia-amphora: Octavia with the amphora provider. "
                        + "octavia-ovn: Octavia with the OVN provider, also for Services of type LoadBalancer (the "
                        + "cloud controller manager then uses lb-provider=ovn, lb-method=" + config.lbMethod()
                        + (config.createMonitor() ? ", with health monitors" : "") + "). Default: "
                        + config.defaultValue() + "."))
                .build()));
        PatchSelector infra = PatchSelector.infrastructureCluster(o.apiVersion(), o.kind());
        String lb = "/spec/template/spec/apiServerLoadBalancer";
        return Support.addPatches(out, ID, List.of(
                ClusterClassPatch.of(v + "None", "No load balancer in front of the API server when " + v + " is none.",
                        enabledIf("none"), PatchDefinition.of(infra, JSONPatch.value("add", lb + "/enabled", false))),
                ClusterClassPatch.of(v + "Amphora", "Octavia amphora load balancer for the API server.",
                        enabledIf("octavia-amphora"), PatchDefinition.of(infra,
                                JSONPatch.value("add", lb + "/enabled", true),
                                JSONPatch.value("add", lb + "/provider", "amphora"))),
                ClusterClassPatch.of(v + "OVN", "Octavia OVN load balancer for the API server.",
                        enabledIf("octavia-ovn"), PatchDefinition.of(infra,
                                JSONPatch.value("add", lb + "/enabled", true),
                                JSONPatch.value("add", lb + "/provider", "ovn")))));
    }
}
