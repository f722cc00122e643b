package dev.clusterstack.core.feature;

import dev.clusterstack.core.model.StackContent;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch.JSONPatch;
import dev.clusterstack.core.model.clusterclass.ClusterClassPatch.PatchDefinition;
import dev.clusterstack.core.model.clusterclass.ClusterClassVariable;
import dev.clusterstack.core.model.clusterclass.JSONSchemaProps;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code oidc}: OpenID Connect authentication for the API server, set per cluster with one object
 * variable {@code {issuer_url, client_id, username_claim, groups_claim, username_prefix, groups_prefix}}.
 * Only when both {@code issuer_url} and {@code client_id} are set, a patch adds
 * {@code --oidc-issuer-url}, {@code --oidc-client-id}, {@code --oidc-username-claim},
 * {@code --oidc-groups-claim}, {@code --oidc-username-prefix} and {@code --oidc-groups-prefix} to
 * {@code clusterConfiguration.apiServer.extraArgs}. Claims and prefixes not given take the defaults
 * below (in the schema for UIs, and again in the patch templates so a Cluster created before
 * defaulting still works).
 */
public final class Oidc implements Feature {
    public static final String ID = "oidc";
    /** Property -> default; every property -> kube-apiserver flag {@code oidc-<property with dashes>}. */
    static final Map<String, String> OPTIONAL = optional();

    /**
     * Build-time configuration ({@code features.oidc}).
     *
     * @param variable name of the object variable; default {@code oidc}
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

    public Oidc(Config config) {
        this.config = config == null ? Config.defaults() : config;
    }

    @Override
    public String id() {
        return ID;
    }

    public String enabledIf() {
        String v = "." + config.variable();
        return "{{ if " + v + " }}{{ if and " + v + ".issuer_url " + v + ".client_id }}true{{ end }}{{ end }}";
    }

    @Override
    public StackContent apply(StackContent content) {
        StackContent out = Support.updateControlPlane(content, ID, Support::keepApiServerExtraArgs);
        String v = config.variable();
        JSONSchemaProps.Builder schema = JSONSchemaProps.builder("object")
                .description("OpenID Connect login for the API server; used when issuer_url and client_id are set.")
                .property("issuer_url", JSONSchemaProps.builder("string").pattern("^https://[^\\s]+$")
                        .description("Issuer URL (https://) of the OIDC provider.").example("https://dex.example.com").build())
                .property("client_id", JSONSchemaProps.builder("string").minLength(1L)
                        .description("Client id all tokens must be issued for.").example("kubectl").build());
        OPTIONAL.forEach((name, def) -> schema.property(name, JSONSchemaProps.builder("string").defaultValue(def)
                .description(switch (name) {
                    case "username_claim" -> "JWT claim used as the user name.";
                    case "groups_claim" -> "JWT claim holding the user's groups.";
                    case "username_prefix" -> "Prefix of user names ('-' disables prefixing).";
                    default -> "Prefix of group names.";
                }).build()));
        out = Support.addVariable(out, ID, ClusterClassVariable.of(v, schema
                .xMetadata(Support.longDescription("Set issuer_url and client_id to let the API server accept ID tokens "
                        + "of an OpenID Connect provider (kube-apiserver --oidc-* flags). username_claim (default "
                        + OPTIONAL.get("username_claim") + ") and groups_claim (default " + OPTIONAL.get("groups_claim")
                        + ") name the token claims; username_prefix and groups_prefix (default "
                        + OPTIONAL.get("username_prefix") + ") keep OIDC names apart from other users and groups. "
                        + "Takes effect on new control-plane machines."))
                .build()));
        String args = Support.KCP_SPEC + "/clusterConfiguration/apiServer/extraArgs/";
        List<JSONPatch> ops = new java.util.ArrayList<>();
        ops.add(JSONPatch.variable("add", args + "oidc-issuer-url", v + ".issuer_url"));
        ops.add(JSONPatch.variable("add", args + "oidc-client-id", v + ".client_id"));
        OPTIONAL.forEach((name, def) -> ops.add(JSONPatch.template("add", args + "oidc-" + name.replace('_', '-'),
                "{{ ." + v + "." + name + " | default " + Support.goString(def) + " | toJson }}")));
        return Support.addPatches(out, ID, List.of(new ClusterClassPatch(v,
                "Adds the API server's OIDC flags when " + v + ".issuer_url and .client_id are set.", enabledIf(),
                List.of(new PatchDefinition(Support.controlPlaneSelector(out, ID), ops, Map.of())), null, Map.of())));
    }

    private static Map<String, String> optional() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("username_claim", "preferred_username");
        m.put("groups_claim", "groups");
        m.put("username_prefix", "oidc:");
        m.put("groups_prefix", "oidc:");
        return java.util.Collections.unmodifiableMap(m);
    }
}
