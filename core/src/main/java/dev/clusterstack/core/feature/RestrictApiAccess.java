package dev.clusterstack.core.feature;

import dev.clusterstack.core.model.StackContent;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch.JSONPatch;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch.PatchDefinition;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch.PatchSelector;
import dev.clusterstack.core.model.clusterclass.ClusterClassVariable;
import dev.clusterstack.core.model.clusterclass.JSONSchemaProps;
import dev.clusterstack.core.model.infra.OpenStackClusterTemplate;

import java.util.List;

/**
 * {@code restrictApiAccess} (OpenStack): a list variable of CIDRs allowed to reach the API server
 * load balancer. When not empty a patch sets the OpenStackClusterTemplate's
 * {@code apiServerLoadBalancer.allowedCIDRs} to the stack's own list (as built) followed by the
 * cluster's. Octavia enforces the list with the amphora provider (Octavia API 2.12 or later); the
 * management cluster's outgoing address must be in it, or CAPO cannot reach the cluster.
 */
public final class RestrictApiAccess implements Feature {
    public static final String ID = "restrictApiAccess";
    static final String CIDR_PATTERN = "^[0-9A-Fa-f:.]+/[0-9]{1,3}$";

    /**
     * Build-time configuration ({@code features.restrictApiAccess}).
     *
     * @param variable name of the list variable; default {@code restrictApiAccess}
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

    public RestrictApiAccess(Config config) {
        this.config = config == null ? Config.defaults() : config;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public StackContent apply(StackContent content) {
        StackContent out = Support.ensureApiServerLoadBalancer(content, ID);
        OpenStackClusterTemplate o = Support.openStackCluster(out, ID);
        List<String> base = o.spec().template().spec().apiServerLoadBalancer().allowedCIDRs();
        String v = config.variable();
        out = Support.addVariable(out, ID, ClusterClassVariable.of(v, JSONSchemaProps.builder("array")
                .description("CIDRs allowed to reach the API server load balancer; empty: everyone.")
                .defaultValue(List.of())
                .example(List.of("192.0.2.0/24"))
                .items(JSONSchemaProps.builder("string").pattern(CIDR_PATTERN).build())
                .xMetadata(Support.longDescription("Restricts access to the Kubernetes API on the network level: the "
                        + "OpenStack load balancer in front of the API server only accepts these source CIDRs"
                        + (base.isEmpty() ? "" : " (plus the stack's " + String.join(", ", base) + ")")
                        + ". Include the outgoing address of the management cluster, or Cluster API cannot manage "
                        + "the cluster. Octavia enforces the list with the amphora provider (API 2.12 or later)."))
                .build()));
        return Support.addPatches(out, ID, List.of(ClusterClassPatch.of(v,
                "Restricts the API server load balancer to the CIDRs in " + v + ".",
                "{{ if ." + v + " }}true{{ end }}",
                PatchDefinition.of(PatchSelector.infrastructureCluster(o.apiVersion(), o.kind()), JSONPatch.template("add",
                        "/spec/template/spec/apiServerLoadBalancer/allowedCIDRs",
                        Support.stackListThenVariable(base, v))))));
    }
}
