package dev.clusterstack.core.verify;

import dev.clusterstack.core.crd.CrdSchemas;
import dev.clusterstack.core.crd.SchemaViolation;
import dev.clusterstack.core.testsupport.SharedFolder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code verify} validates an object against the schema of its own apiVersion: Cluster API v1.14.0's CRD files
 * serve v1beta1 and v1beta2 side by side, and the same kubeadm template is valid in one and refused in the other.
 * The CRDs' CEL rule on unique argument names, which the schema check does not evaluate, is checked by
 * {@link ArgumentNames}.
 */
class V1beta2SchemasTest {
    private static final String KCPT = """
            apiVersion: controlplane.cluster.x-k8s.io/%s
            kind: KubeadmControlPlaneTemplate
            metadata:
              name: demo-control-plane
              namespace: default
            spec:
              template:
                spec:
                  kubeadmConfigSpec:
                    clusterConfiguration:
                      apiServer:
                        extraArgs:
                          %s
            """;
    private static final String AS_LIST = "- {name: profiling, value: \"false\"}";
    private static final String AS_MAP = "profiling: \"false\"";

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(String version, String extraArgs) {
        return new Yaml(new LoaderOptions()).load(KCPT.formatted(version, extraArgs));
    }

    @Test
    @Tag("shared")
    void eachObjectIsValidatedAgainstTheSchemaOfItsOwnApiVersion() {
        CrdSchemas crds = CrdSchemas.load(SharedFolder.sharedOrSkip("crds/cluster-api-v1.14.0"));
        assertTrue(crds.hasSchema("controlplane.cluster.x-k8s.io/v1beta1", "KubeadmControlPlaneTemplate"));
        assertTrue(crds.hasSchema("controlplane.cluster.x-k8s.io/v1beta2", "KubeadmControlPlaneTemplate"));

        assertEquals(List.of(), crds.validate(object("v1beta2", AS_LIST)));
        assertEquals(List.of(), crds.validate(object("v1beta1", AS_MAP)));
        List<SchemaViolation> listAsV1beta1 = crds.validate(object("v1beta1", AS_LIST));
        List<SchemaViolation> mapAsV1beta2 = crds.validate(object("v1beta2", AS_MAP));
        assertFalse(listAsV1beta1.isEmpty(), "v1beta1 holds extraArgs as a map");
        assertFalse(mapAsV1beta2.isEmpty(), "v1beta2 holds extraArgs as a list");
        assertTrue(mapAsV1beta2.get(0).path().contains("extraArgs"), mapAsV1beta2.toString());
    }

    @Test
    @Tag("shared")
    void v1beta2RefusesTheEmptyObjectsAndListsThatV1beta1Took() {
        CrdSchemas crds = CrdSchemas.load(SharedFolder.sharedOrSkip("crds/cluster-api-v1.14.0"));
        Map<String, Object> emptyApiServer = new Yaml(new LoaderOptions()).load(KCPT.formatted("v1beta2", "[]")
                .replace("  extraArgs:\n", "").replace("[]", ""));
        Map<String, Object> emptyArgs = object("v1beta2", "[]");
        assertFalse(crds.validate(emptyApiServer).isEmpty(), "apiServer: {} (minProperties 1)");
        assertFalse(crds.validate(emptyArgs).isEmpty(), "extraArgs: [] (minItems 1)");
        Map<String, Object> v1beta1 = new Yaml(new LoaderOptions()).load(KCPT.formatted("v1beta1", "{}"));
        assertEquals(List.of(), crds.validate(v1beta1), "v1beta1 takes extraArgs: {}");
    }

    @Test
    void argumentNamesAreUniqueInV1beta2Only() {
        String twice = "[{name: profiling, value: \"false\"}, {name: v, value: \"2\"}, {name: profiling, value: \"true\"}]";
        assertEquals(List.of("spec.template.spec.kubeadmConfigSpec.clusterConfiguration.apiServer.extraArgs: extraArgs name"
                        + " must be unique (the CRD's CEL rule, checked by this project): 'profiling' is given more than once"),
                ArgumentNames.duplicates(object("v1beta2", twice)));
        assertEquals(List.of(), ArgumentNames.duplicates(object("v1beta2", AS_LIST)));
        assertEquals(List.of(), ArgumentNames.duplicates(object("v1beta1", twice)), "v1beta1 has no such rule");
    }
}
