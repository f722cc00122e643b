package dev.clusterstack.core.feature;

import dev.clusterstack.core.model.StackContent;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch.JSONPatch;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch.PatchDefinition;
import dev.clusterstack.core.model.clusterclass.ClusterClassVariable;
import dev.clusterstack.core.model.clusterclass.JSONSchemaProps;
import dev.clusterstack.core.model.kubeadm.ClusterConfiguration;
import dev.clusterstack.core.model.kubeadm.KubeadmConfigSpec;

import java.util.List;

/**
 * {@code certSANs}: extra Subject Alternative Names for the API server certificate, set per cluster
 * with a list variable. When the list is not empty a patch sets
 * {@code clusterConfiguration.apiServer.certSANs} to the stack's own SANs (as built) followed by the
 * cluster's, duplicates removed. The patch owns the whole list: it replaces it, so the stack's SANs
 * are kept by copying them into the patch at build time.
 */
public final class CertSans implements Feature {
    public static final String ID = "certSANs";
    static final String SAN_PATTERN = "^[A-Za-z0-9*]([A-Za-z0-9.:*-]*[A-Za-z0-9])?$";

    /**
     * Build-time configuration ({@code features.certSANs}).
     *
     * @param variable name of the list variable; default {@code certSANs}
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

    public CertSans(Config config) {
        this.config = config == null ? Config.defaults() : config;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public StackContent apply(StackContent content) {
        KubeadmConfigSpec spec = Support.controlPlane(content, ID).kubeadmConfigSpec();
        ClusterConfiguration cc = spec.clusterConfiguration() == null ? ClusterConfiguration.empty() : spec.clusterConfiguration();
        ClusterConfiguration.APIServer api = cc.apiServer() == null ? ClusterConfiguration.APIServer.empty() : cc.apiServer();
        List<String> base = api.certSANs();
        StackContent out = Support.updateControlPlane(content, ID,
                s -> s.toBuilder().clusterConfiguration(cc.withApiServer(api)).build());
        String v = config.variable();
        out = Support.addVariable(out, ID, ClusterClassVariable.of(v, JSONSchemaProps.builder("array")
                .description("Extra Subject Alternative Names (DNS names, IPs) for the API server certificate.")
                .defaultValue(List.of())
                .example(List.of("api.example.com", "203.0.113.10"))
                .items(JSONSchemaProps.builder("string").pattern(SAN_PATTERN).build())
                .xMetadata(Support.longDescription("Names and addresses under which clients reach the API server, "
                        + "for example a DNS name pointing at the load balancer. They are added after the stack's own "
                        + "SANs" + (base.isEmpty() ? "" : " (" + String.join(", ", base) + ")")
                        + ". Takes effect on new control-plane machines."))
                .build()));
        return Support.addPatches(out, ID, List.of(ClusterClassPatch.of(v,
                "Adds the cluster's " + v + " to the API server certificate.",
                "{{ if ." + v + " }}true{{ end }}",
                PatchDefinition.of(Support.controlPlaneSelector(out, ID), JSONPatch.template("add",
                        Support.KCP_SPEC + "/clusterConfiguration/apiServer/certSANs",
                        Support.stackListThenVariable(base, v))))));
    }
}
